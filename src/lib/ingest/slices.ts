/**
 * A large UTF-8 file cut into slices of whole records, so a load can stage it a slice at a time (issue 18).
 *
 * Why: the app's database is compressed, and DuckDB compresses a table's rows when the statement that wrote
 * them commits. Until then they are held uncompressed, about three times the text they came from. One statement
 * over a 10M-row extract (1.15 GB of text) would need about 3.5 GB, more than duckdb-wasm's 4 GiB heap lets it
 * use; a statement per slice needs three times one slice, while the slices already written sit compressed (a
 * sixth of their text or less). Measured with the engine under node: a 1M-row extract (115 MB) staged in one
 * statement ran out under a 200 MB limit and staged in 4 slices under 100 MB.
 *
 * A cut is made only at a line end outside quotes (RFC 4180: every quote toggles, "" toggles twice), so a quoted
 * cell with a line break in it is never split. A stray quote in an unquoted cell would throw the count off; the
 * file is then cut later or at a line end the reader sees as inside a record, and the reader reports the lines
 * around the seam as it reports any malformed line. Slices are used only for a file too large to load whole.
 */

export interface Slice {
  /** Byte offsets in the file: [start, end). */
  start: number;
  end: number;
  /**
   * Line ends outside quotes before the slice. DuckDB's reader numbers lines so (a line break inside a quoted cell
   * does not count): a line number it gives within the slice, plus this, is the one it gives reading the file whole.
   */
  linesBefore: number;
}

const QUOTE = 0x22;
const LF = 0x0a;
/** Bytes read from the file at a time while looking for cuts. */
const READ_BYTES = 8 << 20;

/** Cut `source` (UTF-8 text) into slices of at least `target` bytes each (the last may be shorter), at record ends. */
export async function recordSlices(source: Blob, target: number): Promise<Slice[]> {
  const slices: Slice[] = [];
  let start = 0;
  let linesAtStart = 0;
  let lines = 0;
  let inQuotes = false;
  for (let offset = 0; offset < source.size; offset += READ_BYTES) {
    const chunk = new Uint8Array(await source.slice(offset, Math.min(source.size, offset + READ_BYTES)).arrayBuffer());
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === QUOTE) inQuotes = !inQuotes;
      else if (b === LF && !inQuotes) {
        lines++;
        const end = offset + i + 1;
        if (end - start >= target && end < source.size) {
          slices.push({ start, end, linesBefore: linesAtStart });
          start = end;
          linesAtStart = lines;
        }
      }
    }
  }
  slices.push({ start, end: source.size, linesBefore: linesAtStart });
  return slices;
}
