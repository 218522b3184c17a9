/**
 * Whether an upload fits in the in-browser database before it is read (issue 18): DuckDB-wasm lives in a
 * 32-bit WebAssembly heap (4 GiB at most; its memory_limit says how much of it DuckDB may use), and a load
 * holds the file's text as a table of strings (uncompressed, about twice the text), then the typed table,
 * the uniqueness check and the summaries. Three times the text is what that comes to, measured: the bench's
 * 1M-row extract (115 MB of text) ran out of memory under a 300 MB limit and loaded under 350 MB (the same
 * engine under node, 3 Dec 2026), and a 576 MB, 5M-row extract loads within the browser's 3.1 GiB. A file over the rule is
 * refused with what it needs and what is free, and nothing is read or changed; one that passes and still
 * runs out gets DuckDB's own out-of-memory error, rolled back, as any failed load.
 */

/** Engine memory a load needs per byte of CSV text. */
export const ENGINE_BYTES_PER_TEXT_BYTE = 3;

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

export type MemoryFit = { ok: true } | { ok: false; message: string };

/**
 * `textBytes`: the CSV text the load will read (for Parquet, its uncompressed size); `limit` and `used`: the
 * engine's memory limit and what it holds now, in bytes (limit null: unknown, so nothing is refused).
 */
export function memoryFit(fileName: string, textBytes: number, limit: number | null, used: number): MemoryFit {
  if (limit === null) return { ok: true };
  const need = textBytes * ENGINE_BYTES_PER_TEXT_BYTE;
  const free = Math.max(0, limit - used);
  if (need <= free) return { ok: true };
  return {
    ok: false,
    message: `${fileName} is too large to load in this browser: reading its ${gb(textBytes)} of data needs about ${gb(need)} of the ` +
      `in-browser database's memory, and ${gb(free)} of its ${gb(limit)} is free. Nothing was read and the loaded tables are unchanged. ` +
      'Load a smaller extract (one year, or one ICB\'s areas), or leave out columns the dashboard does not use.'
  };
}
