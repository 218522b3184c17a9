/**
 * Room for axis labels, worked out before drawing: text widths measured with the page's own font
 * (a canvas, in the browser; exports copy the page's drawing, so they match), else estimated from a
 * table of character widths (in unit tests); a left margin wide enough for the longest label up to a
 * share of the chart, and labels shortened with … to fit it (the full name stays in the table twin).
 */

/** The charts' font (Plot's style in every chart's options). */
export const CHART_FONT = 'system-ui, sans-serif';
/** The charts' text size on screen, CSS px: what label widths are measured at (Plot's own default, 10 px, is too small to read on a phone). */
export const CHART_FONT_PX = 12;

let context: CanvasRenderingContext2D | null | undefined;
function canvas(): CanvasRenderingContext2D | null {
  if (context === undefined) context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  return context;
}

/** Advance widths in em of a typical UI sans-serif (system-ui, Arial, Helvetica), by character class. */
function charEm(c: string): number {
  if (/[il.,:;'|!]/.test(c)) return 0.28;
  if (/[fjrt()[\]\- ]/.test(c)) return 0.36;
  if (/[mwMW]/.test(c)) return 0.86;
  if (/[A-Z]/.test(c)) return 0.68;
  if (/[0-9]/.test(c)) return 0.56;
  return 0.54;
}

/** Width in px of `text` at `fontPx`: measured in the browser, estimated elsewhere. */
export function textWidth(text: string, fontPx: number): number {
  const ctx = canvas();
  if (ctx) {
    ctx.font = `${fontPx}px ${CHART_FONT}`;
    return ctx.measureText(text).width;
  }
  return estimatedWidth(text, fontPx);
}

/** Width in px of `text` from the table of character widths. */
export function estimatedWidth(text: string, fontPx: number): number {
  let em = 0;
  for (const c of text) em += charEm(c);
  return em * fontPx;
}

/** `text` cut with … so it is at most `maxPx` wide (whole when it fits). */
export function fitText(text: string, maxPx: number, fontPx: number): string {
  if (textWidth(text, fontPx) <= maxPx) return text;
  let out = text;
  while (out.length > 1 && textWidth(`${out}…`, fontPx) > maxPx) out = out.slice(0, -1);
  return `${out.trimEnd()}…`;
}

/**
 * An axis title in at most two lines of at most `maxPx` (broken between words; the second cut with … only if it
 * still does not fit), and how many lines it took: a phone's narrow chart cut "referral places a year per 1,000
 * residents" to "referral places a year per 1,0…", losing the unit. Plot draws each line of a "\n".
 */
export function wrapLabel(text: string, maxPx: number, fontPx: number): { text: string; lines: number } {
  if (textWidth(text, fontPx) <= maxPx) return { text, lines: 1 };
  const words = text.split(' ');
  let first = '';
  let i = 0;
  while (i < words.length && textWidth(first ? `${first} ${words[i]}` : words[i]!, fontPx) <= maxPx) first = first ? `${first} ${words[i++]}` : words[i++]!;
  if (!first) return { text: fitText(text, maxPx, fontPx), lines: 1 };
  return { text: `${first}\n${fitText(words.slice(i).join(' '), maxPx, fontPx)}`, lines: 2 };
}

/**
 * A left margin for horizontal-bar labels: the longest label's width plus the tick's padding, at most
 * `maxShare` of the chart's width; and the formatter that shortens a label to fit it.
 */
export function labelMargin(labels: readonly string[], width: number, fontPx = 12, maxShare = 0.4): { margin: number; format: (s: string) => string } {
  const PAD = 14; // tick length and gap before the label
  const widest = Math.max(0, ...labels.map((l) => textWidth(l, fontPx)));
  const margin = Math.ceil(Math.min(widest + PAD, Math.max(80, width * maxShare)));
  return { margin, format: (s: string) => fitText(s, margin - PAD, fontPx) };
}

/** A label along an axis: its position in px and how it is anchored there. */
export interface AxisLabel {
  x: number;
  text: string;
  anchor: 'start' | 'middle' | 'end';
}

/**
 * Which labels along an axis can be shown without touching (a gap of `gapPx` between them): the first and
 * last first, then the middle, then the rest, each kept only if it does not run into one already kept. On a
 * narrow key the in-between labels give way; the ticks themselves are still drawn.
 */
export function labelsThatFit(labels: readonly AxisLabel[], fontPx = CHART_FONT_PX, gapPx = 6): boolean[] {
  const n = labels.length;
  const order = [...new Set([0, n - 1, Math.floor((n - 1) / 2), ...labels.keys()])].filter((i) => i >= 0 && i < n);
  const kept: { left: number; right: number }[] = [];
  const shown = labels.map(() => false);
  for (const i of order) {
    const l = labels[i]!;
    const w = textWidth(l.text, fontPx);
    const left = l.anchor === 'start' ? l.x : l.anchor === 'end' ? l.x - w : l.x - w / 2;
    const box = { left, right: left + w };
    if (kept.some((k) => box.left < k.right + gapPx && k.left < box.right + gapPx)) continue;
    kept.push(box);
    shown[i] = true;
  }
  return shown;
}
