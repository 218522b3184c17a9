/**
 * What the Word and PowerPoint board packs share: the pack's own words (PackInfo), the numbering of
 * figures and tables, the captions, and the list of sources for the methods annex. Pure.
 */
import { hasPicture, hasTable, type BoardItem } from './board-item';
import type { CellMatrix } from './table-csv';

export interface PackInfo {
  title: string;
  /** The organisation the pack is for ("NHS Cheshire and Merseyside ICB"); may be empty. */
  organisation: string;
  /** The classification line ("OFFICIAL", "OFFICIAL-SENSITIVE"); empty for none. */
  classification: string;
  /** The date of the pack, as the cover says it ("2 December 2026"). */
  date: string;
  /** "Prepared with Fairshare: 4 figures and tables" and the like. */
  prepared: string;
  /** The small-number suppression rule in a sentence. */
  suppression: string;
  /** Licences and attributions of the reference data the pack rests on. */
  licences: string[];
}

/** The classification lines offered (the Government Security Classifications), and none. */
export const CLASSIFICATIONS = ['OFFICIAL', 'OFFICIAL-SENSITIVE', ''] as const;

/** An item with the numbers of its figure and its table (null where it has none). */
export interface NumberedItem {
  item: BoardItem;
  figure: number | null;
  table: number | null;
}

/** Figures and tables numbered in order, each in its own sequence, as Word numbers captions. */
export function numberItems(items: readonly BoardItem[]): NumberedItem[] {
  let figures = 0;
  let tables = 0;
  return items.map((item) => {
    const picture = item.show !== 'table' && hasPicture(item);
    const table = (item.show !== 'chart' || !hasPicture(item)) && hasTable(item);
    return { item, figure: picture ? ++figures : null, table: table ? ++tables : null };
  });
}

/**
 * A caption's words: the user's caption, else what the chart shows (its finding), else its filters.
 * A table that goes with a figure says so rather than repeating the figure's caption.
 */
export function itemCaption(item: BoardItem, what: 'figure' | 'table', figure: number | null = null): string {
  if (what === 'table' && figure !== null) return `The numbers drawn in figure ${figure}.`;
  return (item.caption.trim() || item.finding.trim() || item.subtitle).replace(/\s+/g, ' ');
}

/** The sources the pack's items name, each once, then the licences of the reference data. */
export function packSources(items: readonly BoardItem[], info: Pick<PackInfo, 'licences'>): string[] {
  return [...new Set([...items.map((i) => i.source), ...info.licences].filter(Boolean))];
}

/**
 * The methods annex's entries, one per item: its label ("Figure 2", "Table 1"), and, where an earlier
 * item has the same method and source (a map and its table), that item's label instead of the method again.
 * Items without a method are never the same as another: two of them with one source are different measures
 * (the pack said an area profile's table was "calculated as" a waiting-list chart).
 */
export function annexEntries(items: readonly NumberedItem[]): { n: NumberedItem; label: string; same: string | null }[] {
  const seen = new Map<string, string>();
  return items.map((n) => {
    const label = n.figure !== null ? `Figure ${n.figure}` : `Table ${n.table}`;
    const key = JSON.stringify([n.item.method, n.item.source]);
    const same = n.item.method.length ? seen.get(key) ?? null : null;
    if (!same && n.item.method.length) seen.set(key, label);
    return { n, label, same };
  });
}

/** A number as a table shows it: digits with separators, £, %, a sign, days; alone or a range of them. */
const NUMERIC = /^[−\-+]?[£]?\d[\d,]*(\.\d+)?%?( (to|–) [−\-+]?[£]?\d[\d,]*(\.\d+)?%?)?( days)?$/;

/**
 * Which columns of a table hold numbers (set right-aligned): as the header cell says (twinMatrix marks
 * them), else, for a pack kept from before it did, whether any cell reads as a number.
 */
export function numericColumns(table: CellMatrix): boolean[] {
  const [head, ...body] = table;
  return (head ?? []).map((h, c) => h.num ?? body.some((r) => NUMERIC.test(r[c]?.text.trim() ?? '')));
}
