/**
 * The kept workspace (issue 16): a referral extract is loaded through the upload UI of a fresh browser
 * context, then
 *   save     the time from the load report to the tables being kept in OPFS (Arrow IPC files), and
 *            the bytes kept;
 *   reopen   a reload of the page, timed from navigation to the engine ready with every row back
 *            (start-up included: the engine, the reference, then the kept tables), against
 *   reload   the same page in a context with nothing kept (the engine and reference alone), so the
 *            difference is what bringing the workspace back costs; and against loading the CSV again.
 */

const READY = 180_000;
const LOAD = 10 * 60_000;

/** @param {number[]} xs */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** @param {import('playwright-core').Page} page */
async function ready(page) {
  await page.locator('[data-testid="engine-status"][data-status="ready"]').waitFor({ timeout: READY });
}

/**
 * @param {import('playwright-core').Browser} browser
 * @param {{ base: string, file: string, rows: number, runs: number, log: (m: string) => void }} o
 */
export async function measureKept(browser, { base, file, rows, runs, log }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(`${base}/data/`);
    await ready(page);
    // Start from nothing: the demo cleared (and remembered as dismissed), so only the upload is kept.
    await page.locator('[data-testid="clear-all"]').click();
    await page.locator('[data-testid="confirm-clear"]').click();
    await page.locator('[data-testid="clear-all"]:disabled').waitFor({ timeout: READY });

    // Reload with nothing kept: what start-up costs without a workspace.
    const emptyMs = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await page.reload();
      await ready(page);
      emptyMs.push(performance.now() - t0);
    }

    const name = file.split('/').pop();
    await page.locator('[data-testid="file-input"]').setInputFiles(file);
    const card = page.locator(`[data-testid="file-card"][data-file="${name}"]`);
    await card.locator('[data-testid="load-button"]:enabled').click({ timeout: LOAD });
    await card.locator('[data-testid="load-report"][data-ok="true"]').waitFor({ timeout: LOAD });
    const loadMs = Number(await card.locator('[data-testid="load-report"]').getAttribute('data-load-ms'));
    const t0 = performance.now();
    await page.evaluate(() => /** @type {any} */ (window).__fairshare.settled());
    const saveMs = performance.now() - t0;
    await page.locator('[data-testid="storage-panel"][data-status="kept"]').waitFor({ timeout: LOAD });
    const bytes = Number(await page.locator('[data-testid="storage-bytes"]').getAttribute('data-bytes'));
    log(`kept: ${rows.toLocaleString('en-GB')} rows loaded in ${Math.round(loadMs)} ms, kept in ${Math.round(saveMs)} ms (${(bytes / 1e6).toFixed(1)} MB)`);

    const reopenMs = [];
    for (let i = 0; i < runs; i++) {
      const t1 = performance.now();
      await page.reload();
      await ready(page);
      reopenMs.push(performance.now() - t1);
      const [{ n }] = await page.evaluate(() => /** @type {any} */ (window).__fairshare.query('SELECT count(*)::INTEGER AS n FROM referrals'));
      if (n !== rows) throw new Error(`the kept workspace came back with ${n} of ${rows} referrals`);
    }
    log(`kept: reopened in ${reopenMs.map((x) => Math.round(x)).join(', ')} ms (empty start-up ${emptyMs.map((x) => Math.round(x)).join(', ')} ms)`);

    await page.locator('[data-testid="clear-all"]').click();
    await page.locator('[data-testid="confirm-clear"]').click();
    await page.locator('[data-testid="clear-all"]:disabled').waitFor({ timeout: READY });
    return { rows, loadMs, saveMs, bytes, reopenMs: median(reopenMs), reopenRunsMs: reopenMs, emptyStartMs: median(emptyMs), restoreMs: median(reopenMs) - median(emptyMs) };
  } finally {
    await context.close().catch(() => undefined);
  }
}
