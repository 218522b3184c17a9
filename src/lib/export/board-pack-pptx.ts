/**
 * The board pack as a PowerPoint deck (pptxgenjs), 16:9, set out on a fixed grid so that nothing
 * overlaps and nothing leaves the slide (the e2e test reads every shape's box):
 *   title 0.35–0.95 in, filters 1.0–1.35, body 1.45–6.0, caption 6.05–6.45, footnote and source
 *   6.5–6.95, footer (classification, pack title, slide number) 7.0–7.35.
 * A title slide (title, organisation, date, classification) and a contents slide come first; each
 * item's picture is the one laid out for a slide (export/layout.ts SLIDE_LAYOUT), so its type stays
 * readable; a table runs over as many slides as it needs, its header row on each and "continued" in
 * the title, each part sized from its rows so it never reaches the caption. A methods slide ends the
 * deck. The speaker notes hold every word of each item (caption, filters, notes, footnote, source, alt text).
 * Runs in the browser and in Node (unit tests); nothing is fetched.
 */
import PptxGenJS from 'pptxgenjs';
import { toBase64, type BoardItem } from './board-item';
import { annexEntries, itemCaption, numberItems, numericColumns, packSources, type NumberedItem, type PackInfo } from './board-pack-parts';
import type { CellMatrix } from './table-csv';

/** LAYOUT_WIDE: 13.333 × 7.5 inches. */
export const SLIDE = { w: 13.333, h: 7.5 };
const X = 0.5;
const INNER = SLIDE.w - 2 * X;
export const GRID = {
  title: { y: 0.35, h: 0.6 },
  subtitle: { y: 1.0, h: 0.35 },
  body: { y: 1.45, h: 4.55 },
  caption: { y: 6.05, h: 0.4 },
  notes: { y: 6.5, h: 0.45 },
  footer: { y: 7.0, h: 0.35 }
};
/** The two layouts: every slide's title at the top; the cover's in the middle. */
const MASTER = { item: 'FAIRSHARE_ITEM', cover: 'FAIRSHARE_COVER' } as const;
const COVER_TITLE = { x: X, y: 2.0, w: INNER, h: 1.3 };
const INK = '212B32';
const MUTED = '4C6272';
const FONT = 'Arial';

/** The picture's box inside the body area, keeping its shape, centred. */
export function fitImage(width: number, height: number, box = { w: INNER, h: GRID.body.h }): { x: number; y: number; w: number; h: number } {
  const scale = Math.min(box.w / width, box.h / height);
  const w = width * scale;
  const h = height * scale;
  return { x: X + (box.w - w) / 2, y: GRID.body.y + (box.h - h) / 2, w, h };
}

// Table geometry at 10 pt: Arial's average character is ~0.5 em (0.07 in); a line is 1.2 em.
const TABLE_PT = 10;
const CHAR_IN = 0.075;
const LINE_IN = (TABLE_PT * 1.2) / 72;
const CELL_PAD_IN = 0.05;

/** Column widths in inches: each column's longest text, within limits, scaled to the slide's width. */
export function columnWidths(table: CellMatrix, width = INNER): number[] {
  const want = table[0]!.map((_, c) => Math.min(3.5, Math.max(0.7, Math.max(...table.map((r) => (r[c]?.text.length ?? 0) * CHAR_IN)) + CELL_PAD_IN * 2)));
  const total = want.reduce((a, b) => a + b, 0);
  return want.map((w) => (w * width) / total);
}

/** A row's height in inches: its tallest cell, its text wrapped to the column. */
export function rowHeight(row: CellMatrix[number], widths: readonly number[]): number {
  const lines = row.map((cell, c) => Math.max(1, Math.ceil((cell.text.length * CHAR_IN) / Math.max(0.2, widths[c]! - CELL_PAD_IN * 2))));
  return Math.max(...lines) * LINE_IN + CELL_PAD_IN * 2;
}

