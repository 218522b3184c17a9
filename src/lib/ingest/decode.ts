/**
 * Step 1 of ingest: decide what a dropped file's bytes are, and get UTF-8 bytes for DuckDB.
 * UTF-8 files (the common case, and the large ones) are read by DuckDB straight from the file
 * (ingest/load.ts), so a 1M-row extract is never copied through the page, let alone into a
 * JavaScript string; only UTF-16 and Windows-1252 files are read whole and re-encoded.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type Sniffed =
  | { ok: true; encoding: TextEncodingName; bomLength: number }
  | { ok: false; reason: string };

/** Bytes looked at to decide; also the sample used for header detection. */
export const SAMPLE_BYTES = 256 * 1024;

const MAGIC: { bytes: number[]; what: string; hint: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image', hint: 'Choose the CSV extract instead.' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image', hint: 'Choose the CSV extract instead.' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document', hint: 'Export the report as CSV from the source system.' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a zipped file (an Excel .xlsx workbook is one)', hint: 'In Excel use File > Save As > "CSV UTF-8 (Comma delimited)" and upload that.' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel .xls workbook', hint: 'In Excel use File > Save As > "CSV UTF-8 (Comma delimited)" and upload that.' },
  { bytes: [0x50, 0x41, 0x52, 0x31], what: 'a damaged or incomplete Parquet file', hint: 'Export the table again, as Parquet or CSV.' },
  { bytes: [0x1f, 0x8b], what: 'a gzip-compressed file', hint: 'Unzip it first and upload the CSV inside.' }
];

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/**
 * Decide the encoding of a file from its first bytes, or say why it is not a text extract.
 * `size`: the whole file's, when `bytes` is only its first part.
 */
export function sniffEncoding(bytes: Uint8Array, size = bytes.length): Sniffed {
  if (size === 0) return { ok: false, reason: 'The file is empty (0 bytes). Check you exported the right report, then upload it again.' };
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { ok: true, encoding: 'utf-8', bomLength: 3 };
  if (startsWith(bytes, [0xff, 0xfe])) return { ok: true, encoding: 'utf-16le', bomLength: 2 };
  if (startsWith(bytes, [0xfe, 0xff])) return { ok: true, encoding: 'utf-16be', bomLength: 2 };
  for (const m of MAGIC) {
    if (startsWith(bytes, m.bytes)) return { ok: false, reason: `This is ${m.what}, not a CSV or text extract. ${m.hint}` };
  }
  const sample = bytes.subarray(0, Math.min(bytes.length, SAMPLE_BYTES));
  // UTF-16 without a BOM: every other byte of ASCII text is zero.
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < Math.min(sample.length, 4096); i++) {
    if (sample[i] === 0) (i % 2 === 0 ? evenZeros++ : oddZeros++);
  }
  const half = Math.min(sample.length, 4096) / 2;
  if (oddZeros > half * 0.6 && evenZeros < half * 0.05) return { ok: true, encoding: 'utf-16le', bomLength: 0 };
  if (evenZeros > half * 0.6 && oddZeros < half * 0.05) return { ok: true, encoding: 'utf-16be', bomLength: 0 };
  if (evenZeros + oddZeros > 0) return { ok: false, reason: 'This file contains binary data, not text. Upload a CSV or tab-separated text extract.' };
  // Cut the sample at a character boundary so a multi-byte character split by the cut is not an error.
  let end = sample.length;
  if (end < size) while (end > 0 && (sample[end - 1]! & 0xc0) === 0x80) end--;
  if (end < size && end > 0 && sample[end - 1]! >= 0xc0) end--;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return { ok: true, encoding: 'utf-8', bomLength: 0 };
  } catch {
    return { ok: true, encoding: 'windows-1252', bomLength: 0 };
  }
}

/** Text of the first part of the file, for header and delimiter detection. */
export function sampleText(bytes: Uint8Array, enc: { encoding: TextEncodingName; bomLength: number }): string {
  const raw = bytes.subarray(enc.bomLength, Math.min(bytes.length, enc.bomLength + SAMPLE_BYTES));
  // (Windows-1252 line by line, as the load reads it: toUtf8.)
  return enc.encoding === 'windows-1252' ? new TextDecoder().decode(windows1252ToUtf8(raw)) : new TextDecoder(enc.encoding).decode(raw);
}

/**
 * UTF-8 bytes for DuckDB without a BOM. UTF-8 input is returned as a view (no copy); other
 * encodings are decoded and re-encoded.
 */
export function toUtf8(bytes: Uint8Array, enc: { encoding: TextEncodingName; bomLength: number }): Uint8Array {
  if (enc.encoding === 'utf-8') return bytes.subarray(enc.bomLength);
  if (enc.encoding === 'windows-1252') return windows1252ToUtf8(bytes.subarray(enc.bomLength));
  const text = new TextDecoder(enc.encoding).decode(bytes.subarray(enc.bomLength));
  return new TextEncoder().encode(text);
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const cp1252 = new TextDecoder('windows-1252');

/**
 * A Windows-1252 file as UTF-8, line by line: a line that is valid UTF-8 with a character beyond ASCII was
 * written as UTF-8 and is kept so. Files stuck together from two exports mix the two ("Café" from one,
 * "Caf\xe9" from the other); read whole as Windows-1252 the first came out as "CafÃ©". A line of Windows-1252
 * text is valid UTF-8 only by a rare accident of pairs such as "Ã©".
 */
function windows1252ToUtf8(bytes: Uint8Array): Uint8Array {
  const out: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    end = end < 0 ? bytes.length : end + 1;
    const line = bytes.subarray(start, end);
    let text: string | null = null;
    if (line.some((b) => b >= 0x80)) {
      try {
        text = utf8Strict.decode(line);
      } catch {
        text = null;
      }
    }
    out.push(text ?? cp1252.decode(line));
    start = end;
  }
  return new TextEncoder().encode(out.join(''));
}
