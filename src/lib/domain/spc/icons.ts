/**
 * Improvement / concern for each special-cause point, and the MDC variation and assurance icons.
 */
import type { AssuranceIcon, PointVariation, SpcLimits, SpcSide, VariationIcon } from './types';
import type { RuleFlags } from './rules';

/**
 * A special-cause point's variation and side. Each rule points one way: beyond_limit, run and
 * two_of_three to the side of the mean the point is on; trend to the trend's direction (a rising
 * trend is 'high' even below the mean). With a direction, the point is an improvement if any rule
 * points the good way (the MDC Single Chart tool shows improvement when both are triggered), else a
 * concern. With no direction it is 'neither', on its side of the mean, or the trend's way when only
 * a trend flags it.
 */
export function classifyPoint(
  value: number,
  flags: RuleFlags,
  l: SpcLimits,
  higherIsBetter: boolean | null
): { variation: PointVariation; side: SpcSide } | null {
  if (flags.rules.size === 0) return null;
  const level: SpcSide | null = value > l.mean ? 'high' : value < l.mean ? 'low' : null;
  const sides = new Set<SpcSide>(flags.trend);
  const levelRule = flags.rules.has('beyond_limit') || flags.rules.has('run') || flags.rules.has('two_of_three');
  if (levelRule && level) sides.add(level);
  if (higherIsBetter === null) {
    const side = (levelRule && level) || (sides.size === 1 ? [...sides][0]! : (level ?? 'high'));
    return { variation: 'neither', side };
  }
  const good: SpcSide = higherIsBetter ? 'high' : 'low';
  const bad: SpcSide = higherIsBetter ? 'low' : 'high';
  return sides.has(good) ? { variation: 'improvement', side: good } : { variation: 'concern', side: bad };
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
