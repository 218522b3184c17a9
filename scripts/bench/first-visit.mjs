/**
 * First visit to the Map: a new browser context each run (empty HTTP cache, no storage, so the
 * demo loads as for a first-time visitor), from navigation until the map has drawn its areas with
 * their values ("drawn": from the demo's first view, db/first-view.ts, while the engine starts) and until the
 * engine's own figures are in ("live": the view no longer loading). Also the bytes the page downloaded: as sent
 * (the bench's server sends the build's pre-compressed copies, as docs/hosting.md sets a host up to) and as the
 * files are (decoded).
 *
 * The times are taken in the page (performance.now(), from navigation start) by a MutationObserver: waiting on a
 * locator from here polls, at up to 500 ms apart once it has waited a while, which added up to half a second to
 * the figures this bench printed before 5 December.
 */

/** Runs in the page before its own scripts: notes when the map first has values, and when the view is live. */
function watchMap() {
  const w = /** @type {any} */ (globalThis);
  w.__firstVisit = {};
  new MutationObserver(() => {
    const t = w.__firstVisit;
    const view = document.querySelector('[data-testid="map-view"]');
    const drawn = view?.querySelector('[data-testid="map-svg"] path[data-code][data-value]');
    if (drawn && t.drawn === undefined) t.drawn = performance.now();
    if (drawn && view?.getAttribute('data-loading') === 'false' && document.querySelector('[data-testid="engine-status"][data-status="ready"]') && t.live === undefined) t.live = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true });
}

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
  /** @type {{ ms: number, liveMs: number, bytes: number, rawBytes: number }[]} ms: the map drawn; liveMs: live */
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
    await page.addInitScript(watchMap);
    await page.goto(`${base}/map/`);
    await page.locator('[data-testid="engine-status"][data-status="ready"]').waitFor({ state: 'attached', timeout: 120_000 });
    await page.locator('[data-testid="map-view"][data-loading="false"] [data-testid="map-svg"] path[data-code][data-value]').first().waitFor({ timeout: 120_000 });
    await page.waitForTimeout(300);
    const times = await page.evaluate(() => /** @type {any} */ (globalThis).__firstVisit);
    const ms = Math.round(times.drawn);
    const liveMs = Math.round(times.live);
    out.push({ ms, liveMs, bytes, rawBytes });
    log(`first visit ${i}/${runs}: map drawn after ${ms} ms (live ${liveMs} ms), ${(bytes / 1024 / 1024).toFixed(1)} MB downloaded (${(rawBytes / 1024 / 1024).toFixed(1)} MB decoded)`);
    await context.close();
  }
  return out;
}
