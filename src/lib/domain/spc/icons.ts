/**
 * Improvement / concern for each special-cause point, and the MDC variation and assurance icons.
 */
import type { AssuranceIcon, PointVariation, SpcLimits, SpcSide, VariationIcon } from './types';
import type { RuleFlags } from './rules';

/**
 * A special-cause point's variation and side, as NHSRplotthedots decides them: the first rule that
 * flags the point, in the order beyond a limit, trend, two of three, run, gives the side (the side
 * of the mean the point is on, or for a trend its direction: a rising trend is 'high' even below the
 * mean, and a peak takes the trend that goes on from it). With a direction, that side is an
 * improvement or a concern; with none, it is 'neither' on that side. So a point of a falling trend
 * inside a run above the mean is a concern when higher is better, and a point below the lower limit
 * that starts a rising trend is a concern too (the limit comes first). The MDC Excel tool instead
 * shows improvement whenever any rule points the good way; we follow the reference implementation.
 */
export function classifyPoint(
  value: number,
  flags: RuleFlags,
  l: SpcLimits,
  higherIsBetter: boolean | null
): { variation: PointVariation; side: SpcSide } | null {
  if (flags.rules.size === 0) return null;
  const level: SpcSide | null = value > l.mean ? 'high' : value < l.mean ? 'low' : null;
  const side: SpcSide | null = flags.rules.has('beyond_limit')
    ? level
    : flags.rules.has('trend')
      ? flags.trendSide
      : flags.rules.has('two_of_three') || flags.rules.has('run')
        ? level
        : null;
  if (!side) return null;
  if (higherIsBetter === null) return { variation: 'neither', side };
  return { variation: side === (higherIsBetter ? 'high' : 'low') ? 'improvement' : 'concern', side };
}

/** The series' variation icon from its latest point, as MDC and NHSRplotthedots do. */
export function variationIcon(latest: { variation: PointVariation | null; side: SpcSide | null }): VariationIcon {
  if (!latest.variation || latest.variation === 'common_cause' || !latest.side) return 'common_cause';
  return `${latest.variation}_${latest.side}`;
}

/**
 * Assurance against a target, from the process limits (the baseline's, when one is set):
 * the target beyond the limits on the good side → every value can be expected to meet it ('pass');
 * beyond them on the bad side → none will ('fail'); between (or on) the limits → 'hit_and_miss'.
 * None without a finite target or a direction (as NHSRplotthedots for 'neutral' measures).
 */
export function assuranceIcon(l: SpcLimits | null, target: number | null | undefined, higherIsBetter: boolean | null): AssuranceIcon | null {
  if (!l || higherIsBetter === null || typeof target !== 'number' || !Number.isFinite(target)) return null;
  if (target > l.upper) return higherIsBetter ? 'fail' : 'pass';
  if (target < l.lower) return higherIsBetter ? 'pass' : 'fail';
  return 'hit_and_miss';
}

/** Plain-English wording of each icon, as MDC's guidance words them (for tooltips and table twins). */
export const VARIATION_LABELS: Record<VariationIcon, string> = {
  common_cause: 'Common cause variation: no significant change',
  improvement_high: 'Special cause variation of an improving nature, where the measure is significantly higher',
  improvement_low: 'Special cause variation of an improving nature, where the measure is significantly lower',
  concern_high: 'Special cause variation of a concerning nature, where the measure is significantly higher',
  concern_low: 'Special cause variation of a concerning nature, where the measure is significantly lower',
  neither_high: 'Special cause variation, neither improving nor concerning, where the measure is significantly higher',
  neither_low: 'Special cause variation, neither improving nor concerning, where the measure is significantly lower'
};

export const ASSURANCE_LABELS: Record<AssuranceIcon, string> = {
  pass: 'The system is expected to consistently pass the target',
  fail: 'The system is expected to consistently fail the target',
  hit_and_miss: 'The system may achieve or fail the target, subject to random variation'
};
