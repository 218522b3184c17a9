/**
 * What can be exported from a chart or table on screen, and the exports themselves (browser only):
 * PNG at two sizes, standalone SVG, CSV (plain, or with the title and notes above it), an image on
 * the clipboard, and a board-pack item. A chart's spec (charts/spec-export.ts) and the Map each
 * describe themselves as an ExportSubject; everything else is shared, so every chart exports alike.
 */
import { suppressionFootnote } from '../domain/stats/suppression';
import type { BoardItemInput } from './board-item';
import { downloadText, rowsToCsv } from './csv';
import { downloadBytes } from './download';
import { exportFileName } from './file-name';
import { PRINT_LAYOUT, SLIDE_LAYOUT, printPixels, type DrawBox } from './layout';
import { PRINT_DPI, SCREEN_DPI, SCREEN_SCALE, pngSize } from './png';
import { canvasMeasure, svgToPng } from './render';
import { PAD, composeSvg, type ComposedSvg, type ExportText, type SvgBody } from './svg-compose';
import { tableCsv, tableCsvWithNotes, type CellMatrix } from './table-csv';

export interface ExportSubject {
  /** Stable id, the start of every file name ('waiting-trend', 'dft-by-area'). */
  id: string;
  title: string;
  /** The filters and period, as on screen. */
  subtitle: string;
  source: string;
  /** The suppression footnote; defaults to the standard one. */
  footnote?: string;
  /** A warning the CSV starts with, on a line of its own (spec.ts ChartSpec.warning). */
  warning?: string;
  /** The sentences that go with the chart. */
  notes?: () => string[];
  /**
   * The picture laid out for a box (export/layout.ts), as SVG markup with its size: the chart and its
   * key, without the words above and below.
   */
  drawing: (box: DrawBox) => SvgBody;
  /** What the chart shows, in one sentence ("Sefton receives 41.8% less than its fair share."): the start of its alternative text. */
  finding?: () => string;
  /** How the figures are calculated, for a board pack's methods annex; defaults to the notes. */
  method?: () => string[];
  /** The numbers drawn: the table twin's rows, header first, with the export's columns (CSV); null when there is none. */
  table: () => CellMatrix | null;
  /** The same table with the columns shown on screen, for a board pack; defaults to `table`. */
  shownTable?: () => CellMatrix | null;
  /** File name parts when the subtitle does not give them well. */
  file?: { period?: string | null; area?: string | null };
}

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

export function exportText(s: ExportSubject, now = new Date()): ExportText {
  return {
    title: s.title,
    subtitle: s.subtitle,
    notes: s.notes?.() ?? [],
    footnote: s.footnote ?? suppressionFootnote(),
    source: s.source,
    exported: `Exported ${DAY.format(now)}`
  };
}

export function fileName(s: ExportSubject, ext: string, suffix?: string): string {
  return exportFileName({ id: s.id, subtitle: s.subtitle, ...s.file, suffix }, ext);
}

/**
 * The standalone SVG: the drawing with the words above and below it (or without, for a board pack),
 * laid out for a box (the print layout unless told otherwise). A drawing that is too tall is drawn
 * again with the room the words leave (a map fits itself to it).
 */
export function svgOf(s: ExportSubject, words = true, box: { width: number; height: number } = PRINT_LAYOUT): ComposedSvg {
  const text = exportText(s);
  const inner = box.width - 2 * PAD;
  let body = s.drawing({ width: inner });
  if (!body.markup) throw new Error('There is nothing drawn to export.');
  let svg = composeSvg(text, body, canvasMeasure, { words });
  const room = box.height - (svg.height - body.height);
  if (svg.height > box.height && room > 120) {
    body = s.drawing({ width: inner, height: room });
    svg = composeSvg(text, body, canvasMeasure, { words });
  }
  return svg;
}

export type PngSize = 'screen' | 'print';

