// The Waiting lists view on the demo data and on a constructed extract: month-end values checked
// against a brute-force SQL count, an SPC special cause the test builds, and filters in the URL.
import type { Page } from '@playwright/test';
import { expect, openApp, openTwins, test } from './fixtures';

type Q = { __fairshare: { query: (sql: string) => Promise<Record<string, unknown>[]> } };
const sql = <T>(page: Page, q: string) => page.evaluate((s) => (window as unknown as Q).__fairshare.query(s), q) as Promise<T[]>;

/** People waiting at a month end, counted one referral at a time (no events, no windows). */
async function waitingAt(page: Page, monthEnd: string, where = 'true'): Promise<number> {
  const [r] = await sql<{ n: number }>(page, `SELECT count(*)::INTEGER AS n FROM referrals WHERE ${where}
    AND referral_date <= DATE '${monthEnd}'
    AND (first_contact_date IS NULL OR first_contact_date > DATE '${monthEnd}')
    AND (end_date IS NULL OR end_date > DATE '${monthEnd}')
    AND NOT (end_date IS NULL AND coalesce(status IN ('declined', 'withdrawn', 'dna', 'completed'), false))`);
  return r!.n;
}

const cell = (page: Page, month: string) => page.getByTestId('waiting-trend-table').locator(`tr[data-month="${month}"] td`).first();
const num = (s: string | null) => Number((s ?? '').replace(/,/g, ''));

async function openWaiting(page: Page, query = '') {
  await openApp(page, `/waiting/${query}`);
  await expect(page.getByTestId('waiting-view')).toHaveAttribute('data-loading', 'false');
  // The tests read the chart's table: open it, as a user would (a twin's table is made while it is open).
  await openTwins(page);
}

test('the waiting-list chart shows the month-end counts a brute-force SQL query gives', async ({ page }) => {
  await openWaiting(page);
  await expect(page.getByTestId('chart-frame')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('plot').locator('svg')).toHaveCount(1);
  for (const [month, end] of [['2022-09', '2022-09-30'], ['2023-12', '2023-12-31'], ['2025-02', '2025-02-28']] as const) {
    expect(num(await cell(page, month).textContent()), month).toBe(await waitingAt(page, end));
  }
  await expect(page.getByTestId('chart-subtitle')).toHaveText('Apr 2022 to Mar 2025 · all areas');
  await expect(page.getByTestId('chart-frame')).toContainText('Source: Fairshare synthetic demo data');
});

test('filters change the chart, say so in its subtitle, and survive a reload', async ({ page }) => {
  await openWaiting(page);
  const before = num(await cell(page, '2024-06').textContent());
  await page.getByTestId('filter-areas').locator('summary').click();
  await page.getByTestId('filter-areas').getByLabel('Blackpool').check();
  await page.getByTestId('filter-from').selectOption('2023-04');
  await expect(page.getByTestId('chart-subtitle')).toHaveText('Apr 2023 to Mar 2025 · areas: Blackpool');
  await expect(page.getByTestId('waiting-view')).toHaveAttribute('data-loading', 'false');
  const blackpool = await waitingAt(page, '2024-06-30', `area_code = 'E06000009'`);
  await expect(cell(page, '2024-06')).toHaveText(blackpool.toLocaleString('en-GB'));
  expect(blackpool).toBeLessThan(before);
  await expect(page.getByTestId('waiting-trend-table').locator('tr[data-month="2023-03"]')).toHaveCount(0);

  // Another series, broken down by age band: one column per band.
  await page.getByTestId('series-select').selectOption('received');
  await page.getByTestId('by-select').selectOption('age_band');
  await expect(page.getByTestId('waiting-view')).toHaveAttribute('data-by', 'age_band');
  await expect(page.getByTestId('waiting-view')).toHaveAttribute('data-loading', 'false');
  const bands = await sql<{ n: number }>(page, `SELECT count(DISTINCT coalesce(age_band, '?'))::INTEGER AS n FROM referrals WHERE area_code = 'E06000009' AND referral_date >= DATE '2023-04-01'`);
  // The month, a column per band, and whether the month is complete yet.
  await expect(page.getByTestId('waiting-trend-table').locator('thead th')).toHaveCount(2 + bands[0]!.n);

  const url = page.url();
  await page.reload();
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await expect(page.getByTestId('waiting-view')).toHaveAttribute('data-loading', 'false');
  expect(page.url()).toBe(url);
  await expect(page.getByTestId('chart-subtitle')).toHaveText('Apr 2023 to Mar 2025 · areas: Blackpool');
  await expect(page.getByTestId('series-select')).toHaveValue('received');
  await expect(page.getByTestId('by-select')).toHaveValue('age_band');
});

