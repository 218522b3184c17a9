/**
 * Population by single year of age, as ONS publishes it (columns 0, 1, … 89, 90+), added up into the three
 * bands the need weights read (0–17, 18–64, 65+). Without them such a file loaded with its total only, and
 * every area from it weighed as average need, silently (a new user's review with the ONS download).
 *
 * The bands are three columns added at the end of each record of the file's text (pop_0_17, pop_18_64,
 * pop_65_plus, so the mapping finds them by name and the user sees them), every other byte kept: the lines
 * stay where they were, so the load report still names the file's own line numbers; a note or a broken line
 * (not the header's width) is left as it was. Pure.
 */
import type { Layout } from './sniff';

/** The bands, as canonical field names, and the single years each adds up ('top': the open-ended last column). */
const BANDS = [
  { name: 'pop_0_17', from: 0, to: 17 },
  { name: 'pop_18_64', from: 18, to: 64 },
  { name: 'pop_65_plus', from: 65, to: 'top' }
] as const;

/** A single year ("0", "Age 17", "age_64") or the open-ended last ("90+", "Age 90 and over"). */
const YEAR = /^(?:age[\s_]*)?(\d{1,3})$/i;
const TOP = /^(?:age[\s_]*)?(\d{2,3})\s*(?:\+|plus|and over)$/i;

/**
 * The columns of each band, when the header has every single year from 0 up to an open-ended last column
 * (85+ or later), and none of the bands already; else null.
 */
export function singleYearColumns(headers: readonly string[]): Record<(typeof BANDS)[number]['name'], number[]> | null {
  if (headers.some((h) => BANDS.some((b) => h.trim().toLowerCase() === b.name))) return null;
  const years = new Map<number, number>();
  let top: { age: number; col: number } | null = null;
  headers.forEach((h, col) => {
    const t = h.trim();
    const y = YEAR.exec(t);
    if (y) years.set(Number(y[1]), col);
    const o = TOP.exec(t);
    if (o) top = { age: Number(o[1]), col };
  });
  const last = top as { age: number; col: number } | null;
  if (!last || last.age < 85) return null;
  for (let a = 0; a < last.age; a++) if (!years.has(a)) return null;
  const cols = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => years.get(from + i)!);
  return { pop_0_17: cols(0, 17), pop_18_64: cols(18, 64), pop_65_plus: [...cols(65, last.age - 1), last.col] };
}

/** Where each record of the text ends (its line break, or the end of the text), quotes as sniff.ts parseRecords reads them. */
function recordEnds(text: string, delimiter: string): number[] {
  const ends: number[] = [];
  let inQuotes = false;
  let fieldStarted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      inQuotes = true;
      fieldStarted = true;
    } else if (ch === delimiter) fieldStarted = false;
    else if (ch === '\n' || ch === '\r') {
      ends.push(i);
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fieldStarted = false;
    } else if (ch !== ' ') fieldStarted = true;
  }
  if (!text.endsWith('\n') && !text.endsWith('\r')) ends.push(text.length);
  return ends;
}

/** A cell as a count of people ("1,234", " 56 "), or null when it is not one. */
function count(cell: string | undefined): number | null {
  const t = (cell ?? '').trim().replace(/[,\s]/g, '');
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

/**
 * The file's text with the three band columns added, or null when its header has no single years.
 * `records`: the file's records as sniff.ts parseRecords gives them (every one, blank lines included).
 */
export function withAgeBands(text: string, layout: Pick<Layout, 'delimiter' | 'headerRecord' | 'headers' | 'columnCount'>, records: readonly { cells: string[] }[]): string | null {
  const bands = singleYearColumns(layout.headers);
  // (Data lines ending in a delimiter the header lacks would put the bands one column off: left as they are.)
  if (!bands || layout.columnCount !== layout.headers.length) return null;
  const ends = recordEnds(text, layout.delimiter);
  if (ends.length !== records.length) return null; // read differently from the sniffer: leave the file as it is
  const d = layout.delimiter;
  const out: string[] = [];
  let start = 0;
  records.forEach((r, i) => {
    const end = ends[i]!;
    out.push(text.slice(start, end));
    // Only records of the header's width: a note below the data, or a broken line, stays as it was.
    if (i === layout.headerRecord) out.push(BANDS.map((b) => `${d}${b.name}`).join(''));
    else if (i > layout.headerRecord && r.cells.length === layout.headers.length) {
      out.push(BANDS.map((b) => {
        const values = bands[b.name].map((c) => count(r.cells[c]));
        // A band with a year missing is left empty rather than undercounted.
        return `${d}${values.every((v) => v !== null) ? String(Math.round(values.reduce((s, v) => s + v!, 0) * 1e6) / 1e6) : ''}`;
      }).join(''));
    }
    start = end;
  });
  out.push(text.slice(start));
  return out.join('');
}
