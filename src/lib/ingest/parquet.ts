/**
 * Parquet in: DuckDB-wasm cannot read Parquet without downloading an extension (forbidden: no
 * request leaves the origin), so Parquet files are decoded in JavaScript by hyparquet and turned
 * into CSV text that then takes the same detect -> map -> validate -> load path as any upload.
 * Published aggregate tables are small, so the detour costs little and keeps one code path.
 */
import { parquetMetadata, parquetReadObjects } from 'hyparquet';

const PAR1 = [0x50, 0x41, 0x52, 0x31];
/** Parquet starts and ends with PAR1. `tail`: the file's last bytes, when `b` is only its first ones. */
export const isParquet = (b: Uint8Array, tail: Uint8Array = b) =>
  b.length >= 4 && tail.length >= 4 && (b !== tail || b.length >= 8) &&
  PAR1.every((x, i) => b[i] === x && tail[tail.length - 4 + i] === x);

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, v.getUTCHours() || v.getUTCMinutes() ? 19 : 10);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = typeof v === 'object' ? JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x)) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Parquet bytes -> UTF-8 CSV bytes (header = column names). Throws with a readable message. */
export async function parquetToCsv(bytes: Uint8Array): Promise<Uint8Array> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let columns: string[];
  try {
    const meta = parquetMetadata(buffer);
    columns = meta.schema.slice(1).filter((s) => !s.num_children).map((s) => s.name);
  } catch (e) {
    throw new Error(`This Parquet file could not be read (${(e as Error).message}).`);
  }
  const rows = (await parquetReadObjects({ file: buffer, columns })) as Record<string, unknown>[];
  const lines = [columns.map(cell).join(',')];
  for (const r of rows) lines.push(columns.map((c) => cell(r[c])).join(','));
  return new TextEncoder().encode(lines.join('\n') + '\n');
}
