import AxeBuilder from '@axe-core/playwright';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, openApp, test } from './fixtures';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

// WCAG 2.2 AA rules (axe's wcag2a/aa, wcag21a/aa and wcag22aa tags) on each page in a real state.
const axe = (page: import('@playwright/test').Page) =>
  new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);

test('Overview has no WCAG A/AA violations', async ({ page }) => {
  await openApp(page, '/');
  await expect(page.getByTestId('key-figures')).toBeVisible();
  const { violations } = await axe(page).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('Map with a selected area and a tooltip has no WCAG A/AA violations', async ({ page }) => {
  await openApp(page, '/map/?area=E06000009');
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
  await expect(page.getByTestId('map-svg').locator('path[data-code]')).toHaveCount(35);
  await expect(page.getByTestId('area-panel')).toBeVisible();
  await page.locator('path[data-code="E06000009"]').focus();
  await expect(page.getByTestId('map-tooltip')).toBeVisible();
  const { violations } = await axe(page).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('the hex cartogram, and a load report naming recoded and unplaced codes, have no WCAG A/AA violations', async ({ page }) => {
  await openApp(page, '/map/?shape=hex&area=E06000009');
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
  await expect(page.getByTestId('map-svg').locator('path[data-context]')).toHaveCount(261);
  await page.locator('path[data-code="E06000009"]').focus();
  await expect(page.getByTestId('map-tooltip')).toBeVisible();
  let { violations } = await axe(page).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await openApp(page, '/data/');
  const csv = 'referral_id,referral_date,area_code\nA1,2024-05-01,E07000026\nA2,2024-05-01,E10000006\nA3,2024-05-01,00Q\n';
  await page.getByTestId('file-input').setInputFiles({ name: 'old-codes.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const card = page.locator('[data-testid="file-card"][data-file="old-codes.csv"]');
  await card.getByLabel('Append to it').check();
  await card.getByTestId('load-button').click();
  await expect(card.getByTestId('recoded')).toBeVisible();
  await expect(card.getByTestId('unplaced')).toBeVisible();
  ({ violations } = await axe(page).analyze());
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('Data page with a mapping and a validation report has no WCAG A/AA violations', async ({ page }) => {
  await openApp(page, '/data/');
  await page.getByTestId('file-input').setInputFiles(path.join(fixtures, 'referrals-excel-messy.csv'));
  await page.getByTestId('load-button').click();
  await expect(page.getByTestId('load-report')).toBeVisible();
  await page.getByText('Column mapping').click();
  const { violations } = await axe(page).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('the upload flow works from the keyboard alone', async ({ page }) => {
  await openApp(page, '/data/');
  // Tab to "Choose files" and open the picker with the keyboard.
  const chooser = page.waitForEvent('filechooser');
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => (document.activeElement as HTMLElement)?.dataset?.testid === 'file-input')) break;
  }
  await page.keyboard.press('Enter');
  await (await chooser).setFiles(path.join(fixtures, 'referrals-iso-tab.tsv'));
  const load = page.getByTestId('load-button');
  await expect(load).toBeEnabled();
  await load.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('load-report')).toHaveAttribute('data-ok', 'true');
});

/** axe on the page as it is, after opening every table twin (their tables are part of the page). */
async function checkWithTwins(page: import('@playwright/test').Page, label: string) {
  for (const s of await page.locator('details.twin summary').all()) await s.click();
  const { violations } = await axe(page).analyze();
  expect(violations.map((v) => `${label} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('Waiting lists, as a breakdown and as an SPC chart, have no WCAG A/AA violations, table twins open', async ({ page }) => {
  test.setTimeout(150_000);
  await openApp(page, '/waiting/?by=age_band');
  await expect(page.getByTestId('waiting-view')).toHaveAttribute('data-loading', 'false');
  await checkWithTwins(page, 'waiting');
  await page.getByTestId('by-select').selectOption('all');
  await page.getByTestId('spc-toggle').check();
  await expect(page.getByTestId('spc-variation')).toBeVisible();
  await checkWithTwins(page, 'spc');
});

test('Capacity and an area profile have no WCAG A/AA violations, table twins open', async ({ page }) => {
  test.setTimeout(150_000);
  await openApp(page, '/capacity/');
  await expect(page.getByTestId('capacity-view')).toHaveAttribute('data-loading', 'false');
  await checkWithTwins(page, 'capacity');
  await openApp(page, '/area/?area=E06000009');
  await expect(page.getByTestId('area-profile')).toHaveAttribute('data-loading', 'false');
  await checkWithTwins(page, 'profile');
});

test('Pathways has no WCAG A/AA violations, table twins open', async ({ page }) => {
  await openApp(page, '/pathways/');
  await expect(page.getByTestId('pathways-view')).toHaveAttribute('data-loading', 'false');
  await checkWithTwins(page, 'pathways');
});

// A phone (390 × 844): every view, its table twins open, and the header's menu open, has no WCAG 2.2 A/AA
// violations (text reflowed, controls and tables in their boxes, nothing off the page or on top of another).
test('at 390 × 844 every view, its menu open and its table twins open, has no WCAG A/AA violations', async ({ page }) => {
  test.setTimeout(420_000);
  await page.setViewportSize({ width: 390, height: 844 });
  const views: [string, string | null][] = [
    ['/', 'key-figures'], ['/map/?area=E06000009', 'map-view'], ['/waiting/?by=age_band', 'waiting-view'], ['/waiting/?spc=1', 'waiting-view'],
    ['/capacity/', 'capacity-view'], ['/equity/', 'equity-view'], ['/pathways/', 'pathways-view'], ['/area/?area=E06000009', 'area-profile'], ['/data/', null],
    ['/board-pack/', null], ['/sql/', null]
  ];
  for (const [url, view] of views) {
    await openApp(page, url);
    if (view === 'key-figures') await expect(page.getByTestId(view)).toBeVisible();
    else if (view) await expect(page.getByTestId(view)).toHaveAttribute('data-loading', 'false');
    await expect(page.locator('[data-chart][data-state="loading"]')).toHaveCount(0);
    await page.getByRole('button', { name: 'Menu' }).click();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link').first()).toBeVisible();
    await checkWithTwins(page, `${url} (390 px)`);
  }
});

// Data quality, as a desktop and as a phone (390 × 844) shows it: twins open, a load history entry's
// validation report open, the heat table's flagged cells drawn, and on the phone the menu open.
test('Data quality has no WCAG A/AA violations at desktop and at 390 px, twins and a validation report open', async ({ page }) => {
  test.setTimeout(180_000);
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width > 400 ? 900 : 844 });
    await openApp(page, '/quality/?field=wellbeing_both');
    await expect(page.getByTestId('quality-view')).toHaveAttribute('data-loading', 'false');
    await expect(page.locator('[data-chart][data-state="loading"]')).toHaveCount(0);
    await expect(page.locator('[data-testid="quality-heat"] td[data-flagged="true"]').first()).toBeVisible();
    await page.getByTestId('history-entry').first().getByText('Validation report').click();
    if (width < 400) {
      await page.getByRole('button', { name: 'Menu' }).click();
      await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data quality' })).toBeVisible();
      // Nothing wider than the phone: tables scroll in their own boxes.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }
    await checkWithTwins(page, `/quality/ (${width} px)`);
  }
});

// The SQL console with a wide result, a message beside the box and a chart with its twin, at a desktop and at a
// phone's width (the result scrolls sideways inside its own focusable region, never the page).
for (const [label, size] of [['desktop', { width: 1280, height: 900 }], ['390 px', { width: 390, height: 844 }]] as const) {
  test(`SQL console (${label}) with a result, an error and a chart has no WCAG A/AA violations`, async ({ page }) => {
    test.setTimeout(150_000);
    await page.setViewportSize(size);
    await openApp(page, '/sql/');
    const box = page.getByRole('textbox', { name: 'Query' });
    await box.fill('SELECT * FROM referrals ORDER BY referral_id');
    await box.press('Control+Enter');
    await expect(page.getByTestId('sql-table').locator('tbody tr')).toHaveCount(100);
    // Wider than the phone: scrolled inside its box, which the keyboard reaches.
    if (size.width === 390) {
      const region = page.getByTestId('sql-result-region');
      expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await region.focus();
      await expect(region).toBeFocused();
    }
    await checkWithTwins(page, `/sql/ result (${label})`);
    await box.fill("SELECT area_code, count(*) AS n FROM referrals GROUP BY ALL");
    await page.getByTestId('sql-run').click();
    // One row an area now, not the 100-row page of before.
    await expect.poll(() => page.getByTestId('sql-table').locator('tbody tr').count()).toBeLessThan(100);
    await page.getByTestId('sql-chart-draw').click();
    await expect(page.getByTestId('sql-chart-graphic').locator('svg')).toBeVisible();
    await box.fill('DROP TABLE referrals');
    await box.press('Control+Enter');
    await expect(page.getByTestId('sql-error')).toBeVisible();
    await checkWithTwins(page, `/sql/ chart and error (${label})`);
  });
}
