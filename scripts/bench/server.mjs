/**
 * A tiny static server for the benchmark: the built app from build/ plus the generated
 * extracts under /__bench/files/ and a blank page under /__bench/blank.html.
 *
 * Why not `vite preview`: one process fewer to start and kill, no npx, and the baselines
 * need the same bytes from the same origin (fetch() in the page), which vite preview
 * cannot serve from bench-data/. Files are streamed, so a 100 MB extract is never held in
 * Node's memory.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

/** The browser refuses to instantiate wasm streamed with the wrong type, and module workers need JS types. */
const TYPES = /** @type {Record<string, string>} */ ({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.arrow': 'application/vnd.apache.arrow.stream'
});

const BLANK = '<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head><body></body></html>';

/**
 * Resolves a URL path to a file inside `dir`, or null. Directories serve their index.html
 * (SvelteKit's static adapter writes /data/ as data/index.html); `..` cannot escape `dir`.
 * @param {string} dir
 * @param {string} urlPath
 */
function resolveIn(dir, urlPath) {
  let rel;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const file = path.join(dir, path.normalize(rel));
  if (file !== dir && !file.startsWith(dir + path.sep)) return null;
  for (const candidate of [file, path.join(file, 'index.html'), `${file}.html`]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/**
 * @param {{ buildDir: string, dataDir: string, port: number }} o
 * @returns {Promise<http.Server>}
 */
export function startServer({ buildDir, dataDir, port }) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    if (url.pathname === '/__bench/blank.html') {
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' }).end(BLANK);
      return;
    }
    const fromData = url.pathname.startsWith('/__bench/files/');
    const file = fromData
      ? resolveIn(dataDir, path.basename(url.pathname))
      : resolveIn(buildDir, url.pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': TYPES['.txt'] }).end('not found');
      return;
    }
    const ext = path.extname(file).toLowerCase();
    // As a host set up as docs/hosting.md says: the pre-compressed copy the browser accepts, if the build has one.
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const encoding = fromData ? null : ['br', 'gzip'].find((e) => new RegExp(`\\b${e}\\b`).test(accepts) && existsSync(`${file}.${e === 'br' ? 'br' : 'gz'}`)) ?? null;
    const sent = encoding ? `${file}.${encoding === 'br' ? 'br' : 'gz'}` : file;
    res.writeHead(200, {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'content-length': statSync(sent).size,
      ...(encoding ? { 'content-encoding': encoding, vary: 'Accept-Encoding' } : {}),
      // Extracts must be fetched fresh (they are regenerated); the app's hashed assets may be cached.
      'cache-control': fromData || ext === '.html' ? 'no-store' : 'max-age=600'
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(sent).on('error', () => res.destroy()).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the benchmark serves local files and nothing else should reach them.
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
