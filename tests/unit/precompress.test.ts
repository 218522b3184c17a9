// The build's pre-compressed copies (scripts/precompress.mjs): each compressible file gets a brotli and a gzip
// copy that decode to exactly its bytes; small files and files already compressed are left alone.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { precompress } from '../../scripts/precompress.mjs';

test('brotli and gzip copies beside each compressible file, decoding to its bytes', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'precompress-'));
  mkdirSync(path.join(dir, '_app'));
  const js = Buffer.from('export const x = 1;\n'.repeat(500));
  const wasm = Buffer.alloc(50_000, 7);
  writeFileSync(path.join(dir, '_app', 'start.js'), js);
  writeFileSync(path.join(dir, 'engine.wasm'), wasm);
  writeFileSync(path.join(dir, 'tiny.json'), '{}');
  writeFileSync(path.join(dir, 'picture.png'), Buffer.alloc(5000, 1));
  mkdirSync(path.join(dir, 'data', 'demo'), { recursive: true });
  writeFileSync(path.join(dir, 'data', 'demo', 'referrals.csv'), 'a,b\n'.repeat(1000)); // to look at, not fetched
  const totals = await precompress(dir);
  expect(totals.files).toBe(2);
  expect(totals.raw).toBe(js.length + wasm.length);
  for (const [file, bytes] of [[path.join(dir, '_app', 'start.js'), js], [path.join(dir, 'engine.wasm'), wasm]] as const) {
    expect(brotliDecompressSync(readFileSync(`${file}.br`)).equals(bytes)).toBe(true);
    expect(gunzipSync(readFileSync(`${file}.gz`)).equals(bytes)).toBe(true);
    expect(readFileSync(`${file}.br`).length).toBeLessThan(bytes.length / 10);
  }
  for (const left of ['tiny.json', 'picture.png', 'data/demo/referrals.csv']) expect(existsSync(path.join(dir, `${left}.br`)), left).toBe(false);
});
