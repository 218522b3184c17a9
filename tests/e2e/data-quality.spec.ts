// The Data quality view on a referrals file with known gaps (tests/fixtures/referrals-gaps.csv: Blackpool
// lacks an age band on 23 of its 100 referrals, Manchester a first-contact date on 8 of its 23 seen): the
// shares shown equal the test's own SQL over the loaded table, the poor field is flagged, the impact sentence
// names the area, the threshold lives in the URL, the load history lists the file with its report, and the
// by-area chart's CSV holds the figures drawn.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Download, Locator, Page } from '@playwright/test';
import { parseCsv } from './csv-file';
import { expect, openApp, openTwins, test } from './fixtures';

const FILE = 'referrals-gaps.csv';
const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', FILE);
const BLACKPOOL = 'E06000009';
const MANCHESTER = 'E08000003';

type Q = { __fairshare: { query: (sql: string) => Promise<Record<string, unknown>[]> } };
const sql = <T>(page: Page, q: string) => page.evaluate((s) => (window as unknown as Q).__fairshare.query(s), q) as Promise<T[]>;
const frame = (page: Page, id: string) => page.locator(`[data-testid="chart-frame"][data-chart="${id}"]`);
/** As the view prints a share: one decimal, then %. */
const pct = (ok: number, of: number) => `${((100 * ok) / of).toFixed(1)}%`;

