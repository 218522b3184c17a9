/**
 * The bench's one way to upload a referrals extract through the app's real UI, replacing the loaded referrals:
 * the file chosen, "Replace it" ticked, Load clicked, the passing report awaited, then the background save to
 * the browser's storage awaited so it is not charged to what is measured next. Returns the file's card and the
 * milliseconds from choosing the file to the report.
 */
const LOAD = 15 * 60_000;

/**
 * @param {import('playwright-core').Page} page
 * @param {string} file
 */
export async function replaceUpload(page, file) {
  const name = file.split('/').pop();
  const t0 = Date.now();
  await page.locator('[data-testid="file-input"]').setInputFiles(file);
  const card = page.locator(`[data-testid="file-card"][data-file="${name}"]`);
  await card.getByLabel('Replace it').check({ timeout: LOAD });
  await card.locator('[data-testid="load-button"]:enabled').click({ timeout: LOAD });
  await card.locator('[data-testid="load-report"][data-ok="true"]').waitFor({ timeout: LOAD });
  const loadMs = Date.now() - t0;
  await page.evaluate(() => /** @type {any} */ (window).__fairshare.settled());
  return { card, name, loadMs };
}

/**
 * A new page of `context` on the Data page, once the engine is ready and the demo's referrals are in: where every
 * replace-upload starts.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} base
 */
export async function openDemoDataPage(context, base) {
  const READY = 180_000;
  const page = await context.newPage();
  await page.goto(`${base}/data/`);
  await page.locator('[data-testid="engine-status"][data-status="ready"]').waitFor({ timeout: READY });
  await page.locator('[data-testid="count-referrals"]').filter({ hasNotText: /^0$/ }).waitFor({ timeout: READY });
  return page;
}
