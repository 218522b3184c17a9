/**
 * One worksheet (SheetJS, dense mode) -> CSV text, so a workbook takes the same sniff -> map -> validate ->
 * load path as a CSV: title rows above the header, UK dates typed as text and totals rows are all handled
 * there. Cells are written as Excel stores them, not as it displays them: a number keeps its full value
 * (12.3456789, not "12.35"), a date cell becomes yyyy-mm-dd. Text is written as it is (a "03/04/2025"
 * typed as text is read by the CSV date parsing, as in a CSV).
 *
 * Row r of the sheet is line r + 1 of the CSV (from row 1, blank rows written as empty cells), so the lines
 * the load report names are the sheet's row numbers, unless a cell above holds a line break.
 */
import { CsvParts } from './csv-parts';
import type { CellObject, WorkSheet } from '@e965/xlsx';

/** The parts of SheetJS's number-format module used here (its type is `any`). */
export interface NumberFormats {
  is_date: (format: string) => boolean;
  parse_date_code: (serial: number, opts?: { date1904?: boolean }) => { y: number; m: number; d: number; H: number; M: number; S: number } | null;
}

export interface SheetCsvOptions {
  date1904?: boolean;
  /** Rows to write at most (from row 1), for a quick look at a sheet's header. */
  maxRows?: number;
}

/** Excel's error codes, as a CSV saved by Excel writes them (SheetJS keeps the code number). */
const ERRORS: Record<number, string> = { 0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA' };

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * A text for a CSV cell: quoted when it holds a comma, a quote or a line break (quotes doubled). Tested with
 * includes, not a regular expression: a 10M-row Parquet file passes 90M cells through here.
 */
export function csvField(s: string): string {
  return s.includes(',') || s.includes('"') || s.includes('\n') || s.includes('\r') ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A number in plain decimal notation with every digit JavaScript keeps (the shortest text that reads back
 * as the same double): the CSV number parsing reads no exponents, so 1.5e-7 is written 0.00000015.
 */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, frac = '', exp] = m;
  const digits = lead! + frac;
  const point = 1 + Number(exp); // where the decimal point falls in `digits`
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A date serial as yyyy-mm-dd, with the time when it has one (the CSV date parsing drops a time). */
function excelDate(serial: number, ssf: NumberFormats, date1904: boolean): string {
  const d = ssf.parse_date_code(serial, { date1904 });
  if (!d) return plainNumber(serial);
  const time = d.H || d.M || d.S ? ` ${pad(d.H)}:${pad(d.M)}:${pad(d.S)}` : '';
  // A time alone (a serial below 1) has no date to give.
  if (serial >= 0 && serial < 1) return time.trim() || '00:00:00';
  return `${pad(d.y, 4)}-${pad(d.m)}-${pad(d.d)}${time}`;
}

/** One cell as CSV text (already quoted where needed). */
export function cellToCsv(cell: CellObject | undefined, ssf: NumberFormats, date1904 = false): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  switch (cell.t) {
    case 'n': {
      const v = cell.v as number;
      return cell.z !== undefined && typeof cell.z === 'string' && ssf.is_date(cell.z) ? excelDate(v, ssf, date1904) : plainNumber(v);
    }
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'e':
      return ERRORS[cell.v as number] ?? '#ERROR';
    case 'd': {
      const v = cell.v instanceof Date ? cell.v : new Date(String(cell.v));
      if (Number.isNaN(v.getTime())) return csvField(String(cell.v));
      const time = v.getUTCHours() || v.getUTCMinutes() || v.getUTCSeconds() ? ` ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}` : '';
      return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}${time}`;
    }
    default:
      return csvField(String(cell.v));
  }
}

/** Text is gathered into parts of about this many characters, so no single string holds the whole sheet. */
const PART_CHARS = 1 << 20;

/**
 * The sheet as CSV text in parts (each whole lines), for `new Blob(parts)`: the sheet is walked once and
 * no string the size of the file is ever made. Columns run from the sheet's first used column to its last;
 * rows from row 1 to the last used one.
 */
export function sheetToCsvParts(ws: WorkSheet, ssf: NumberFormats, opts: SheetCsvOptions = {}): string[] {
  const ref = ws['!ref'];
  const rows = ws['!data'] as (CellObject[] | undefined)[] | undefined;
  if (!ref || !rows) return [];
  const range = decodeRange(ref);
  const lastRow = Math.min(range.e.r, (opts.maxRows ?? Infinity) - 1);
  const out = new CsvParts(PART_CHARS);
  for (let r = 0; r <= lastRow; r++) {
    const row = rows[r];
    const cells: string[] = [];
    for (let c = range.s.c; c <= range.e.c; c++) cells.push(row ? cellToCsv(row[c], ssf, opts.date1904) : '');
    out.add(cells.join(','));
  }
  return out.done();
}

/** "B3:F40" -> 0-based start and end (SheetJS's decode_range, without loading the library for it). */
export function decodeRange(ref: string): { s: { r: number; c: number }; e: { r: number; c: number } } {
  const [a, b = a] = ref.split(':') as [string, string?];
  const cell = (x: string) => {
    const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(x);
    if (!m) return { r: 0, c: 0 };
    let c = 0;
    for (const ch of m[1]!.toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
    return { r: Number(m[2]) - 1, c: c - 1 };
  };
  return { s: cell(a), e: cell(b!) };
}
