// The workspace kept in this browser (OPFS): loaded files, the board pack and the boundaries survive a
// reload and are there in a second tab; a tab that another has overtaken says so instead of saving over
// it; "Clear all data" leaves nothing behind; a storage failure is told and the work goes on in memory.
import type { Page } from '@playwright/test';
import { expect, loadFixture as load, openApp, test } from './fixtures';

/** Row counts and a checksum of every loaded table, from the engine itself. */
async function tables(page: Page) {
  return page.evaluate(async () => {
    const q = (window as unknown as { __fairshare: { query(sql: string): Promise<Record<string, unknown>[]> } }).__fairshare.query;
    const out: Record<string, unknown> = {};
    for (const t of ['referrals', 'funding', 'providers', 'population']) {
      const [r] = await q(`SELECT count(*)::INTEGER AS n, coalesce(sum(hash(t::VARCHAR)) % 1000000007, 0)::BIGINT AS h FROM "${t}" t`);
      out[t] = r;
    }
    out.sources = await q(`SELECT table_name, file_name, origin, rows FROM _fs_sources ORDER BY loaded_at, table_name`);
    return out;
  });
}

/** The map's table twin, row by row. */
async function mapTable(page: Page) {
  await openApp(page, '/map/');
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
  return page.locator('[data-testid="map-table"] tbody tr').allTextContents();
}

/** Every file in the origin-private file system, with its size. */
async function opfsFiles(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const out: string[] = [];
    const walk = async (dir: FileSystemDirectoryHandle, prefix: string) => {
      for await (const [name, h] of (dir as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
        if (h.kind === 'directory') await walk(h as FileSystemDirectoryHandle, `${prefix}${name}/`);
        else out.push(`${prefix}${name}`);
      }
    };
    await walk(await navigator.storage.getDirectory(), '');
    return out.sort();
  });
}

const kept = (page: Page) => expect(page.getByTestId('storage-panel')).toHaveAttribute('data-status', 'kept', { timeout: 30_000 });

test('loaded files survive a reload and open in a second tab; an overtaken tab says so; clear all data leaves nothing', async ({ page, context }) => {
  await openApp(page, '/data/');
  await load(page, 'referrals-excel-messy.csv');
  await load(page, 'funding-ledger.csv');
  await kept(page);
  const before = await tables(page);
  expect((before.referrals as { n: number }).n).toBeGreaterThan(0);
  expect(await opfsFiles(page)).toEqual(expect.arrayContaining(['fairshare/workspace.json', expect.stringMatching(/^fairshare\/referrals\.\d+\.arrow$/)]));
  const map = await mapTable(page);
  expect(map.length).toBeGreaterThan(0);

  await page.reload();
  await openApp(page, '/data/');
  expect(await tables(page)).toEqual(before);
  await expect(page.getByTestId('count-referrals')).not.toHaveText('0');
  expect(await mapTable(page)).toEqual(map);
  // The load history (Data quality view) came back with the tables.
  await openApp(page, '/quality/');
  await expect(page.locator('[data-testid="history-entry"][data-file="referrals-excel-messy.csv"][data-origin="upload"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="history-entry"][data-file="funding-ledger.csv"]')).toHaveCount(1);

  // A second tab of the same browser opens on the same data.
  const second = await context.newPage();
  await openApp(second, '/data/');
  expect(await tables(second)).toEqual(before);
  await expect(second.getByTestId('storage-panel')).toHaveAttribute('data-status', 'kept');

  // The second tab changes the data: the first is told it is out of date, and does not save over it.
  await load(second, 'population-small.csv');
  await kept(second);
  await expect(page.getByTestId('workspace-behind')).toContainText('changed in another tab');

  // Clear all data (from the second tab): the tables, the mappings and the files in OPFS all go.
  await second.getByTestId('clear-all').click();
  await second.getByTestId('confirm-clear').click();
  await expect(second.getByTestId('count-referrals')).toHaveText('0');
  await expect(second.getByTestId('storage-bytes')).toHaveAttribute('data-bytes', '0');
  expect(await opfsFiles(second)).toEqual([]);
  const keys = await second.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)]);
  expect(keys.filter((k) => /mapping|boardPack/.test(k))).toEqual([]);
  await second.reload();
  await openApp(second, '/data/');
  const after = await tables(second);
  for (const t of ['referrals', 'funding', 'providers', 'population']) expect((after[t] as { n: number }).n, t).toBe(0);
  expect(after.sources).toEqual([]);
});

test('the board pack and the boundaries come back after a reload', async ({ page }) => {
  await openApp(page, '/map/');
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
  // Two squares named as districts: enough for the Map to take them as the user's boundaries.
  const square = (x: number) => [[[x, 53], [x, 54], [x + 1, 54], [x + 1, 53], [x, 53]]];
  const geo = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { LAD24CD: 'E06000008', LAD24NM: 'Blackburn with Darwen' }, geometry: { type: 'Polygon', coordinates: square(-3) } },
      { type: 'Feature', properties: { LAD24CD: 'E06000009', LAD24NM: 'Blackpool' }, geometry: { type: 'Polygon', coordinates: square(-2) } }
    ]
  };
  await page.getByTestId('boundary-input').setInputFiles({ name: 'two-squares.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(geo)) });
  await expect(page.getByTestId('boundary-panel')).toHaveAttribute('data-source', 'user');
  await expect(page.getByTestId('boundary-panel')).toHaveAttribute('data-busy', 'false'); // read and kept
  const col = page.locator('.map-col');
  await col.getByTestId('export-menu').first().locator('summary').click();
  await col.locator('[data-export="board-pack"]').first().click();
  await expect(col.getByTestId('export-status').first()).toContainText('Added');
  await openApp(page, '/board-pack/');
  const items = page.getByTestId('board-item');
  await expect(items).toHaveCount(1);
  const title = (await items.first().locator('h2').textContent())!;
  await page.getByTestId('pack-title').fill('Fair shares, December board');

  await page.waitForTimeout(600); // the pack's words are written once typing pauses (250 ms)
  await page.reload();
  await openApp(page, '/board-pack/');
  await expect(items).toHaveCount(1);
  await expect(items.first().locator('h2')).toHaveText(title);
  await expect(page.getByTestId('pack-title')).toHaveValue('Fair shares, December board');
  await openApp(page, '/map/');
  await expect(page.getByTestId('boundary-panel')).toHaveAttribute('data-source', 'user');
  await expect(page.getByTestId('boundary-summary')).toContainText('two-squares.geojson');
});

test('storage that refuses to keep the data: a plain message, and the data stays loaded in the tab', async ({ page }) => {
  await page.addInitScript(() => {
    FileSystemFileHandle.prototype.createWritable = async function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await openApp(page, '/data/');
  await load(page, 'funding-ledger.csv');
  await expect(page.getByTestId('storage-error')).toContainText('could not keep your data: it is full');
  await expect(page.getByTestId('workspace-failed')).toContainText('work goes on in this tab');
  await expect(page.getByTestId('count-funding')).not.toHaveText('0');
});
