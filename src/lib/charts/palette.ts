/**
 * The app's colours, one meaning each (docs/palette.md lists where every role is used). A chart asks for a
 * role, never a hex code, so "orange" means "worse" on every chart and nothing else.
 *
 * Every role is at least 3:1 against white (WCAG 1.4.11, graphical objects); the roles that sit side by side
 * on one chart (measure and comparison, worse and better, unusual and neutral) differ in hue and lightness so
 * they survive the common forms of colour-blindness (Okabe and Ito's blue and bluish green; ColorBrewer
 * PuOr's orange and purple, the ends of the map's diverging scale).
 */
export const ROLE = {
  /** The figure itself when nothing is judged: bars, dots, a single line, its interval (paler). */
  measure: '#0072B2',
  /** What the measure is compared against, drawn beside it: places against accepted referrals, residents' share against referral share. */
  comparison: '#009E73',
  /** Worse than it should be: over capacity, below fair share, short-term funding, a special cause of concern. */
  worse: '#B35806',
  /** Better: a special cause of improvement, above fair share. */
  better: '#542788',
  /** Nothing to remark: within the limits, common-cause variation. */
  neutral: '#768692',
  /** Stands out with no direction judged: outside a funnel's limits, special cause where no direction is better, a gap in funding. */
  unusual: '#000000',
  /** Reference lines: zero, 100%, averages, control limits, targets, the line of equality, a fitted line. */
  reference: '#4C6272',
  /** Figures not yet complete or uncertain (recent months): drawn hollow or dashed as well. */
  incomplete: '#8A7D6B'
} as const;
export type Role = keyof typeof ROLE;

/**
 * Colours for categorical series named by a key (several areas on one trend): Okabe and Ito's palette,
 * distinguishable with the common forms of colour-blindness, darkest first so the first series reads well on
 * white; orange (worse) comes last. The colour names the series only. Series beyond eight are left to the
 * table (a chart with more lines than this is not readable anyway).
 */
export const CATEGORY_COLOURS = ['#0072B2', '#009E73', '#CC79A7', '#000000', '#56B4E9', '#E69F00', '#D55E00', '#F0E442'] as const;
export const MAX_SERIES = CATEGORY_COLOURS.length;

/** SPC point colours by the roles, as Making Data Count names them (improvement, concern, neither, common cause). */
export const SPC_COLOURS = { common_cause: ROLE.neutral, improvement: ROLE.better, concern: ROLE.worse, neither: ROLE.unusual } as const;

/** 'yyyy-mm' → the first of the month as a UTC date, for a time axis. */
export const monthDate = (m: string) => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1, 1));
