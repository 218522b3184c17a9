/**
 * XmR statistical process control charts as NHS England's "Making Data Count" (MDC) draws them, with
 * NHSRplotthedots (the R package SPEC section 3 names) as the reference implementation.
 *
 *   mean     = average of the values (of the baseline, when one is given)
 *   mR̄       = average of |x_i − x_{i−1}| over consecutive values
 *   limits   = mean ∓ 2.66·mR̄ (natural process limits, "3σ"); σ = 2.66·mR̄/3 ≈ mR̄/1.128
 *   rules    = beyond a limit; a run of 7 on one side of the mean; a trend of 7; 2 of 3 beyond 2σ
 *              (details and the edge cases in spc/rules.ts)
 *   icons    = variation from the latest point; assurance from where a target sits against the limits
 *
 * Choices where the tools differ, and why:
 * - Moving ranges are not screened by default, as in the MDC Excel tools; NHSRplotthedots screens
 *   (drops mR ≥ 3.267·mR̄) by default, so `screenOutliers: true` reproduces it.
 * - A baseline computes the limits from part of the series and applies them to all of it (MDC's
 *   "baseline", NHSRplotthedots' fix_after_n_points generalised to any index range).
 * - Gaps (null or non-finite values) are skipped: no point is drawn or flagged, and the values either
 *   side of a gap are treated as consecutive for moving ranges, runs and trends.
 * - Excluded points (incomplete months) are gaps for every calculation, then drawn with their value
 *   and no variation ("ghosted", as the MDC tools call it; spc/types.ts SpcOptions.exclude).
 * - Empty case: fewer than 2 values (in the baseline) gives no limits, no flags and no icons, with the
 *   warning 'too_few_points'; nothing throws on data.
 */
import { observed, xmrLimits } from './spc/limits';
import { specialCauseRules } from './spc/rules';
import { assuranceIcon, classifyPoint, variationIcon } from './spc/icons';
import { SPC_RULES, type SpcOptions, type SpcPoint, type SpcResult, type SpcWarning } from './spc/types';

export type * from './spc/types';
export { SPC_RULES } from './spc/types';
export { LIMIT_FACTOR, MR_UPPER_FACTOR } from './spc/limits';
export { RUN_LENGTH, TREND_LENGTH } from './spc/rules';
export { ASSURANCE_LABELS, VARIATION_LABELS, assuranceIcon } from './spc/icons';

/** Fewer values than this behind the limits earns a 'short_baseline' warning (NHSRplotthedots' threshold). */
export const MIN_BASELINE_POINTS = 12;

export function spc(values: readonly (number | null | undefined)[], options: SpcOptions = {}): SpcResult {
  const higherIsBetter = options.higherIsBetter ?? null;
  const warnings: SpcWarning[] = [];
  const excluded = new Set(options.exclude ?? []);
  const obs = observed(values.map((v, i) => (excluded.has(i) ? null : v)));

  let start = 0;
  let end = values.length;
  if (options.baseline) {
    const b = options.baseline;
    const clamp = (i: number) => Math.min(Math.max(Number.isFinite(i) ? Math.trunc(i) : 0, 0), values.length);
    start = clamp(b.start);
    end = clamp(b.end);
    if (start !== b.start || end !== b.end) warnings.push('baseline_clamped');
  }
  const limits = xmrLimits(obs, start, end, options.screenOutliers ?? false);

  const points: SpcPoint[] = values.map((v, index) => ({
    index,
    value: typeof v === 'number' && Number.isFinite(v) ? v : null,
    movingRange: null,
    rules: [],
    variation: null,
    side: null,
    excluded: excluded.has(index)
  }));
  obs.forEach((o, k) => {
    if (k > 0) points[o.index]!.movingRange = Math.abs(o.value - obs[k - 1]!.value);
  });

  if (!limits) {
    warnings.push('too_few_points');
    return { points, limits: null, variation: null, assurance: null, warnings };
  }
  if (limits.points < MIN_BASELINE_POINTS) warnings.push('short_baseline');

  const flags = specialCauseRules(obs.map((o) => o.value), limits);
  obs.forEach((o, k) => {
    const p = points[o.index]!;
    const f = flags[k]!;
    const c = classifyPoint(o.value, f, limits, higherIsBetter);
    p.rules = SPC_RULES.filter((r) => f.rules.has(r));
    p.variation = c ? c.variation : 'common_cause';
    p.side = c ? c.side : null;
  });

  const latest = points[obs.at(-1)!.index]!;
  return {
    points,
    limits,
    variation: variationIcon(latest),
    assurance: assuranceIcon(limits, options.target, higherIsBetter),
    warnings
  };
}
