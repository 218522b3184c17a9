/**
 * PNG sizes and resolution. Two sizes are offered (docs/exports.md):
 *   screen  the on-screen size at 2× (sharp on high-density screens and in slides), marked 192 dpi so
 *           Word and PowerPoint place it at its on-screen size;
 *   print   PRINT_WIDTH_PX wide: 160 mm, the text column of A4 with 25 mm margins, at 300 dpi, marked
 *           300 dpi so Word places it 160 mm wide.
 * The dpi mark is a pHYs chunk, written here (canvas.toBlob never writes one).
 */

export const PRINT_DPI = 300;
export const PRINT_WIDTH_MM = 160;
/** 160 mm at 300 dpi: 160 / 25.4 × 300 = 1889.8 → 1890 px. */
export const PRINT_WIDTH_PX = Math.round((PRINT_WIDTH_MM / 25.4) * PRINT_DPI);
export const SCREEN_SCALE = 2;
export const SCREEN_DPI = 96 * SCREEN_SCALE;

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length > 24 && SIGNATURE.every((b, i) => bytes[i] === b);
}

const u32 = (b: Uint8Array, at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

/** Width and height from the IHDR chunk (always the first, right after the signature). */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  if (!isPng(bytes)) throw new Error('Not a PNG file.');
  return { width: u32(bytes, 16), height: u32(bytes, 20) };
}

/** Pixels per inch from the pHYs chunk, or null when there is none (or its unit is not the metre). */
export function pngDpi(bytes: Uint8Array): number | null {
  for (const c of chunks(bytes)) {
    if (c.type === 'pHYs' && bytes[c.data + 8] === 1) return Math.round(u32(bytes, c.data) * 0.0254);
  }
  return null;
}

function* chunks(bytes: Uint8Array): Generator<{ type: string; start: number; data: number; length: number; end: number }> {
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = u32(bytes, at);
    const type = String.fromCharCode(bytes[at + 4]!, bytes[at + 5]!, bytes[at + 6]!, bytes[at + 7]!);
    const end = at + 12 + length;
    yield { type, start: at, data: at + 8, length, end };
    if (type === 'IEND') return;
    at = end;
  }
}

let table: Uint32Array | null = null;
export function crc32(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) crc = table[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The PNG with its resolution set to `dpi` (a pHYs chunk after IHDR; any old one removed). */
export function withDpi(bytes: Uint8Array, dpi: number): Uint8Array {
  if (!isPng(bytes)) throw new Error('Not a PNG file.');
  const ppm = Math.round(dpi / 0.0254);
  const chunk = new Uint8Array(21);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, 9);
  chunk.set([0x70, 0x48, 0x59, 0x73], 4); // 'pHYs'
  view.setUint32(8, ppm);
  view.setUint32(12, ppm);
  chunk[16] = 1; // unit: metre
  view.setUint32(17, crc32(chunk.subarray(4, 17)));
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  for (const c of chunks(bytes)) {
    if (c.type === 'pHYs') continue;
    parts.push(bytes.subarray(c.start, c.end));
    if (c.type === 'IHDR') parts.push(chunk);
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