async function exportCsv(page: Page, scope: Locator): Promise<string[][]> {
  const menu = scope.getByTestId('export-menu').first();
  await menu.locator('summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), menu.locator('[data-export="csv"]').click()]);
  return parseCsv(readFileSync((await (download as Download).path())!));
}

async function settled(page: Page) {
  await expect(page.getByTestId('quality-view')).toHaveAttribute('data-loading', 'false');
}

test('the completeness of a file with known gaps: shares, flags, impact, history and CSV', async ({ page }) => {
  await openApp(page, '/data/');
  await page.getByTestId('file-input').setInputFiles(fixture);
  const card = page.locator(`[data-testid="file-card"][data-file="${FILE}"]`);
  await expect(card.getByTestId('kind-select')).toHaveValue('referrals');
  await card.getByTestId('load-button').click();
  await expect(card.getByTestId('load-report')).toHaveAttribute('data-ok', 'true');

  // Within the app (a reload would start a new session and its history).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data quality' }).click();
  await expect(page).toHaveURL(/\/quality\/$/);
  await settled(page);
  await expect(page.getByTestId('quality-view')).toHaveAttribute('data-extract', 'referrals');
  await openTwins(page);

  // The oracle: plain counts over the loaded table (the fixture's bands are all adult ones, so any band is usable).
  const [all] = await sql<{ n: number; band: number; seen: number; seen_fc: number }>(page, `SELECT count(*)::INTEGER AS n, count(age_band)::INTEGER AS band,
    count(*) FILTER (WHERE status IN ('accepted', 'completed'))::INTEGER AS seen,
    count(first_contact_date) FILTER (WHERE status IN ('accepted', 'completed'))::INTEGER AS seen_fc FROM referrals`);
  const byArea = new Map((await sql<{ area_code: string; n: number; band: number }>(page,
    `SELECT area_code, count(*)::INTEGER AS n, count(age_band)::INTEGER AS band FROM referrals GROUP BY area_code`)).map((r) => [r.area_code, r]));
  const bp = byArea.get(BLACKPOOL)!;
  expect([bp.n, bp.band]).toEqual([100, 77]);

  // Each field's share over all rows, in the fields chart's table.
  const fields = page.getByTestId('quality-fields-table');
  await expect(fields.locator('tr[data-field="age_band"] [data-testid="quality-share"]')).toHaveText(pct(all!.band, all!.n));
  await expect(fields.locator('tr[data-field="first_contact_date"] [data-testid="quality-share"]')).toHaveText(pct(all!.seen_fc, all!.seen));
  await expect(fields.locator('tr[data-field="referral_id"] [data-testid="quality-share"]')).toHaveText('100.0%');

  // Age band by area: Blackpool 77% and flagged below 90%; the others complete.
  await page.getByTestId('quality-field').selectOption('age_band');
  await expect(page).toHaveURL(/field=age_band/);
  await settled(page);
  await openTwins(page);
  const areas = page.getByTestId('quality-by-area-table');
  await expect(areas.locator(`tr[data-area="${BLACKPOOL}"] [data-testid="quality-share"]`)).toHaveText(pct(bp.band, bp.n));
  await expect(areas.locator(`tr[data-area="${BLACKPOOL}"]`)).toHaveAttribute('data-flagged', 'true');
  await expect(areas.locator(`tr[data-area="${BLACKPOOL}"] [data-testid="quality-flag"]`)).toHaveText('below 90%');
  await expect(areas.locator(`tr[data-area="${MANCHESTER}"]`)).toHaveAttribute('data-flagged', 'false');
  await expect(page.getByTestId('quality-heat').locator(`tr[data-area="${BLACKPOOL}"] td[data-field="age_band"]`)).toHaveAttribute('data-flagged', 'true');
  await expect(page.getByTestId('flagged-fields')).toContainText('age_band');

  // What the gap does, naming the area.
  const impact = page.locator(`[data-testid="impact-line"][data-field="age_band"][data-area="${BLACKPOOL}"]`);
  await expect(impact).toHaveText("The children and young people gap leaves out 23% of Blackpool's referrals (no age band that tells a child from an adult).");
  await expect(page.locator(`[data-testid="impact-line"][data-field="first_contact_date"][data-area="${MANCHESTER}"]`).first()).toContainText("of Manchester's referrals seen");

  // By month: every month's share is the month's own count.
  const months = await sql<{ m: string; n: number; band: number }>(page,
    `SELECT strftime(referral_date, '%Y-%m') AS m, count(*)::INTEGER AS n, count(age_band)::INTEGER AS band FROM referrals GROUP BY m ORDER BY m`);
  const monthTable = page.getByTestId('quality-by-month-table');
  await expect(monthTable.locator('tbody tr')).toHaveCount(months.length);
  for (const m of months.filter((x) => x.n > 7 && x.band > 7)) {
    await expect(monthTable.locator(`tr[data-month="${m.m}"] [data-testid="quality-share"]`)).toHaveText(pct(m.band, m.n));
  }

  // The by-area chart's CSV: the shares drawn, in percent, by area.
  const csv = await exportCsv(page, frame(page, 'quality-by-area'));
  const head = csv[0]!;
  const share = head.findIndex((h) => h.startsWith('Complete'));
  const blackpool = csv.find((r) => r[0] === 'Blackpool');
  expect(share).toBeGreaterThan(0);
  expect(Number(blackpool![share])).toBeCloseTo((100 * bp.band) / bp.n, 6);
  expect(csv.length - 1).toBe(byArea.size);

  // A threshold of 70%: kept in the URL, and Blackpool's 77% is no longer flagged.
  await page.getByTestId('quality-threshold').fill('70');
  await page.getByTestId('quality-threshold').press('Enter');
  await expect(page).toHaveURL(/min=70/);
  await expect(areas.locator(`tr[data-area="${BLACKPOOL}"]`)).toHaveAttribute('data-flagged', 'false');
  await expect(impact).toHaveCount(0);

  // The load history: the file, its table, mode and counts, and its report.
  const entry = page.locator(`[data-testid="history-entry"][data-file="${FILE}"]`);
  await expect(entry).toHaveAttribute('data-table', 'referrals');
  await expect(entry).toHaveAttribute('data-origin', 'upload');
  await expect(entry.getByTestId('history-loaded')).toHaveText(String(all!.n));
  await expect(entry.getByTestId('history-rejected')).toHaveText('0');
  await entry.getByText('Validation report').click();
  await expect(entry.getByTestId('load-report')).toHaveAttribute('data-ok', 'true');
  await expect(entry.getByTestId('rows-loaded')).toHaveText(String(all!.n));
  // The demo's files, loaded at start-up, are there too, marked as demo.
  await expect(page.locator('[data-testid="history-entry"][data-origin="demo"]').first()).toBeVisible();
});

test('Clear all data empties the load history', async ({ page }) => {
  await openApp(page, '/data/');
  await page.getByTestId('file-input').setInputFiles(fixture);
  const card = page.locator(`[data-testid="file-card"][data-file="${FILE}"]`);
  await card.getByTestId('load-button').click();
  await expect(card.getByTestId('load-report')).toHaveAttribute('data-ok', 'true');
  await page.getByTestId('clear-all').click();
  await page.getByTestId('confirm-clear').click();
  await expect(page.getByTestId('count-referrals')).toHaveText('0');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data quality' }).click();
  await expect(page.getByTestId('load-history')).toContainText('No file has been loaded in this session.');
});
