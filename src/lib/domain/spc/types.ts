/**
 * Types shared by the XmR (statistical process control) modules. See ../spc.ts for the method and
 * the choices made where NHS England's "Making Data Count" (MDC) tools and NHSRplotthedots differ.
 */

/** The four MDC special-cause rules. */
export type SpcRule =
  /** A point above the upper or below the lower process limit ("astronomical point"). */
  | 'beyond_limit'
  /** Part of a run of 7 or more consecutive points on the same side of the mean ("shift"). */
  | 'run'
  /** Part of 7 or more consecutive points each higher (or each lower) than the one before. */
  | 'trend'
  /** Beyond 2σ, in 3 consecutive points on one side of the mean of which 2 or more are beyond 2σ. */
  | 'two_of_three';

export const SPC_RULES: readonly SpcRule[] = ['beyond_limit', 'run', 'trend', 'two_of_three'];

/** Which way the special cause points: the side of the mean, or the direction of a trend. */
export type SpcSide = 'high' | 'low';

/**
 * A point's variation: common cause, or special cause that is an improvement or a concern given the
 * measure's direction, or 'neither' when the measure has no better direction.
 */
export type PointVariation = 'common_cause' | 'improvement' | 'concern' | 'neither';

/** The MDC variation icon for the series (from its latest point). */
export type VariationIcon =
  | 'common_cause'
  | 'improvement_high'
  | 'improvement_low'
  | 'concern_high'
  | 'concern_low'
  | 'neither_high'
  | 'neither_low';

/** The MDC assurance icon: can the process be relied on to meet the target? */
export type AssuranceIcon = 'pass' | 'fail' | 'hit_and_miss';

export interface SpcOptions {
  /** true: higher is better; false: lower is better; null/undefined: neither (no improvement or concern). */
  higherIsBetter?: boolean | null;
  /** A target value; the assurance icon needs it and a direction. */
  target?: number | null;
  /**
   * Compute the mean and limits from values[start, end) only (end exclusive, as Array.slice) and apply
   * them to the whole series, e.g. a pre-change baseline. Indices are clamped to the series.
   */
  baseline?: { start: number; end: number } | null;
  /**
   * Leave out moving ranges of 3.267·mR̄ or more and recompute mR̄ once (Nelson 1982), as
   * NHSRplotthedots does by default. Off by default, as in the MDC Excel tools.
   */
  screenOutliers?: boolean;
  /**
   * Indices of points drawn but left out of every calculation: the mean, the moving ranges, the limits and
   * the special-cause rules (incomplete months, domain/completeness.ts). Making Data Count's Excel tools
   * call this "ghosting" a point. NHSRplotthedots has no such option (its fix_after_n_points fixes the
   * limits from the first n points but still tests the later ones against the rules), so an excluded point
   * is treated as a gap in the series, as the reference implementation treats a missing value.
   */
  exclude?: readonly number[] | null;
}

export interface SpcLimits {
  mean: number;
  /** Average moving range (after screening, when asked for). */
  mrBar: number;
  /** σ = 2.66·mR̄ / 3 (mR̄ / 1.128 to four figures), so that the process limits are exactly 3σ. */
  sigma: number;
  /** Natural process limits mean ∓ 2.66·mR̄. Not clipped at 0: a chart may clip counts for display. */
  lower: number;
  upper: number;
  lower1Sigma: number;
  upper1Sigma: number;
  lower2Sigma: number;
  upper2Sigma: number;
  /** The index range [start, end) the limits were computed from (the whole series without a baseline). */
  baseline: { start: number; end: number };
  /** Values (non-null) the mean came from, and moving ranges in mR̄ (after screening). */
  points: number;
  movingRanges: number;
  /** Moving ranges left out by screening (0 unless screenOutliers). */
  screenedOut: number;
}

export interface SpcPoint {
  index: number;
  value: number | null;
  /** |value − previous value| (the previous non-null value); null for the first value and for gaps. */
  movingRange: number | null;
  /** Rules this point breaks, in SPC_RULES order; empty for common cause and for gaps. */
  rules: SpcRule[];
  /** 'common_cause' or the special cause's kind; null for gaps and when there are no limits. */
  variation: PointVariation | null;
  /** Which way a special cause points; null for common cause, gaps and no limits. */
  side: SpcSide | null;
  /** Left out of the calculations (SpcOptions.exclude): drawn, but no moving range, rule or variation. */
  excluded: boolean;
}

export type SpcWarning =
  /** Fewer than 2 values (in the baseline, when given): no moving range, so no limits. */
  | 'too_few_points'
  /** Limits rest on fewer than 12 values: NHSRplotthedots warns, MDC advises 15–20. */
  | 'short_baseline'
  /** The baseline asked for reached outside the series and was clamped. */
  | 'baseline_clamped';

export interface SpcResult {
  points: SpcPoint[];
  /** Null when there are fewer than 2 values to compute them from. */
  limits: SpcLimits | null;
  /** From the latest non-null point; null without limits. */
  variation: VariationIcon | null;
  /** Null without a target, a direction or limits. */
  assurance: AssuranceIcon | null;
  warnings: SpcWarning[];
}