/** Screen: the picture at 2× its CSS size. Print: 160 mm wide at 300 dpi, at most 230 mm tall (layout.ts printPixels). */
export async function pngOf(s: ExportSubject, size: PngSize, svg: ComposedSvg = svgOf(s)): Promise<Uint8Array> {
  if (size === 'screen') return svgToPng(svg.svg, svg.width, svg.height, svg.width * SCREEN_SCALE, SCREEN_DPI);
  const pixels = printPixels(svg.width, svg.height);
  return svgToPng(svg.svg, svg.width, svg.height, pixels.width, PRINT_DPI, pixels.height);
}

export async function downloadPng(s: ExportSubject, size: PngSize): Promise<string> {
  const bytes = await pngOf(s, size);
  const name = fileName(s, 'png', size === 'print' ? '300dpi' : undefined);
  downloadBytes(name, bytes, 'image/png');
  const { width, height } = pngSize(bytes);
  return `Downloaded ${name} (${width} × ${height} pixels).`;
}

export function downloadSvg(s: ExportSubject): string {
  const name = fileName(s, 'svg');
  downloadText(name, svgOf(s).svg, 'image/svg+xml;charset=utf-8');
  return `Downloaded ${name}.`;
}

export function csvOf(s: ExportSubject, withNotes: boolean): string {
  const table = s.table();
  if (!table || table.length < 2) throw new Error('This chart has no rows to export.');
  const csv = withNotes ? tableCsvWithNotes(exportText(s), table) : tableCsv(table);
  // The warning's own line first, then the file as it would be (its byte-order mark dropped: one is enough).
  return s.warning ? rowsToCsv([[s.warning]]) + csv.slice(1) : csv;
}

export function downloadCsv(s: ExportSubject, withNotes: boolean): string {
  const name = fileName(s, 'csv', withNotes ? 'with-notes' : undefined);
  downloadText(name, csvOf(s, withNotes));
  return `Downloaded ${name}.`;
}

/** True where the browser lets a page put an image on the clipboard. */
export function canCopyImage(): boolean {
  return typeof window !== 'undefined' && 'ClipboardItem' in window && typeof navigator.clipboard?.write === 'function';
}

/**
 * The screen-size PNG on the clipboard. The PNG is handed over as a promise so the browser still
 * counts the click as the reason for writing (Safari insists on that).
 */
export async function copyImage(s: ExportSubject): Promise<string> {
  const svg = svgOf(s);
  const png = pngOf(s, 'screen', svg).then((b) => new Blob([b as BlobPart], { type: 'image/png' }));
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': png })]);
  return 'Image copied: paste it into Word, PowerPoint or an email.';
}

/**
 * A board-pack item: the print-size PNG and the SVG of the drawing alone, with every word the item
 * carries kept as text (the Word, PowerPoint and print versions set them around the picture).
 */
export async function boardItemOf(s: ExportSubject, kind: 'chart' | 'table' = 'chart'): Promise<BoardItemInput> {
  const text = exportText(s);
  const finding = s.finding?.().trim() ?? '';
  const common = {
    chartId: s.id,
    kind,
    title: s.title,
    subtitle: s.subtitle,
    finding,
    notes: text.notes ?? [],
    method: s.method?.() ?? text.notes ?? [],
    footnote: text.footnote,
    source: s.source,
    alt: [finding, `${s.title}. ${s.subtitle}.`].filter(Boolean).join(' '),
    fileBase: fileName(s, 'x').replace(/\.x$/, ''),
    table: (s.shownTable ?? s.table)()
  };
  if (kind === 'table') return { ...common, png: new Uint8Array(), pngWidth: 0, pngHeight: 0, svg: '', slide: null };
  const svg = svgOf(s, false);
  const png = await pngOf(s, 'print', svg);
  const { width, height } = pngSize(png);
  const slideSvg = svgOf(s, false, SLIDE_LAYOUT);
  const slidePng = await svgToPng(slideSvg.svg, slideSvg.width, slideSvg.height, slideSvg.width * SLIDE_LAYOUT.scale, SCREEN_DPI);
  return { ...common, png, pngWidth: width, pngHeight: height, svg: svg.svg, slide: { png: slidePng, width: slideSvg.width, height: slideSvg.height } };
}
