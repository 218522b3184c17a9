/**
 * CSV that is safe to open in Excel: UTF-8 with a BOM (so £ survives), RFC 4180 quoting, and
 * cells that Excel would run as formulas (starting =, +, -, @, tab or CR) neutralised with a
 * leading apostrophe. Plain negative numbers are numbers, not formulas, and are left alone.
 */
import { downloadBlob } from './download';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

export function safeCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  if (FORMULA_START.test(s) && !(typeof v === 'number' || PLAIN_NUMBER.test(s))) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv<T extends object>(columns: string[], rows: T[]): string {
  const lines = [columns.map(safeCell).join(',')];
  for (const r of rows) lines.push(columns.map((c) => safeCell((r as Record<string, unknown>)[c])).join(','));
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

/** Offer text as a file download (browser only). */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  downloadBlob(fileName, new Blob([text], { type }));
}

/** A table given as rows of cells (the first row its header) as safe CSV, like toCsv. */
export function rowsToCsv(rows: readonly (readonly unknown[])[]): string {
  return '\ufeff' + rows.map((r) => r.map(safeCell).join(',')).join('\r\n') + '\r\n';
}
