/**
 * Parquet in: DuckDB-wasm cannot read Parquet without downloading an extension (forbidden: no
 * request leaves the origin), so Parquet files are decoded in JavaScript by hyparquet and turned
 * into CSV text that then takes the same detect -> map -> validate -> load path as any upload.
 * Published aggregate tables are small, so the detour costs little and keeps one code path.
 */
import { parquetMetadata, parquetReadObjects } from 'hyparquet';

export const isParquet = (b: Uint8Array) =>
  b.length >= 8 && b[0] === 0x50 && b[1] === 0x41 && b[2] === 0x52 && b[3] === 0x31 &&
  b[b.length - 4] === 0x50 && b[b.length - 3] === 0x41 && b[b.length - 2] === 0x52 && b[b.length - 1] === 0x31;

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
