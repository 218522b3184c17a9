/**
 * Colours for categorical series: Okabe and Ito's palette, distinguishable with the common forms
 * of colour-blindness, darkest first so the first series reads well on white. Series beyond eight
 * are left to the table (a chart with more lines than this is not readable anyway).
 */
export const CATEGORY_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'] as const;
export const MAX_SERIES = CATEGORY_COLOURS.length;

/** SPC point colours as Making Data Count uses them (blue improvement, orange concern, purple neither, grey common cause). */
export const SPC_COLOURS = { common_cause: '#768692', improvement: '#0072B2', concern: '#D55E00', neither: '#7B3294' } as const;

/** 'yyyy-mm' → the first of the month as a UTC date, for a time axis. */
export const monthDate = (m: string) => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1, 1));

