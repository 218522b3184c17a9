/**
 * XmR limits: the mean, the average moving range mR̄ and the natural process limits mean ∓ 2.66·mR̄,
 * with the 1σ and 2σ lines between. Values are the non-null points in series order; a gap (null) is
 * skipped, so the moving range after a gap is taken from the previous value present. Under common-cause
 * variation consecutive values are independent, so that moving range has the same distribution.
 */
import type { SpcLimits } from './types';

/** 2.66 = 3 / d2 with d2 = 1.128 for moving ranges of two; the NHS tools use it rounded. */
export const LIMIT_FACTOR = 2.66;
/** D4 for n = 2: moving ranges at or above 3.267·mR̄ are screened out when asked. */
export const MR_UPPER_FACTOR = 3.267;

export interface Observed {
  index: number;
  value: number;
}

/** The finite values with their positions; null, NaN and ±Infinity are gaps. */
export function observed(values: readonly (number | null | undefined)[]): Observed[] {
  const out: Observed[] = [];
  values.forEach((v, index) => {
    if (typeof v === 'number' && Number.isFinite(v)) out.push({ index, value: v });
  });
  return out;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/**
 * Limits from the observed points whose index is in [start, end). Null with fewer than 2 such points.
 * Moving ranges are between consecutive observed points that are both in the range.
 */
export function xmrLimits(obs: Observed[], start: number, end: number, screenOutliers = false): SpcLimits | null {
  const ys = obs.filter((o) => o.index >= start && o.index < end).map((o) => o.value);
  if (ys.length < 2) return null;
  let mrs = ys.slice(1).map((y, i) => Math.abs(y - ys[i]!));
  let mrBar = mean(mrs);
  let screenedOut = 0;
  if (screenOutliers && mrBar > 0) {
    // As NHSRplotthedots: keep moving ranges below 3.267·mR̄, then recompute mR̄ once.
    const kept = mrs.filter((mr) => mr < MR_UPPER_FACTOR * mrBar);
    screenedOut = mrs.length - kept.length;
    mrs = kept;
    mrBar = mean(mrs);
  }
  const m = mean(ys);
  const sigma = (LIMIT_FACTOR * mrBar) / 3;
  return {
    mean: m,
    mrBar,
    sigma,
    lower: m - LIMIT_FACTOR * mrBar,
    upper: m + LIMIT_FACTOR * mrBar,
    lower1Sigma: m - sigma,
    upper1Sigma: m + sigma,
    lower2Sigma: m - 2 * sigma,
    upper2Sigma: m + 2 * sigma,
    baseline: { start, end },
    points: ys.length,
    movingRanges: mrs.length,
    screenedOut
  };
}
