/**
 * A standalone SVG document from a chart's drawing and the words every export carries: the title and
 * subtitle above, then notes, the suppression footnote, the source line and the export date below,
 * all as <text> (so they survive in any SVG renderer and in Word, and are searchable).
 *
 * Pure string building: every piece of user text is XML-escaped here, so a provider called
 * `<script>alert(1)</script>` stays inert text. The body (the chart itself) arrives already serialised
 * by an XML serialiser (svg-snapshot.ts), which escapes its own text.
 */

/** Fonts for every piece of text: the app's own stack, then fonts most renderers have, then a generic family. */
export const FONT_STACK = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif";

const GENERIC = new Set(['serif', 'sans-serif', 'monospace', 'cursive', 'fantasy', 'system-ui', 'ui-sans-serif', 'ui-serif', 'ui-monospace']);

/**
 * A computed font-family with fallbacks for renderers that lack the first choice: `system-ui`
 * alone means nothing to Inkscape or librsvg, so the common sans fonts and `sans-serif` follow.
 * Double quotes become single ones (the value goes into a style attribute).
 */
export function withFontFallbacks(family: string): string {
  const names = family.split(',').map((f) => f.trim().replace(/"/g, "'")).filter(Boolean);
  const seen = new Set(names.map((n) => n.replace(/'/g, '').toLowerCase()));
  const monospace = seen.has('monospace') || seen.has('ui-monospace');
  const extra = monospace ? ["'DejaVu Sans Mono'", "'Courier New'", 'monospace'] : FONT_STACK.split(', ');
  for (const f of extra) {
    const key = f.replace(/'/g, '').toLowerCase();
    if (!seen.has(key)) {
      names.push(f);
      seen.add(key);
    }
  }
  // The generic family goes last, where every renderer expects it.
  const generic = names.filter((n) => GENERIC.has(n.toLowerCase()) && n.toLowerCase() !== 'system-ui');
  return [...names.filter((n) => !generic.includes(n)), ...generic].join(', ');
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Text safe in XML and HTML, as element text or a quoted attribute: the five markup characters escaped, and the
 * characters XML 1.0 does not allow at all (control characters other than tab and newlines) left out. One pass:
 * the table twins escape every cell of their tables with it on each filter change (charts/twin-rows.ts).
 */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[&<>"']|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => XML_ESCAPES[c] ?? '');
}

/** Width of a string in px at a font size; the browser passes a canvas measure, tests use the estimate. */
export type Measure = (text: string, fontSize: number, bold: boolean) => number;

/** An estimate for sans fonts (average glyph ~0.55 em, bold a little wider). */
export const estimateWidth: Measure = (text, fontSize, bold) => text.length * fontSize * (bold ? 0.6 : 0.54);

/** Greedy word wrap to a width; a word longer than the line is kept whole on its own line. */
export function wrapText(text: string, width: number, fontSize: number, bold = false, measure: Measure = estimateWidth): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (line && measure(next, fontSize, bold) > width) {
      lines.push(line);
      line = w;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

export interface ExportText {
  title: string;
  subtitle: string;
  /** Notes shown with the chart on screen (what is drawn, what is not). */
  notes?: string[];
  footnote: string;
  source: string;
  /** "Exported 3 Jun 2026". */
  exported?: string;
}

export interface SvgBody {
  /** Serialised SVG elements drawn in a box from (0, 0) to (width, height). */
  markup: string;
  width: number;
  height: number;
}

export interface ComposedSvg {
  svg: string;
  width: number;
  height: number;
}

/** Padding round the picture, CSS px. */
export const PAD = 16;
const MIN_WIDTH = 480;
const INK = '#212b32';
const MUTED = '#4c6272';

interface Block {
  lines: string[];
  size: number;
  bold: boolean;
  colour: string;
  gapBefore: number;
}

/**
 * The whole document: header, the body at its on-screen size, footer. Width is the body's width
 * plus padding (at least MIN_WIDTH, so the words have room); height follows from the wrapped text.
 * `words: false` leaves the header and footer out (a board pack sets them as text in the document
 * around the picture); the title stays in <title> for the alternative text.
 */
export function composeSvg(text: ExportText, body: SvgBody, measure: Measure = estimateWidth, options: { words?: boolean } = {}): ComposedSvg {
  const words = options.words ?? true;
  const width = Math.ceil(words ? Math.max(MIN_WIDTH, body.width + 2 * PAD) : body.width + 2 * PAD);
  const inner = width - 2 * PAD;
  const block = (t: string, size: number, bold: boolean, colour: string, gapBefore = 0): Block => ({
    lines: wrapText(t, inner, size, bold, measure), size, bold, colour, gapBefore
  });
  const head = (words ? [block(text.title, 18, true, INK), block(text.subtitle, 12, false, MUTED, 2)] : []).filter((b) => b.lines.length);
  const foot = (words ? [
    ...(text.notes ?? []).map((n) => block(n, 12, false, INK, 4)),
    block(text.footnote, 12, false, MUTED, 6),
    block(text.source, 12, false, MUTED, 2),
    ...(text.exported ? [block(text.exported, 12, false, MUTED, 2)] : [])
  ] : []).filter((b) => b.lines.length);

  const out: string[] = [];
  let y = PAD;
  const emit = (b: Block) => {
    y += b.gapBefore;
    const lh = Math.round(b.size * 1.3);
    for (const line of b.lines) {
      y += lh;
      out.push(
        `<text x="${PAD}" y="${y - Math.round(b.size * 0.3)}" font-size="${b.size}"${b.bold ? ' font-weight="700"' : ''} fill="${b.colour}">${escapeXml(line)}</text>`
      );
    }
  };
  head.forEach(emit);
  if (head.length) y += 10;
  const bodyTop = y;
  y += body.height + (foot.length ? 6 : 0);
  foot.forEach(emit);
  const height = Math.ceil(y + PAD);

  const svg = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT_STACK)}">`,
    `<title>${escapeXml(text.title)}</title>`,
    `<desc>${escapeXml([text.subtitle, ...(text.notes ?? []), text.footnote, text.source].filter(Boolean).join(' '))}</desc>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<g class="header">${out.splice(0, head.reduce((n, b) => n + b.lines.length, 0)).join('')}</g>`,
    `<g class="chart" transform="translate(${PAD} ${bodyTop})">${body.markup}</g>`,
    `<g class="footer">${out.join('')}</g>`,
    '</svg>'
  ].join('\n');
  return { svg, width, height };
}
