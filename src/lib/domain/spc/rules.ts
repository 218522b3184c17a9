/**
 * The MDC special-cause rules on a series of values (gaps already removed, so the points before and
 * after a gap count as consecutive), against limits that may come from a baseline.
 *
 * - beyond_limit: above the upper or below the lower process limit (strictly).
 * - run: 7 or more consecutive points on the same side of the mean; every point of the run is flagged.
 *   A point exactly on the mean is on neither side and breaks a run (as NHSRplotthedots).
 * - trend: 7 or more consecutive points (6 steps) each strictly higher, or each strictly lower, than
 *   the one before; every point of the trend is flagged. An equal pair breaks a trend, as in
 *   NHSRplotthedots (the sign of a zero step is 0). The older 2017 NHS run-chart guide instead let a
 *   repeated value neither add to nor break a trend; we follow the reference implementation.
 * - two_of_three: in any 3 consecutive points that are all on the same side of the mean, 2 or more
 *   beyond 2σ on that side; the points beyond 2σ are flagged (not the third). Points beyond the
 *   process limit count as beyond 2σ: MDC's rule since its tools' late-2023 update (NHSRplotthedots
 *   issue #194); older versions counted only points between 2σ and 3σ.
 */
import type { SpcLimits, SpcRule, SpcSide } from './types';

/** Run and trend lengths (points) that signal special cause in MDC's SPC charts. */
export const RUN_LENGTH = 7;
export const TREND_LENGTH = 7;

export interface RuleFlags {
  rules: Set<SpcRule>;
  /** Directions of the trends the point belongs to (a peak can end one trend and start another). */
  trend: Set<SpcSide>;
  /**
   * The trend's direction as NHSRplotthedots reads it: a point in two trends (a peak or a trough)
   * takes the one that goes on from it to the next point (its "right side").
   */
  trendSide: SpcSide | null;
}

const sign = (x: number) => (x > 0 ? 1 : x < 0 ? -1 : 0);

/** Mark every maximal stretch [i, j] of equal non-zero keys at least `min` long. */
function stretches(keys: number[], min: number, mark: (i: number, j: number, key: number) => void): void {
  let i = 0;
  while (i < keys.length) {
    let j = i;
    while (j + 1 < keys.length && keys[j + 1] === keys[i]) j++;
    if (keys[i] !== 0 && j - i + 1 >= min) mark(i, j, keys[i]!);
    i = j + 1;
  }
}

export function specialCauseRules(ys: number[], l: SpcLimits): RuleFlags[] {
  const flags: RuleFlags[] = ys.map(() => ({ rules: new Set<SpcRule>(), trend: new Set<SpcSide>(), trendSide: null }));
  const side = ys.map((y) => sign(y - l.mean));

  ys.forEach((y, i) => {
    if (y > l.upper || y < l.lower) flags[i]!.rules.add('beyond_limit');
  });

  stretches(side, RUN_LENGTH, (i, j) => {
    for (let k = i; k <= j; k++) flags[k]!.rules.add('run');
  });

  // Step k is from point k to k + 1; a stretch of s equal steps covers s + 1 points.
  const steps = ys.slice(1).map((y, k) => sign(y - ys[k]!));
  stretches(steps, TREND_LENGTH - 1, (i, j, dir) => {
    const side: SpcSide = dir > 0 ? 'high' : 'low';
    for (let k = i; k <= j + 1; k++) {
      flags[k]!.rules.add('trend');
      flags[k]!.trend.add(side);
      // Points with a step of this trend after them take its side; the trend's last point only if no
      // later trend starts there (stretches come left to right, so a later one overwrites it).
      if (k <= j || flags[k]!.trendSide === null) flags[k]!.trendSide = side;
    }
  });

  const beyond2 = ys.map((y, i) => (side[i]! > 0 ? y > l.upper2Sigma : side[i]! < 0 ? y < l.lower2Sigma : false));
  for (let i = 0; i + 2 < ys.length; i++) {
    const w = [i, i + 1, i + 2];
    const s = side[i]!;
    if (s === 0 || !w.every((k) => side[k] === s)) continue;
    const far = w.filter((k) => beyond2[k]);
    if (far.length >= 2) for (const k of far) flags[k]!.rules.add('two_of_three');
  }
  return flags;
}
