/**
 * Text a chart draws on screen at a readable size: Plot draws its text at 10 px unless told otherwise
 * (the drawing's font, a colour key's swatches and ramp), which is too small on a phone. Every drawing on
 * the page goes through here (PlotFigure), so a chart's own options need not repeat it; a size a chart
 * asks for is kept when it is larger. Pure: options in, options out.
 */
import type * as Plot from '@observablehq/plot';
import { CHART_FONT, CHART_FONT_PX } from './label-fit';

/** The smallest text any chart may draw on screen, CSS px. */
export const MIN_CHART_FONT_PX = 11;

/** A CSS font size at least `min` px: a size in px below it becomes `fallback` px; other sizes are kept. */
export function atLeastPx(size: string | number | undefined, min = MIN_CHART_FONT_PX, fallback = CHART_FONT_PX): string {
  if (size === undefined || size === '') return `${fallback}px`;
  const px = typeof size === 'number' ? size : /^\s*[\d.]+\s*(px)?\s*$/.test(size) ? parseFloat(size) : null;
  if (px === null) return String(size); // em, rem, %: relative to text that is already at least `min`
  return px < min ? `${fallback}px` : `${px}px`;
}

type Style = Partial<CSSStyleDeclaration>;
const styleOf = (s: unknown): Style => (s && typeof s === 'object' ? (s as Style) : {});

/** The scales that can draw a key (a legend) beside the plot. */
const KEYED = ['color', 'opacity', 'symbol', 'r'] as const;

/** `options` with the drawing's and every key's text at least MIN_CHART_FONT_PX, in the charts' font. */
export function readableText(options: Plot.PlotOptions): Plot.PlotOptions {
  const style = styleOf(options.style);
  const out: Plot.PlotOptions = {
    ...options,
    style: { ...style, fontFamily: style.fontFamily || CHART_FONT, fontSize: atLeastPx(style.fontSize) }
  };
  for (const key of KEYED) {
    const scale = options[key] as (Plot.ScaleOptions & { legend?: unknown; style?: unknown }) | undefined;
    if (!scale || typeof scale !== 'object' || !scale.legend) continue;
    const own = styleOf(scale.style);
    (out as Record<string, unknown>)[key] = { ...scale, style: { ...own, fontFamily: own.fontFamily || CHART_FONT, fontSize: atLeastPx(own.fontSize) } };
  }
  return out;
}
