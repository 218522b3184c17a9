/**
 * One chart or table in a board pack, as the Word, PowerPoint and print exports use it. Items are
 * kept in this browser only (state/board-pack.svelte.ts); the (de)serialisers here let them survive
 * a reload (kept with the workspace, state/workspace.svelte.ts).
 */
import type { CellMatrix } from './table-csv';

/** What the board pack shows of an item: its chart, its table of numbers, or both. */
export type BoardShow = 'chart' | 'table' | 'both';

/** A picture laid out for a 16:9 slide's body (export/layout.ts SLIDE_LAYOUT), with its size in CSS px. */
export interface SlidePicture {
  png: Uint8Array;
  width: number;
  height: number;
}

export interface BoardItemInput {
  chartId: string;
  /** A chart (its picture, and its table if chosen) or a table alone (added from a table's menu: no picture). */
  kind: 'chart' | 'table';
  title: string;
  /** Filters and period. */
  subtitle: string;
  /** What the chart shows, in a sentence (may be empty): the default caption and the start of the alt text. */
  finding: string;
  notes: string[];
  /** How the figures are calculated: the methods annex. */
  method: string[];
  footnote: string;
  source: string;
  /** Alternative text for the image (editable). */
  alt: string;
  /** The print-size PNG (160 mm wide at 300 dpi, at most 230 mm tall); empty for a table. */
  png: Uint8Array;
  pngWidth: number;
  pngHeight: number;
  /** The standalone SVG (for the print view); empty for a table. */
  svg: string;
  /** The picture laid out for a slide; null for a table. */
  slide: SlidePicture | null;
  /** File name stem, e.g. 'waiting-trend_2022-04-to-2025-03'. */
  fileBase: string;
  /** The numbers drawn, header first; null when there is no table. */
  table: CellMatrix | null;
}

export interface BoardItem extends BoardItemInput {
  id: string;
  caption: string;
  show: BoardShow;
  addedAt: string;
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export function serializeItems(items: readonly BoardItem[]): string {
  return JSON.stringify(items.map((i) => ({ ...i, png: toBase64(i.png), slide: i.slide ? { ...i.slide, png: toBase64(i.slide.png) } : null })));
}

/** Whether an item has a picture to show (a table added from a table's menu has none). */
export const hasPicture = (item: Pick<BoardItem, 'png'>) => item.png.length > 0;
/** Whether an item has a table of numbers. */
export const hasTable = (item: Pick<BoardItem, 'table'>) => !!item.table && item.table.length > 1;

/** Items read back; anything unreadable gives an empty pack rather than an error. */
export function parseItems(text: string | null): BoardItem[] {
  if (!text) return [];
  try {
    type Stored = Omit<BoardItem, 'png' | 'slide'> & { png: string; slide?: (Omit<SlidePicture, 'png'> & { png: string }) | null };
    const raw = JSON.parse(text) as Stored[];
    if (!Array.isArray(raw)) return [];
    return raw
      .filter((r) => r && typeof r.id === 'string' && typeof r.png === 'string' && typeof r.title === 'string')
      .map((r) => ({
        ...r,
        kind: r.kind ?? 'chart',
        png: fromBase64(r.png),
        slide: r.slide ? { ...r.slide, png: fromBase64(r.slide.png) } : null,
        show: r.show ?? 'chart',
        finding: r.finding ?? '',
        notes: r.notes ?? [],
        method: r.method ?? r.notes ?? [],
        table: r.table ?? null
      }));
  } catch {
    return [];
  }
}