test('SPC: a month the test makes unusual is marked as a special cause, with limits and icons', async ({ page }) => {
  // 24 months of 10 referrals each (9 or 11 alternately, so the moving range is not 0), then one month of 40.
  const lines = ['Referral ID,Referral Date,Area Code,Status'];
  let id = 0;
  for (let m = 0; m < 25; m++) {
    const y = 2022 + Math.floor((3 + m) / 12);
    const mm = String(((3 + m) % 12) + 1).padStart(2, '0');
    const n = m === 20 ? 40 : m % 2 ? 9 : 11;
    for (let i = 0; i < n; i++) lines.push(`S${++id},${String((i % 27) + 1).padStart(2, '0')}/${mm}/${y},E06000009,waiting`);
  }
  await openApp(page, '/data/');
  await page.getByTestId('file-input').setInputFiles({ name: 'spc-check.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n') + '\r\n') });
  const card = page.locator('[data-testid="file-card"][data-file="spc-check.csv"]');
  await card.getByLabel('Replace it').check();
  await card.getByTestId('load-button').click();
  await expect(card.getByTestId('load-report')).toHaveAttribute('data-ok', 'true');

  // In-app navigation (a reload would start a fresh in-memory database with the demo data).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Waiting lists' }).click();
  await page.getByTestId('series-select').selectOption('received');
  await page.getByTestId('spc-toggle').check();
  await page.getByTestId('spc-target').fill('12');
  await page.getByTestId('spc-target').press('Enter');
  // Limits from the first 12 months (mean 10, moving range 2): the spike cannot pull the mean up and
  // make runs out of the ordinary months.
  await page.getByTestId('spc-baseline').selectOption('12');
  await expect(page.getByTestId('spc-limits')).toContainText('Mean 10.0; process limits 4.7 to 15.3, calculated from the first 12 months.');
  await page.getByText('Table of the numbers in this chart').click();
  // Month 20 after April 2022 is December 2023.
  const table = page.getByTestId('waiting-spc-table');
  await expect(table.locator('tbody tr')).toHaveCount(25);
  await expect(table.locator('tr[data-month="2023-12"]')).toHaveAttribute('data-special', 'neither');
  await expect(table.locator('tr[data-month="2023-12"]')).toContainText('beyond a process limit');
  await expect(table.locator('tr[data-special]:not([data-special=""])')).toHaveCount(1);
  // Received has no better direction: the latest month is common cause, and no assurance without a direction.
  await expect(page.getByTestId('spc-variation')).toHaveAttribute('data-icon', 'common_cause');
  await expect(page.getByTestId('spc-assurance')).toHaveCount(0);
  // The SVG marks it: one diamond among the circles.
  await expect(page.getByTestId('plot').locator('svg')).toHaveCount(1);

  // Limits from all 25 months: the spike's two moving ranges of 31 (beside 22 of 2) widen them, unless
  // screened out (over 3.267 × their mean of 106 ÷ 24): then mR̄ = 2 and the limits are 11.2 ± 5.32.
  await page.getByTestId('spc-baseline').selectOption('');
  await expect(page.getByTestId('spc-limits')).toContainText('Mean 11.2;');
  await expect(page.getByTestId('spc-limits')).not.toContainText('5.9 to 16.5');
  await page.getByTestId('spc-screen').check();
  await expect(page.getByTestId('spc-limits')).toContainText('Mean 11.2; process limits 5.9 to 16.5');
  expect(new URL(page.url()).searchParams.get('screen')).toBe('1');
});