/** The body rows split into slides: as many as fit the body under the repeated header row. */
export function tablePages(table: CellMatrix, widths: readonly number[], height = GRID.body.h): number[][] {
  const head = rowHeight(table[0]!, widths);
  const pages: number[][] = [];
  let page: number[] = [];
  let used = head;
  for (let r = 1; r < table.length; r++) {
    const h = rowHeight(table[r]!, widths);
    if (page.length && used + h > height) {
      pages.push(page);
      page = [];
      used = head;
    }
    page.push(r);
    used += h;
  }
  if (page.length) pages.push(page);
  return pages;
}

class Deck {
  readonly pptx = new PptxGenJS();
  #count = 0;
  constructor(readonly info: PackInfo) {
    this.pptx.layout = 'LAYOUT_WIDE';
    this.pptx.title = info.title;
    this.pptx.subject = info.organisation || info.prepared;
    this.pptx.company = info.organisation || 'Fairshare';
    // Each slide's title sits in the layout's title placeholder, so PowerPoint's outline, its accessibility
    // checker and a screen reader find it (a plain text box is not a title to them). Cover: the pack's title.
    for (const [name, box] of [[MASTER.item, { x: X, ...GRID.title, w: INNER }], [MASTER.cover, COVER_TITLE]] as const) {
      this.pptx.defineSlideMaster({
        title: name,
        objects: [{ placeholder: { options: { name: 'title', type: 'title', ...box, fontFace: FONT, color: INK, bold: true }, text: '' } }]
      });
    }
  }

  /** A slide with the footer every slide carries: classification and pack title, and its number. */
  slide(master: string = MASTER.item): PptxGenJS.Slide {
    const slide = this.pptx.addSlide({ masterName: master });
    this.#count++;
    const left = [this.info.classification, this.info.title].filter(Boolean).join(' · ');
    slide.addText(left, { x: X, y: GRID.footer.y, w: INNER - 1.2, h: GRID.footer.h, fontFace: FONT, fontSize: 9, color: MUTED, bold: !!this.info.classification, fit: 'shrink', valign: 'middle', lang: 'en-GB' });
    slide.slideNumber = { x: SLIDE.w - X - 1.0, y: GRID.footer.y, w: 1.0, h: GRID.footer.h, fontFace: FONT, fontSize: 9, color: MUTED, align: 'right', valign: 'middle' } as PptxGenJS.SlideNumberProps;
    return slide;
  }

  get count(): number {
    return this.#count;
  }

  header(slide: PptxGenJS.Slide, title: string, subtitle: string): void {
    // (Aligned left, as the rest of the slide: a title placeholder centres its text by default.)
    slide.addText(title, { placeholder: 'title', x: X, ...GRID.title, w: INNER, fontFace: FONT, fontSize: 22, bold: true, color: INK, align: 'left', fit: 'shrink', valign: 'top', lang: 'en-GB' });
    slide.addText(subtitle, { x: X, ...GRID.subtitle, w: INNER, fontFace: FONT, fontSize: 12, color: MUTED, fit: 'shrink', valign: 'top', lang: 'en-GB' });
  }

  foot(slide: PptxGenJS.Slide, label: string, text: string, item: BoardItem): void {
    slide.addText([{ text: `${label}. `, options: { bold: true } }, { text }],
      { x: X, ...GRID.caption, w: INNER, fontFace: FONT, fontSize: 14, color: INK, fit: 'shrink', valign: 'top', lang: 'en-GB' });
    slide.addText(`${item.footnote} ${item.source}`, { x: X, ...GRID.notes, w: INNER, fontFace: FONT, fontSize: 9, color: MUTED, fit: 'shrink', valign: 'top', lang: 'en-GB' });
    slide.addNotes([item.caption, `Filters: ${item.subtitle}`, ...item.notes, item.footnote, item.source, `Alternative text: ${item.alt}`].filter(Boolean).join('\n'));
  }
}

