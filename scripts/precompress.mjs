/**
 * Pre-compressed copies of the built site, for hosts that serve them as they are (nginx gzip_static and
 * brotli_static, Apache and IIS with the rules in docs/hosting.md): beside each file that compresses well,
 * `name.br` (brotli) and `name.gz` (gzip), so the server never compresses on the fly. A first visit downloads
 * the engine (duckdb-eh.wasm, 34 MB) and the demo (11 MB): as brotli, about a fifth of that.
 *
 *   node scripts/precompress.mjs [build]
 *
 * Prints the bytes before and after. Files already compressed (images, zips) and small files are left alone.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(html|js|mjs|css|json|wasm|arrow|csv|svg|txt|topojson|geojson|xml|map)$/i;
const MIN_BYTES = 1024;

/** Every file under `dir` worth compressing. */
function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return COMPRESSIBLE.test(e.name) && statSync(p).size >= MIN_BYTES ? [p] : [];
  });
}

export function precompress(dir) {
  const totals = { raw: 0, br: 0, gz: 0, files: 0 };
  for (const file of files(dir)) {
    const bytes = readFileSync(file);
    // Quality 9: within a few per cent of 11 on the wasm, and seconds rather than a minute for the whole site.
    const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
    const gz = gzipSync(bytes, { level: 9 });
    writeFileSync(`${file}.br`, br);
    writeFileSync(`${file}.gz`, gz);
    totals.raw += bytes.length;
    totals.br += br.length;
    totals.gz += gz.length;
    totals.files++;
  }
  return totals;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  const dir = path.resolve(process.argv[2] ?? 'build');
  const t = precompress(dir);
  const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;
  console.log(`precompress: ${t.files} files, ${mb(t.raw)} → brotli ${mb(t.br)}, gzip ${mb(t.gz)} (${Math.round(performance.now() - started)} ms)`);
}
