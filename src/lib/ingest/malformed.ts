/**
 * Lines DuckDB's reader could not read as records, in the user's terms: a line with more or fewer fields
 * than the header (a value missing its quotes), or a line longer than the reader takes (a cell of very long
 * text, or a quote left open running lines together). Each kind gets its own reason and its own sentence.
 */
import { fmtInt } from '../domain/format';

export interface Malformed {
  line: number;
  reason: string;
  kind: 'fields' | 'too long' | 'other';
}

/** A reject row of the reader (db/sql/ingest/report.ts rejectsSql). */
export interface Reject {
  line: number;
  error_type: string;
  csv_line: string;
  error_message?: string | null;
}

const fieldLabel = (n: number) => `${n} field${n === 1 ? '' : 's'}`;
const bytes = (n: number) => `${fmtInt(n)} bytes`;

/** "Maximum line size of 2000000 bytes exceeded. Actual Size:2200025 bytes." -> both sizes. */
export function lineSizes(engineMessage: string | null | undefined, limit: number): { size: number | null; limit: number } {
  const max = /maximum line size of (\d+)/i.exec(engineMessage ?? '');
  const actual = /actual size:\s*(\d+)/i.exec(engineMessage ?? '');
  return { size: actual ? Number(actual[1]) : null, limit: max ? Number(max[1]) : limit };
}

/** Why the reader rejected this line; `columnCount` the fields of the header, `limit` the longest line in bytes. */
export function malformedLine(r: Reject, delimiter: string, columnCount: number, limit: number): Malformed {
  if (r.error_type === 'TOO MANY COLUMNS' || r.error_type === 'MISSING COLUMNS') {
    const text = r.csv_line.replace(/^[\r\n]+/, '');
    const found = text.split(delimiter).length;
    // A number such as 154,800 without quotes is the usual reason for one field too many.
    const split = r.error_type === 'TOO MANY COLUMNS' && delimiter === ',' ? /(?:^|,)\s*(\d{1,3},\d{3}(?:\.\d+)?)\s*(?=,|$)/.exec(text) : null;
    const hint = split ? `; "${split[1]}" may be a number whose thousands separator needs quotes` : '';
    return { line: r.line, kind: 'fields', reason: `has ${r.error_type === 'TOO MANY COLUMNS' ? 'more' : 'fewer'} fields than the header's ${columnCount} (about ${fieldLabel(found)})${hint}` };
  }
  if (r.error_type === 'LINE SIZE OVER MAXIMUM') {
    const s = lineSizes(r.error_message, limit);
    return { line: r.line, kind: 'too long', reason: `is too long to read: ${s.size === null ? 'more than' : `${bytes(s.size)}, over`} the limit of ${bytes(s.limit)} a line may have` };
  }
  return { line: r.line, kind: 'other', reason: r.error_type.toLowerCase().replace(/_/g, ' ') };
}

const lineList = (ms: Malformed[]) => `line${ms.length > 1 ? 's' : ''} ${ms.slice(0, 8).map((m) => m.line).join(', ')}${ms.length > 8 ? ' …' : ''}`;

/** The load report's sentence when such lines stop the load (the user may choose to skip them). */
/** `ready`: the rows that would load once the malformed lines are skipped. */
export function malformedMessage(malformed: Malformed[], delimiter: string, columnCount: number, limit: number, ready: number): string {
  const parts: string[] = [];
  const long = malformed.filter((m) => m.kind === 'too long');
  const other = malformed.filter((m) => m.kind !== 'too long');
  if (long.length === 1) {
    parts.push(`Line ${long[0]!.line} ${long[0]!.reason}.`);
  } else if (long.length > 1) {
    parts.push(`${long.length} lines are too long to read (over the limit of ${bytes(limit)} a line may have): ${lineList(long)}.`);
  }
  if (long.length) {
    parts.push('A cell may hold very long text (shorten it, or leave that column out of the export), or a quote opened in a cell is never closed, so the lines after it are read as one.');
  }
  if (other.length) {
    parts.push(`${other.length} line${other.length > 1 ? 's have' : ' has'} a different number of fields from the header (${columnCount}): ${lineList(other)}. A value containing "${delimiter === '\t' ? 'tab' : delimiter}" may be missing its quotes.`);
  }
  const rest = ready > 0 ? `to load the other ${ready.toLocaleString('en-GB')} row${ready === 1 ? '' : 's'}` : 'to load the rest';
  return `${parts.join(' ')} Nothing was loaded, because the columns of those rows cannot be trusted: fix those lines, or choose "Skip malformed lines" ${rest}.`;
}
