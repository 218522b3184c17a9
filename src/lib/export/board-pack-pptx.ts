/**
 * The board pack as a PowerPoint deck (pptxgenjs), 16:9: one slide per item with its title, filters,
 * the image (with alternative text) or its table of numbers, the caption, and the source and
 * suppression notes at the foot; the speaker notes hold every word again (caption, filters, notes,
 * footnote, source, alt text). An item shown as chart and table gets its table on a second slide.
 * Runs in the browser and in Node (unit tests); nothing is fetched.
 */
import PptxGenJS from 'pptxgenjs';
import { toBase64, type BoardItem } from './board-item';
import type { PackInfo } from './board-pack-docx';
import { matrixValues } from './table-csv';

/** LAYOUT_WIDE: 13.333 × 7.5 inches. */
const W = 13.333;
const X = 0.5;
const INNER = W - 2 * X;
const BODY = { y: 1.35, h: 4.75 };
const INK = '212B32';
const MUTED = '4C6272';
const FONT = 'Arial';

/** The image's box inside the body area, keeping its shape, centred. */
export function fitImage(width: number, height: number, box = { w: INNER, h: BODY.h }): { x: number; y: number; w: number; h: number } {
  const scale = Math.min(box.w / width, box.h / height);
  const w = width * scale;
  const h = height * scale;
  return { x: X + (box.w - w) / 2, y: BODY.y + (box.h - h) / 2, w, h };
}

function header(slide: PptxGenJS.Slide, item: BoardItem, n: number, more = ''): void {
  slide.addText(`${n}. ${item.title}${more}`, { x: X, y: 0.3, w: INNER, h: 0.6, fontFace: FONT, fontSize: 22, bold: true, color: INK, fit: 'shrink' });
  slide.addText(item.subtitle, { x: X, y: 0.85, w: INNER, h: 0.4, fontFace: FONT, fontSize: 12, color: MUTED, fit: 'shrink' });
}

function footer(slide: PptxGenJS.Slide, item: BoardItem, n: number): void {
  const label = item.show === 'table' ? 'Table' : 'Figure';
  slide.addText([{ text: `${label} ${n}. `, options: { bold: true } }, { text: item.caption || item.title }],
    { x: X, y: 6.15, w: INNER, h: 0.45, fontFace: FONT, fontSize: 14, color: INK, fit: 'shrink' });
  slide.addText(`${item.footnote} ${item.source}`, { x: X, y: 6.65, w: INNER, h: 0.6, fontFace: FONT, fontSize: 9, color: MUTED, fit: 'shrink', valign: 'top' });
  slide.addNotes([item.caption, `Filters: ${item.subtitle}`, ...item.notes, item.footnote, item.source, `Alternative text: ${item.alt}`].filter(Boolean).join('\n'));
}

function tableRows(item: BoardItem): PptxGenJS.TableRow[] {
  const values = matrixValues(item.table!);
  const numeric = values[0]!.map((_, c) => values.slice(1).some((r) => typeof r[c] === 'number'));
  return item.table!.map((row, r) => row.map((cell, c) => ({
    text: cell.text,
    options: { bold: r === 0, fill: r === 0 ? { color: 'E8EDEE' } : undefined, align: numeric[c] ? 'right' : 'left' }
  })));
}

function addTable(slide: PptxGenJS.Slide, item: BoardItem): void {
  slide.addTable(tableRows(item), {
    x: X, y: BODY.y, w: INNER, fontFace: FONT, fontSize: 10, color: INK, border: { type: 'solid', pt: 0.5, color: 'D8DDE0' },
    autoPage: true, autoPageRepeatHeader: true, autoPageHeaderRows: 1, autoPageSlideStartY: BODY.y, margin: 0.04
  });
}

export function boardPackDeck(items: readonly BoardItem[], info: PackInfo): PptxGenJS {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = info.title;
  pptx.subject = info.subtitle;
  pptx.company = 'Fairshare';
  items.forEach((item, i) => {
    const n = i + 1;
    const hasTable = !!item.table && item.table.length > 1;
    const slide = pptx.addSlide();
    header(slide, item, n);
    if (item.show === 'table' && hasTable) addTable(slide, item);
    else slide.addImage({ data: `image/png;base64,${toBase64(item.png)}`, altText: item.alt, ...fitImage(item.pngWidth, item.pngHeight) });
    footer(slide, item, n);
    if (item.show === 'both' && hasTable) {
      const more = pptx.addSlide();
      header(more, item, n, ': the numbers');
      addTable(more, item);
      footer(more, item, n);
    }
  });
  return pptx;
}

/** The .pptx file's bytes. */
export async function boardPackPptx(items: readonly BoardItem[], info: PackInfo): Promise<Uint8Array> {
  const out = await boardPackDeck(items, info).write({ outputType: 'uint8array' });
  return out as Uint8Array;
}
