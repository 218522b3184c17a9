import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const fixture = (name: string) => path.join(fixtures, name);
const expected = JSON.parse(readFileSync(fixture('expected.json'), 'utf8'));

async function counts(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of ['referrals', 'funding', 'providers', 'population']) out[t] = (await page.getByTestId(`count-${t}`).textContent())!.trim();
  return out;
}

async function upload(page: Page, name: string) {
  await page.getByTestId('file-input').setInputFiles(fixture(name));
  const card = page.locator(`[data-testid="file-card"][data-file="${name}"]`);
  await expect(card).toBeVisible();
  return card;
}

test.beforeEach(async ({ page }) => {
  await openApp(page, '/data/');
});

test('messy Excel referrals: good rows load, bad rows reported by line, report downloads', async ({ page }) => {
  await expect(page.getByTestId('demo-notice')).toContainText('The demo data is loaded');
  const card = await upload(page, 'referrals-excel-messy.csv');
  await expect(card.getByTestId('kind-select')).toHaveValue('referrals');
  await card.getByTestId('load-button').click();
  const report = card.getByTestId('load-report');
  await expect(report).toHaveAttribute('data-ok', 'true');
  const e = expected['referrals-excel-messy.csv'];
  await expect(report.getByTestId('rows-loaded')).toHaveText(String(e.good_rows));
  await expect(report.getByTestId('rows-rejected')).toHaveText(String(e.bad_rows));
  await expect(page.getByTestId('count-referrals')).toHaveText(String(e.good_rows));
  // Real referrals beside the demo's other tables: the notice names those still the demo's.
  await expect(page.getByTestId('demo-notice')).toContainText("Still the demo's: the funding, population and providers tables");
  const lines = await report.locator('[data-testid="problems-table"] tbody tr td:first-child').allTextContents();
  expect([...new Set(lines.map(Number))].sort((a, b) => a - b)).toEqual(Object.keys(e.bad_lines).map(Number));
  await expect(report.getByTestId('suppressed')).toContainText('imd_decile: 4');

  const [download] = await Promise.all([page.waitForEvent('download'), report.getByTestId('download-report').click()]);
  expect(download.suggestedFilename()).toBe('referrals-excel-messy_validation-report.csv');
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.startsWith('\ufeffline,column,value,reason')).toBe(true);
  expect(csv).toContain('20,status,Lost,"unknown status');
});

test('UTF-16 provider file and a Windows-1252 ledger load with correct sums', async ({ page }) => {
  const providers = await upload(page, 'providers-utf16.txt');
  await expect(providers.getByTestId('kind-select')).toHaveValue('providers');
  await providers.getByTestId('load-button').click();
  await expect(providers.getByTestId('load-report')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('count-providers')).toHaveText(String(expected['providers-utf16.txt'].good_rows));

  const funding = await upload(page, 'funding-ledger.csv');
  await funding.getByTestId('load-button').click();
  await expect(funding.getByTestId('load-report')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('count-funding')).toHaveText(String(expected['funding-ledger.csv'].good_rows));

  // The sums, computed by the app's own DuckDB from what was loaded.
  await page.getByRole('link', { name: 'Overview' }).click();
  const sum = await page.evaluate(async () => {
    const w = window as unknown as { __fairshare?: { query: (sql: string) => Promise<Record<string, number>[]> } };
    return w.__fairshare!.query('SELECT sum(amount_gbp)::DOUBLE AS total FROM funding');
  });
  expect(sum[0]!.total).toBeCloseTo(Number(expected['funding-ledger.csv'].sum_amount_gbp), 2);
  const cap = await page.evaluate(async () => {
    const w = window as unknown as { __fairshare?: { query: (sql: string) => Promise<Record<string, number>[]> } };
    return w.__fairshare!.query('SELECT sum(monthly_capacity)::DOUBLE AS cap FROM providers');
  });
  expect(cap[0]!.cap).toBe(Number(expected['providers-utf16.txt'].sum_monthly_capacity));
});

test('broken files get a clear message and leave loaded tables unchanged', async ({ page }) => {
  const population = await upload(page, 'population-small.csv');
  await population.getByTestId('load-button').click();
  await expect(population.getByTestId('load-report')).toHaveAttribute('data-ok', 'true');
  const before = await counts(page);

  const empty = await upload(page, 'empty.csv');
  await expect(empty.getByTestId('file-error')).toContainText('empty');
  const png = await upload(page, 'image-renamed.csv');
  await expect(png.getByTestId('file-error')).toContainText('PNG image');

  const header = await upload(page, 'referrals-header-only.csv');
  await header.getByTestId('load-button').click();
  await expect(header.getByTestId('load-message')).toContainText('no data rows');

  const ragged = await upload(page, 'referrals-ragged.csv');
  await ragged.getByTestId('load-button').click();
  await expect(ragged.getByTestId('load-message')).toContainText('lines 4, 6, 7, 10');
  await expect(ragged.getByTestId('load-message')).toContainText('Nothing was loaded');

  expect(await counts(page)).toEqual(before);
});

test('clear all data empties every table', async ({ page }) => {
  const tsv = await upload(page, 'referrals-iso-tab.tsv');
  await tsv.getByTestId('load-button').click();
  await expect(tsv.getByTestId('load-report')).toHaveAttribute('data-ok', 'true');
  await page.getByTestId('clear-all').click();
  await page.getByTestId('confirm-clear').click();
  await expect(page.getByTestId('count-referrals')).toHaveText('0');
  await expect(page.getByTestId('count-population')).toHaveText('0');
});

test('the user fixes a mapping by hand and it is remembered for the next file of that shape', async ({ page }) => {
  const csv = (ids: string[]) => Buffer.from(['Ref,When,Patch', ...ids.map((id, i) => `${id},0${i + 1}/05/2024,E06000009`)].join('\n') + '\n');
  await page.getByTestId('file-input').setInputFiles({ name: 'sp-export-may.csv', mimeType: 'text/csv', buffer: csv(['A1', 'A2', 'A3']) });
  const card = page.locator('[data-testid="file-card"][data-file="sp-export-may.csv"]');
  // "Ref" and "When" are not known names: nothing can be loaded until the user maps them.
  await card.getByTestId('kind-select').selectOption('referrals');
  await expect(card.getByTestId('load-button')).toBeDisabled();
  await card.locator('select[data-field="referral_id"]').selectOption({ label: 'Ref' });
  await card.locator('select[data-field="referral_date"]').selectOption({ label: 'When' });
  await card.locator('select[data-field="area_code"]').selectOption({ label: 'Patch' });
  await card.getByTestId('load-button').click();
  await expect(card.getByTestId('load-report')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('count-referrals')).toHaveText('3');

  await page.getByTestId('file-input').setInputFiles({ name: 'sp-export-june.csv', mimeType: 'text/csv', buffer: csv(['B1', 'B2']) });
  const june = page.locator('[data-testid="file-card"][data-file="sp-export-june.csv"]');
  await expect(june).toContainText('Mapping remembered');
  await june.getByLabel('Append to it').check();
  await june.getByTestId('load-button').click();
  await expect(june.getByTestId('load-report')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('count-referrals')).toHaveText('5');
});
