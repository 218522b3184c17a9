// The demo's first view (src/lib/db/first-view.ts): a first visit shows the Overview's figures and draws the Map
// from the figures shipped with the demo while the engine starts. Checked against the engine itself: the
// Overview, and every measure's values on the map and in its table, shown from the first view while the demo's
// referrals are held back, are what the engine shows when there is no first view at all. And a browser that keeps anything of its own never sees it.
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

/** Runs in the page before its scripts: the engine's status when the map first has values. */
function noteFirstDraw() {
  const w = globalThis as unknown as { __statusAtFirstDraw?: string };
  new MutationObserver(() => {
    if (w.__statusAtFirstDraw !== undefined || !document.querySelector('[data-testid="map-svg"] path[data-code][data-value]')) return;
    w.__statusAtFirstDraw = document.querySelector('[data-testid="engine-status"]')?.getAttribute('data-status') ?? '';
  }).observe(document, { subtree: true, childList: true, attributes: true });
}
const statusAtFirstDraw = (page: Page) => page.evaluate(() => (globalThis as unknown as { __statusAtFirstDraw?: string }).__statusAtFirstDraw);

/** Each area's value on the map and the table's value cells, for the measure shown. */
async function drawnValues(page: Page): Promise<{ map: string[]; table: string[] }> {
  const map = await page.locator('[data-testid="map-svg"] path[data-code][data-value]')
    .evaluateAll((ps) => ps.map((p) => `${p.getAttribute('data-code')}=${p.getAttribute('data-value')}`).sort());
  const table = await page.getByTestId('map-table').locator('[data-testid="cell-value"]')
    .evaluateAll((cs) => cs.map((c) => `${c.getAttribute('data-value') ?? ''}|${c.textContent?.trim()}`).sort());
  return { map, table };
}

/** The Overview's key figures and its table of the largest gaps. */
async function overviewText(page: Page): Promise<string[]> {
  return [await page.getByTestId('key-figures').innerText(), await page.getByTestId('gaps-table').innerText()];
}

async function measures(page: Page): Promise<string[]> {
  return page.getByTestId('measure-select').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
}

test('a first visit shows the Overview and draws the demo map before the engine is ready, as the engine does them', async ({ page, browser }) => {
  // The demo's referrals held back: the engine cannot be ready until they are let through.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/data/demo/referrals.arrow', async (route) => {
    await held;
    await route.continue();
  });
  await page.addInitScript(noteFirstDraw);
  // The Overview, where a visitor lands: its figures at once.
  await page.goto('/');
  await expect(page.getByTestId('key-figures')).toBeVisible();
  const overview = await overviewText(page);
  await expect(page.getByTestId('engine-status')).not.toHaveAttribute('data-status', 'ready');
  await page.getByRole('link', { name: 'Map', exact: true }).click();
  await expect(page.locator('[data-testid="map-svg"] path[data-code][data-value]')).toHaveCount(35);
  expect(await statusAtFirstDraw(page)).not.toBe('ready');
  await expect(page.getByTestId('engine-status')).not.toHaveAttribute('data-status', 'ready');

  // Every measure, chosen while the engine is still starting: drawn from the first view.
  const ids = await measures(page);
  expect(ids.length).toBeGreaterThan(10);
  const first = new Map<string, { map: string[]; table: string[] }>();
  for (const id of ids) {
    await page.getByTestId('measure-select').selectOption(id);
    await expect(page.getByTestId('map-view')).toHaveAttribute('data-measure', id);
    first.set(id, await drawnValues(page));
  }
  await expect(page.getByTestId('engine-status')).not.toHaveAttribute('data-status', 'ready');
  expect(first.get('dft')!.map).toHaveLength(35);
  release();
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');

  // The oracle: a browser given no first view, where the engine alone draws the map.
  const context = await browser.newContext();
  const live = await context.newPage();
  await live.route('**/data/demo/first-view.json', (route) => route.fulfill({ status: 404, body: '' }));
  await live.addInitScript(noteFirstDraw);
  await openApp(live, '/');
  await expect(live.getByTestId('key-figures')).toBeVisible();
  expect(await overviewText(live)).toEqual(overview);
  await live.goto('/map/');
  await expect(live.getByTestId('engine-status')).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await expect(live.locator('[data-testid="map-svg"] path[data-code][data-value]')).toHaveCount(35);
  expect(await statusAtFirstDraw(live)).toBe('ready');
  for (const id of ids) {
    await live.getByTestId('measure-select').selectOption(id);
    await expect(live.getByTestId('map-view')).toHaveAttribute('data-measure', id);
    await expect(live.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
    expect(await drawnValues(live), id).toEqual(first.get(id));
  }
  await context.close();
});

test('a browser that keeps something of its own, or has dismissed the demo, is not shown the first view', async ({ page }) => {
  await openApp(page, '/map/');
  // A file in the app's folder of this browser's storage, where state/workspace.svelte.ts keeps tables, boundaries
  // and the board pack: any file there means an earlier visit kept something.
  await page.evaluate(async () => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('fairshare', { create: true });
    const writable = await (await dir.getFileHandle('kept-earlier.txt', { create: true })).createWritable();
    await writable.write('kept');
    await writable.close();
  });
  await page.addInitScript(noteFirstDraw);
  await page.reload();
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await expect(page.locator('[data-testid="map-svg"] path[data-code][data-value]')).toHaveCount(35);
  // Drawn only once the engine had answered: the demo's first view was not used.
  expect(await statusAtFirstDraw(page)).toBe('ready');

  // The demo dismissed (Clear all data): no first view, and no map of data that is not loaded.
  await openApp(page, '/data/');
  await page.getByTestId('clear-all').click();
  await page.getByTestId('confirm-clear').click();
  await expect(page.getByTestId('count-referrals')).toHaveText('0');
  await page.goto('/map/');
  await expect(page.getByText('No data is loaded.')).toBeVisible({ timeout: 60_000 });
  expect(await statusAtFirstDraw(page)).toBeUndefined();
});
