/**
 * One chart or table in a board pack, as the Word, PowerPoint and print exports use it. Items are
 * kept in this browser only (state/board-pack.svelte.ts); the (de)serialisers here let them survive
 * a reload in sessionStorage.
 */
import type { CellMatrix } from './table-csv';

/** What the board pack shows of an item: its chart, its table of numbers, or both. */
export type BoardShow = 'chart' | 'table' | 'both';

export interface BoardItemInput {
  chartId: string;
  title: string;
  /** Filters and period. */
  subtitle: string;
  notes: string[];
  footnote: string;
  source: string;
  /** Alternative text for the image (editable). */
  alt: string;
  /** The print-size PNG (PRINT_WIDTH_PX wide, 300 dpi). */
  png: Uint8Array;
  pngWidth: number;
  pngHeight: number;
  /** The standalone SVG (for the print view). */
  svg: string;
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
  return JSON.stringify(items.map((i) => ({ ...i, png: toBase64(i.png) })));
}

/** Items read back; anything unreadable gives an empty pack rather than an error. */
export function parseItems(text: string | null): BoardItem[] {
  if (!text) return [];
  try {
    const raw = JSON.parse(text) as (Omit<BoardItem, 'png'> & { png: string })[];
    if (!Array.isArray(raw)) return [];
    return raw
      .filter((r) => r && typeof r.id === 'string' && typeof r.png === 'string' && typeof r.title === 'string')
      .map((r) => ({ ...r, png: fromBase64(r.png), show: r.show ?? 'chart', notes: r.notes ?? [], table: r.table ?? null }));
  } catch {
    return [];
  }
}
