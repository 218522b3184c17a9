/**
 * The drawing of a rendered Plot chart: the svg itself, or, when Plot wraps it in a figure with a colour
 * key (`legend: true`), the figure's own last svg child: Plot puts the keys first (swatches, each a 15 px
 * svg inside a div, or a ramp svg) and the drawing after them.
 */
export function plotDrawing(chart: Element): SVGSVGElement | null {
  if (chart instanceof SVGSVGElement) return chart;
  const own = [...chart.children].filter((c): c is SVGSVGElement => c instanceof SVGSVGElement);
  return own.at(-1) ?? null;
}
