/**
 * DuckDB numbers the records it keeps (0, 1, 2 ...) but a person fixing a file needs the line
 * number their editor shows. This scan walks the bytes once, quote-aware, skipping the lines
 * DuckDB also skipped (empty lines, and the malformed lines it rejected), and stops as soon as
 * every wanted record has been found. It only runs when there are problems to report.
 */

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** Whether byte b, just read (bytes[at] is the next one), ends a line: LF, or a CR not followed by LF (old Mac files). */
const isBreak = (bytes: Uint8Array, at: number, b: number | undefined) => b === LF || (b === CR && bytes[at] !== LF);

/**
 * @param bytes UTF-8 bytes of the file (BOM removed; line structure as DuckDB saw it)
 * @param headerRecord records before the header, blank lines included (Layout.headerRecord)
 * @param wanted 1-based record numbers (DuckDB's row_number over kept records), any order
 * @param excluded 1-based physical lines DuckDB rejected or skipped as records
 * @returns record number -> 1-based physical line where the record starts
 */
export function recordLines(bytes: Uint8Array, headerRecord: number, wanted: number[], excluded: Set<number>): Map<number, number> {
  const out = new Map<number, number>();
  if (wanted.length === 0) return out;
  const want = new Set(wanted);
  const maxWanted = Math.max(...wanted);
  let line = 1;
  let i = 0;
  const n = bytes.length;
  // Skip past the header: records, not lines, since a title or header cell may hold a quoted line break;
  // every line is counted for the numbers shown.
  let inQuotes = false;
  let records = 0;
  while (i < n && records <= headerRecord) {
    const b = bytes[i++];
    if (b === QUOTE) inQuotes = !inQuotes;
    else if (isBreak(bytes, i, b)) {
      line++;
      if (!inQuotes) records++;
    }
  }
  let record = 0;
  while (i < n && record < maxWanted) {
    const start = line;
    const first = bytes[i];
    const empty = first === LF || first === CR;
    // Walk to the end of this record.
    inQuotes = false;
    while (i < n) {
      const b = bytes[i++];
      if (b === QUOTE) inQuotes = !inQuotes;
      else if (isBreak(bytes, i, b)) {
        line++;
        if (!inQuotes) break;
      }
    }
    if (empty || excluded.has(start)) continue;
    record++;
    if (want.has(record)) out.set(record, start);
  }
  return out;
}
