/**
 * First visit to the Map: a new browser context each run (empty HTTP cache, no storage, so the
 * demo loads as for a first-time visitor), from navigation until the map has drawn its areas with
 * their values. Also the bytes the page downloaded: as sent (the bench's server sends the build's pre-compressed
 * copies, as docs/hosting.md sets a host up to) and as the files are (decoded).
 */

import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

/** The size of the built file a URL path names (a folder's index.html), 0 for anything else (blob: workers). */
function fileSize(buildDir, url) {
  if (!url.startsWith('http')) return 0;
  const file = path.join(buildDir, decodeURIComponent(new URL(url).pathname));
  for (const f of [file, path.join(file, 'index.html')]) if (existsSync(f) && statSync(f).isFile()) return statSync(f).size;
  return 0;
}

/**
 * @param {import('playwright-core').Browser} browser
 * @param {{ base: string, runs: number, log: (msg: string) => void, buildDir: string }} options
 */
export async function measureFirstVisit(browser, { base, runs, log, buildDir }) {
  /** @type {{ ms: number, readyMs: number, bytes: number, rawBytes: number }[]} */
  const out = [];
  for (let i = 1; i <= runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    let bytes = 0;
    let rawBytes = 0;
    page.on('requestfinished', (req) => {
      void req.sizes().then((s) => (bytes += s.responseBodySize + s.responseHeadersSize)).catch(() => undefined);
      rawBytes += fileSize(buildDir, req.url());
    });
    const t0 = Date.now();
    await page.goto(`${base}/map/`);
    await page.locator('[data-testid="engine-status"][data-status="ready"]').waitFor({ state: 'attached', timeout: 120_000 });
    const readyMs = Date.now() - t0;
    await page.locator('[data-testid="map-view"][data-loading="false"] [data-testid="map-svg"] path[data-code][data-value]').first().waitFor({ timeout: 120_000 });
    const ms = Date.now() - t0;
    await page.waitForTimeout(300);
    out.push({ ms, readyMs, bytes, rawBytes });
    log(`first visit ${i}/${runs}: map drawn after ${ms} ms (data ready ${readyMs} ms), ${(bytes / 1024 / 1024).toFixed(1)} MB downloaded (${(rawBytes / 1024 / 1024).toFixed(1)} MB decoded)`);
    await context.close();
  }
  return out;
}