function titleSlide(deck: Deck): void {
  const { info } = deck;
  const slide = deck.slide(MASTER.cover);
  if (info.classification) slide.addText(info.classification, { x: X, y: 0.35, w: INNER, h: 0.4, fontFace: FONT, fontSize: 14, bold: true, color: INK, align: 'center' });
  slide.addText(info.title, { placeholder: 'title', ...COVER_TITLE, fontFace: FONT, fontSize: 40, bold: true, color: INK, align: 'left', fit: 'shrink', valign: 'bottom', lang: 'en-GB' });
  if (info.organisation) slide.addText(info.organisation, { x: X, y: 3.45, w: INNER, h: 0.6, fontFace: FONT, fontSize: 24, color: INK, fit: 'shrink', lang: 'en-GB' });
  slide.addText(info.date, { x: X, y: 4.15, w: INNER, h: 0.45, fontFace: FONT, fontSize: 18, color: INK });
  slide.addText(info.prepared, { x: X, y: 4.7, w: INNER, h: 0.45, fontFace: FONT, fontSize: 14, color: MUTED, fit: 'shrink', lang: 'en-GB' });
}

/** Slides each item takes: one for its picture, one per part of its table. */
function slidesOf(n: NumberedItem): number {
  const pictures = n.figure !== null ? 1 : 0;
  if (n.table === null) return pictures;
  return pictures + tablePages(n.item.table!, columnWidths(n.item.table!)).length;
}

function contentsSlide(deck: Deck, numbered: readonly NumberedItem[]): void {
  const slide = deck.slide();
  deck.header(slide, 'Contents', deck.info.prepared);
  // The title slide is 1, this is 2: items start at 3.
  let at = 3;
  const rows: [string, string][] = numbered.map((n) => {
    const label = [n.figure !== null ? `Figure ${n.figure}` : '', n.table !== null ? `Table ${n.table}` : ''].filter(Boolean).join(', ');
    const row: [string, string] = [`${label}: ${n.item.title}`, `slide ${at}`];
    at += slidesOf(n);
    return row;
  });
  rows.push(['Methods and sources', `slide ${at}`]);
  // A table: the slide numbers line up in their own column in any application.
  const size = rows.length > 14 ? 10 : 14;
  const rowH = (size * 1.6) / 72;
  const shown = rows.slice(0, Math.floor(GRID.body.h / rowH));
  slide.addTable(shown.map(([title, n]) => [{ text: title }, { text: n, options: { align: 'right' } }]), {
    x: X, y: GRID.body.y, w: INNER, h: shown.length * rowH, colW: [INNER - 1.4, 1.4], rowH: shown.map(() => rowH),
    fontFace: FONT, fontSize: size, color: INK, border: { type: 'none' }, margin: 0.02, valign: 'middle'
  });
}

function tableSlides(deck: Deck, n: NumberedItem): void {
  const { item } = n;
  const table = item.table!;
  const widths = columnWidths(table);
  const [head] = table;
  const numeric = numericColumns(table);
  const cells = (row: CellMatrix[number], header: boolean): PptxGenJS.TableRow =>
    row.map((cell, c) => ({ text: cell.text, options: { bold: header, fill: header ? { color: 'E8EDEE' } : undefined, align: numeric[c] ? 'right' : 'left', valign: 'middle' } }));
  const pages = tablePages(table, widths);
  pages.forEach((rows, p) => {
    const slide = deck.slide();
    const more = pages.length > 1 ? ` (${p === 0 ? `rows 1–${rows.length} of ${table.length - 1}` : `continued, rows ${rows[0]}–${rows.at(-1)} of ${table.length - 1}`})` : '';
    deck.header(slide, `${item.kind === 'table' ? item.title : `${item.title}: the numbers`}${more}`, item.subtitle);
    const heights = [rowHeight(head!, widths), ...rows.map((r) => rowHeight(table[r]!, widths))];
    slide.addTable([cells(head!, true), ...rows.map((r) => cells(table[r]!, false))], {
      x: X, y: GRID.body.y, w: INNER, h: heights.reduce((a, b) => a + b, 0), colW: widths, rowH: heights,
      fontFace: FONT, fontSize: TABLE_PT, color: INK, border: { type: 'solid', pt: 0.5, color: 'D8DDE0' }, margin: CELL_PAD_IN, autoPage: false
    });
    deck.foot(slide, `Table ${n.table}${p > 0 ? ' (continued)' : ''}`, itemCaption(item, 'table', n.figure), item);
  });
}

