/**
 * View redraw benchmark (issue: changing a filter redraws all charts of a view in under 300 ms
 * median with a 1M-row referral extract loaded). In a fresh browser context the demo loads, the
 * big referral extract replaces the demo referrals through the app's upload UI, and then on each
 * view a filter is changed again and again: each time is measured from the change until the view
 * has finished its queries and every chart of the view has been drawn again (the page counts Plot
 * draws in window.__fairshareDraws) and the browser has painted.
 */

const READY = 120_000;
const LOAD = 10 * 60_000;

/** Views, the number of Plot charts each draws, and the filter changed. */
const VIEWS = [
  { id: 'waiting', path: '/waiting/', ready: '[data-testid="waiting-view"]', charts: 1 },
  { id: 'capacity', path: '/capacity/', ready: '[data-testid="capacity-view"]', charts: 8 }
];

/** @param {number[]} xs */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * @param {import('playwright-core').Browser} browser
 * @param {{ base: string, file: string, repeats: number, log: (m: string) => void }} o
 */
export async function measureViews(browser, { base, file, repeats, log }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(`${base}/data/`);
    await page.locator('[data-testid="engine-status"][data-status="ready"]').waitFor({ timeout: READY });
    await page.locator('[data-testid="count-referrals"]').filter({ hasNotText: /^0$/ }).waitFor({ timeout: READY });
    const name = file.split('/').pop();
    await page.locator('[data-testid="file-input"]').setInputFiles(file);
    const card = page.locator(`[data-testid="file-card"][data-file="${name}"]`);
    await card.getByLabel('Replace it').check({ timeout: LOAD });
    await card.locator('[data-testid="load-button"]:enabled').click({ timeout: LOAD });
    await card.locator('[data-testid="load-report"][data-ok="true"]').waitFor({ timeout: LOAD });
    // The tables are then kept in the browser (OPFS) in the background: not part of a redraw.
    await page.evaluate(() => /** @type {any} */ (window).__fairshare.settled());
    const [{ n }] = await page.evaluate(() => /** @type {any} */ (window).__fairshare.query('SELECT count(*)::INTEGER AS n FROM referrals'));
    log(`views: ${n.toLocaleString('en-GB')} referrals loaded over the demo's other tables`);

    /** @type {Record<string, { medianMs: number, runsMs: number[], charts: number, queriesDoneMs: number, queryMs: number, traces: unknown[] }>} */
    const out = {};
    for (const view of VIEWS) {
      // In-app navigation: a reload would start a fresh in-memory database.
      await page.evaluate((p) => /** @type {any} */ (document.querySelector(`nav a[href$="${p}"]`))?.click(), view.path);
      await page.locator(`${view.ready}[data-loading="false"]`).waitFor({ timeout: LOAD });
      const codes = await page.evaluate(() => [...document.querySelectorAll('[data-testid="filter-areas"] input[type="checkbox"]')].map((i) => /** @type {HTMLInputElement} */ (i).value));
      const runs = [];
      /** @type {{ total: number, queriesDone: number, queryMs: number, queries: { sql: string, start: number, ms: number }[] }[]} */
      const traces = [];
      for (let i = 0; i < repeats; i++) {
        // Alternately pick one area and clear it: every change re-runs every query of the view.
        const code = codes[i % codes.length];
        const run = await page.evaluate(async ({ code, ready, charts, timeout }) => {
          const w = /** @type {any} */ (window);
          const before = w.__fairshareDraws ?? 0;
          // The engine logs each query while this is an array (src/lib/db/engine.ts).
          w.__fairshareTrace = [];
          const box = /** @type {HTMLInputElement} */ (document.querySelector(`[data-testid="filter-areas"] input[value="${code}"]`));
          const t0 = performance.now();
          box.click();
          await new Promise((resolve, reject) => {
            const give = setTimeout(() => reject(new Error('view did not redraw')), timeout);
            const check = () => {
              const done = (w.__fairshareDraws ?? 0) >= before + charts && document.querySelector(ready)?.getAttribute('data-loading') === 'false';
              if (done) {
                clearTimeout(give);
                resolve(undefined);
              } else requestAnimationFrame(check);
            };
            requestAnimationFrame(check);
          });
          // The frame after the last draw has been painted.
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          const total = performance.now() - t0;
          /** @type {{ sql: string, start: number, ms: number }[]} */
          const queries = w.__fairshareTrace;
          w.__fairshareTrace = undefined;
          const lastEnd = Math.max(t0, ...queries.map((q) => q.start + q.ms));
          return { total, queriesDone: lastEnd - t0, queryMs: queries.reduce((a, q) => a + q.ms, 0), queries };
        }, { code, ready: view.ready, charts: view.charts, timeout: LOAD });
        runs.push(run.total);
        traces.push(run);
        // Undo it (not measured), so each measured change goes from all areas to one.
        await page.evaluate((c) => /** @type {HTMLInputElement} */ (document.querySelector(`[data-testid="filter-areas"] input[value="${c}"]`)).click(), code);
        await page.locator(`${view.ready}[data-loading="false"]`).waitFor({ timeout: LOAD });
        await page.waitForTimeout(200);
      }
      const medianMs = median(runs);
      const queriesDoneMs = median(traces.map((t) => t.queriesDone));
      const queryMs = median(traces.map((t) => t.queryMs));
      out[view.id] = { medianMs, runsMs: runs, charts: view.charts, queriesDoneMs, queryMs, traces };
      log(`views: ${view.id} (${view.charts} charts) redraw after a filter change, median ${Math.round(medianMs)} ms of ${runs.map((r) => Math.round(r)).join(', ')}`);
      log(`views: ${view.id}: last query done at ${Math.round(queriesDoneMs)} ms (median), ${Math.round(queryMs)} ms in ${traces[0]?.queries.length ?? 0} queries`);
    }
    return out;
  } finally {
    await context.close().catch(() => undefined);
  }
}
