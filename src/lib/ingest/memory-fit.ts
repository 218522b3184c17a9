/**
 * Whether an upload fits in the in-browser database before it is read, and how it is staged (issue 18).
 * DuckDB-wasm lives in a 32-bit WebAssembly heap (4 GiB at most; its memory_limit says how much of it DuckDB may
 * use). A table's rows are compressed when the statement that wrote them commits; until then they are held
 * uncompressed, so a load staged in one statement needs about three times the file's text: the bench's 1M-row
 * extract (115 MB of text) ran out of memory under a 300 MB limit and loaded under 350 MB (the same engine under
 * node, 3 Dec 2026). A file too large for that is staged in slices (ingest/slices.ts), a statement each: then one
 * slice is uncompressed at a time beside the slices kept compressed. Measured under node: the 10M-row extract
 * (1.15 GB of text) staged in 160 MB slices loaded under a 1.2 GB limit and kept 200 MB. A file that does not fit
 * even so is refused with what it needs and what is free, and nothing is read or changed; one that passes and
 * still runs out gets DuckDB's own out-of-memory error, rolled back, as any failed load.
 */

/** Engine memory a load needs per byte of CSV text staged in one statement. */
export const ENGINE_BYTES_PER_TEXT_BYTE = 3;

/**
 * Engine memory a load in slices keeps per byte of text: the staged rows, compressed (the 10M-row extract kept
 * 0.18 of its text), and room for the steps after staging, of which the repeated-key check is the largest (a hash
 * table of every key, about 40 bytes a record: a third of a referral's 115 bytes of text).
 */
export const KEPT_BYTES_PER_TEXT_BYTE = 0.6;

/** The most text in one slice (fewer slices load faster: a statement has a fixed cost) and the least worth making. */
export const SLICE_TEXT_BYTES = 160e6;
export const MIN_SLICE_TEXT_BYTES = 8e6;

const UNITS: Record<string, number> = { B: 1, BYTES: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KIB: 2 ** 10, MIB: 2 ** 20, GIB: 2 ** 30, TIB: 2 ** 40 };

/** DuckDB's size setting as text ('3.1 GiB', '512.0 MiB', '1.5GB') -> bytes; null when it cannot be read. */
export function parseDuckDbSize(text: string | null | undefined): number | null {
  const m = /^\s*([\d.]+)\s*([KMGT]i?B|B|bytes)\s*$/i.exec(text ?? '');
  if (!m) return null;
  const n = Number(m[1]);
  const unit = UNITS[m[2]!.toUpperCase()];
  return Number.isFinite(n) && unit ? n * unit : null;
}

const gb = (bytes: number) => `${(bytes / 1e9).toLocaleString('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} GB`;

/** `slice`: stage the file in slices of about this many bytes of text; null: in one statement. */
export type MemoryFit = { ok: true; slice: number | null } | { ok: false; message: string };

/**
 * `textBytes`: the CSV text the load will read (for Parquet, its uncompressed size); `limit` and `used`: the
 * engine's memory limit and what it holds now, in bytes (limit null: unknown, so nothing is refused).
 */
export function memoryFit(fileName: string, textBytes: number, limit: number | null, used: number): MemoryFit {
  if (limit === null) return { ok: true, slice: null };
  const free = Math.max(0, limit - used);
  if (textBytes * ENGINE_BYTES_PER_TEXT_BYTE <= free) return { ok: true, slice: null };
  // Too large for one statement: in slices, one slice's rows are uncompressed at a time beside those kept.
  const kept = textBytes * KEPT_BYTES_PER_TEXT_BYTE;
  const slice = Math.min(SLICE_TEXT_BYTES, (free - kept) / ENGINE_BYTES_PER_TEXT_BYTE);
  if (slice >= MIN_SLICE_TEXT_BYTES) return { ok: true, slice: Math.floor(slice) };
  const need = kept + Math.min(textBytes, SLICE_TEXT_BYTES) * ENGINE_BYTES_PER_TEXT_BYTE;
  return {
    ok: false,
    message: `${fileName} is too large to load in this browser: reading its ${gb(textBytes)} of data needs about ${gb(need)} of the ` +
      `in-browser database's memory, and ${gb(free)} of its ${gb(limit)} is free. Nothing was read and the loaded tables are unchanged. ` +
      'Load a smaller extract (one year, or one ICB\'s areas), or leave out columns the dashboard does not use.'
  };
}