function methodsSlides(deck: Deck, numbered: readonly NumberedItem[]): void {
  const paragraphs: { text: string; bold?: boolean }[] = [];
  for (const { n, label, same } of annexEntries(numbered)) {
    paragraphs.push({ text: `${label}: ${n.item.title}`, bold: true });
    if (same) paragraphs.push({ text: `Calculated as ${same.toLowerCase()}.` });
    else for (const m of n.item.method) paragraphs.push({ text: m });
  }
  paragraphs.push({ text: 'Small numbers', bold: true }, { text: deck.info.suppression }, { text: 'Sources and licences', bold: true });
  for (const s of packSources(numbered.map((n) => n.item), deck.info)) paragraphs.push({ text: s });
  // 11 pt text across the body: ~150 characters a line, 20 lines a slide.
  const linesOf = (t: string) => Math.max(1, Math.ceil(t.length / 150));
  const pages: (typeof paragraphs)[] = [[]];
  let used = 0;
  for (const [i, p] of paragraphs.entries()) {
    const l = linesOf(p.text) + (p.bold ? 0.5 : 0);
    // A heading moves on with the paragraph after it.
    const needs = p.bold && paragraphs[i + 1] ? l + linesOf(paragraphs[i + 1]!.text) : l;
    if (used + needs > 20 && pages.at(-1)!.length) {
      pages.push([]);
      used = 0;
    }
    pages.at(-1)!.push(p);
    used += l;
  }
  pages.forEach((page, i) => {
    const slide = deck.slide();
    deck.header(slide, `Methods and sources${i > 0 ? ' (continued)' : ''}`, 'How each figure is calculated, where the data comes from, and the small-number rule');
    slide.addText(page.map((p) => ({ text: p.text, options: { bold: p.bold, breakLine: true, paraSpaceBefore: p.bold ? 6 : 0 } })),
      { x: X, y: GRID.body.y, w: INNER, h: GRID.body.h + GRID.caption.h + GRID.notes.h, fontFace: FONT, fontSize: 11, color: INK, valign: 'top', fit: 'shrink', lang: 'en-GB' });
  });
}

export function boardPackDeck(items: readonly BoardItem[], info: PackInfo): PptxGenJS {
  const deck = new Deck(info);
  const numbered = numberItems(items);
  titleSlide(deck);
  contentsSlide(deck, numbered);
  for (const n of numbered) {
    const { item } = n;
    if (n.figure !== null) {
      const slide = deck.slide();
      deck.header(slide, item.title, item.subtitle);
      const picture = item.slide ?? { png: item.png, width: item.pngWidth, height: item.pngHeight };
      slide.addImage({ data: `image/png;base64,${toBase64(picture.png)}`, altText: item.alt, ...fitImage(picture.width, picture.height) });
      deck.foot(slide, `Figure ${n.figure}`, itemCaption(item, 'figure'), item);
    }
    if (n.table !== null) tableSlides(deck, n);
  }
  methodsSlides(deck, numbered);
  return deck.pptx;
}

/** The .pptx file's bytes. */
export async function boardPackPptx(items: readonly BoardItem[], info: PackInfo): Promise<Uint8Array> {
  const out = await boardPackDeck(items, info).write({ outputType: 'uint8array' });
  return out as Uint8Array;
}
