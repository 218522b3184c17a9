/**
 * An Arrow result as columns (name, DuckDB-style type, kind) and rows of plain cells, read by position so
 * that two columns of the same name both survive. For the SQL console, which shows whatever a query
 * returns: HUGEINT sums come as Arrow decimals, counts as BigInt, dates and timestamps as milliseconds.
 */
import { DataType, util, type Table } from 'apache-arrow';

export type CellKind = 'number' | 'date' | 'text' | 'boolean' | 'other';
export type Cell = string | number | boolean | null;

export interface ResultColumn {
  name: string;
  /** The type as DuckDB names it (BIGINT, DECIMAL(38,0), VARCHAR…), as near as Arrow tells. */
  type: string;
  kind: CellKind;
}

function typeOf(t: DataType): { type: string; kind: CellKind } {
  if (DataType.isInt(t)) {
    const names: Record<number, string> = { 8: 'TINYINT', 16: 'SMALLINT', 32: 'INTEGER', 64: 'BIGINT' };
    return { type: `${t.isSigned ? '' : 'U'}${names[t.bitWidth] ?? 'INTEGER'}`, kind: 'number' };
  }
  if (DataType.isFloat(t)) return { type: t.precision === 2 ? 'DOUBLE' : 'FLOAT', kind: 'number' };
  if (DataType.isDecimal(t)) return { type: `DECIMAL(${t.precision},${t.scale})`, kind: 'number' };
  if (DataType.isDate(t)) return { type: 'DATE', kind: 'date' };
  if (DataType.isTimestamp(t)) return { type: 'TIMESTAMP', kind: 'date' };
  if (DataType.isBool(t)) return { type: 'BOOLEAN', kind: 'boolean' };
  if (DataType.isUtf8(t) || DataType.isLargeUtf8(t)) return { type: 'VARCHAR', kind: 'text' };
  return { type: String(t).toUpperCase(), kind: 'other' };
}

export function resultColumns(table: Table): ResultColumn[] {
  return table.schema.fields.map((f) => ({ name: f.name, ...typeOf(f.type) }));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A timestamp (ms) as 'yyyy-mm-dd hh:mm:ss' in UTC, as DuckDB prints a TIMESTAMP. */
function timestampText(ms: number): string {
  const d = new Date(ms);
  const date = d.toISOString().slice(0, 10);
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function jsonText(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
}

function cellOf(v: unknown, t: DataType): Cell {
  if (v === null || v === undefined) return null;
  if (DataType.isDecimal(t)) return util.bigNumToNumber(v as Parameters<typeof util.bigNumToNumber>[0], t.scale);
  if (typeof v === 'bigint') return Number(v);
  if (DataType.isDate(t) && typeof v === 'number') return new Date(v).toISOString().slice(0, 10);
  if (DataType.isTimestamp(t) && typeof v === 'number') return timestampText(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString();
  const json = (v as { toJSON?: () => unknown }).toJSON;
  return jsonText(typeof json === 'function' ? json.call(v) : v);
}

/** The rows as arrays of cells, one per column in order. */
export function resultRows(table: Table): Cell[][] {
  const fields = table.schema.fields;
  const vectors = fields.map((_, i) => table.getChildAt(i));
  const rows: Cell[][] = [];
  for (let r = 0; r < table.numRows; r++) rows.push(fields.map((f, i) => cellOf(vectors[i]?.get(r), f.type)));
  return rows;
}
