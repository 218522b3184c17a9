// The SQL console (/sql/) on the demo data. Oracles are the app's own connection through
// window.__fairshare.query, which does not go through the console's guard, pager or sandbox.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { parseCsv } from './csv-file';
import { expect, openApp, openTwins, test } from './fixtures';

type Q = { __fairshare: { query: (sql: string) => Promise<Record<string, unknown>[]> } };
const sql = <T = Record<string, unknown>>(page: Page, q: string) => page.evaluate((s) => (window as unknown as Q).__fairshare.query(s), q) as Promise<T[]>;

/** Every table of the database in use and its exact row count, read without the console. */
async function rowCounts(page: Page): Promise<Record<string, number>> {
  const tables = await sql<{ table_name: string }>(page, `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary ORDER BY table_name`);
  const out: Record<string, number> = {};
  for (const { table_name } of tables) out[table_name] = Number((await sql<{ n: number }>(page, `SELECT count(*)::INTEGER AS n FROM "${table_name}"`))[0]!.n);
  return out;
}

/** The rows of the result table as text. */
const shownRows = (page: Page) => page.getByTestId('sql-table').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())));

async function runWithKeys(page: Page, query: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Query' });
  await box.fill(query);
  await box.press('Control+Enter');
}

const GROUP_BY = 'SELECT area_code, count(*) AS referrals FROM referrals GROUP BY area_code ORDER BY area_code';

test('a GROUP BY run with Ctrl+Enter shows the rows DuckDB gives for it; the CSV holds them all under the unsuppressed label', async ({ page }) => {
  await openApp(page, '/sql/');
  await expect(page.getByTestId('sql-warning')).toContainText('Unsuppressed record-level output: check it before sharing');
  await expect(page.getByTestId('sql-warning')).toContainText('small-number rule is not applied');
  await runWithKeys(page, GROUP_BY);
  const expected = await sql<{ area_code: string; n: number }>(page, 'SELECT area_code, count(*)::INTEGER AS n FROM referrals GROUP BY area_code ORDER BY area_code');
  expect(expected.length).toBeGreaterThan(10);
  await expect(page.getByTestId('sql-result')).toHaveAttribute('data-total', String(expected.length));
  expect(await shownRows(page)).toEqual(expected.map((r) => [r.area_code, String(r.n)]));
  await expect(page.getByTestId('sql-summary')).toContainText(`${expected.length} rows`);
  await expect(page.getByTestId('sql-error')).toHaveCount(0);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sql-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^sql-console_\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = parseCsv(readFileSync((await download.path())!));
  expect(csv[0]![0]).toMatch(/^Unsuppressed record-level output: check it before sharing\. The small-number rule is not applied/);
  expect(csv[1]![0]).toBe(`Query: ${GROUP_BY}`);
  expect(csv[3]).toEqual(['']);
  expect(csv[4]).toEqual(['area_code', 'referrals']);
  expect(csv.slice(5)).toEqual(expected.map((r) => [r.area_code, String(r.n)]));
  await expect(page.getByTestId('sql-export-status')).toContainText(`${expected.length} rows`);
});

test('a large result is fetched a page at a time: 100 rows a page, the total said, Next and Last move through it', async ({ page }) => {
  await openApp(page, '/sql/');
  const total = Number((await sql<{ n: number }>(page, 'SELECT count(*)::INTEGER AS n FROM referrals'))[0]!.n);
  expect(total).toBeGreaterThan(300);
  await runWithKeys(page, 'SELECT referral_id, area_code FROM referrals ORDER BY referral_id');
  const result = page.getByTestId('sql-result');
  await expect(result).toHaveAttribute('data-total', String(total));
  await expect(page.getByTestId('sql-table').locator('tbody tr')).toHaveCount(100);
  const pages = Math.ceil(total / 100);
  await expect(page.getByTestId('sql-page')).toHaveText(`Page 1 of ${pages}`);
  const ids = async (offset: number) => (await sql<{ referral_id: string }>(page, `SELECT referral_id FROM referrals ORDER BY referral_id LIMIT 100 OFFSET ${offset}`)).map((r) => r.referral_id);
  expect((await shownRows(page)).map((r) => r[0])).toEqual(await ids(0));

  await page.getByTestId('sql-next').click();
  await expect(result).toHaveAttribute('data-offset', '100');
  await expect(page.getByTestId('sql-page')).toHaveText(`Page 2 of ${pages}`);
  expect((await shownRows(page)).map((r) => r[0])).toEqual(await ids(100));

  await page.getByRole('button', { name: 'Last' }).click();
  await expect(result).toHaveAttribute('data-offset', String((pages - 1) * 100));
  await expect(page.getByTestId('sql-table').locator('tbody tr')).toHaveCount(total - (pages - 1) * 100);
  expect((await shownRows(page)).map((r) => r[0])).toEqual(await ids((pages - 1) * 100));
  await expect(page.getByTestId('sql-next')).toBeDisabled();
});

test('DROP, INSERT, UPDATE, a second statement and a syntax error each say what is wrong, and no table changes', async ({ page }) => {
  await openApp(page, '/sql/');
  const before = await rowCounts(page);
  expect(before.referrals).toBeGreaterThan(0);
  const attempts: [string, RegExp][] = [
    ['DROP TABLE referrals', /read-only: a query must start with SELECT.*not DROP/],
    ["INSERT INTO referrals (referral_id) VALUES ('x')", /read-only: .*not INSERT/],
    ["UPDATE referrals SET area_code = 'E06000009'", /read-only: .*not UPDATE/],
    ['SELECT 1; DELETE FROM referrals', /Only one statement can run at a time/],
    ["SELECT * FROM read_csv('data/demo/referrals.csv')", /read-only: read_csv\(\)/],
    ['SELECT area_code, FROM WHERE referrals', /^Syntax error: /]
  ];
  for (const [query, message] of attempts) {
    await runWithKeys(page, query);
    const error = page.getByTestId('sql-error');
    await expect(error, query).toHaveText(message);
    await expect(page.getByRole('textbox', { name: 'Query' })).toHaveAttribute('aria-invalid', 'true');
  }
  expect(await rowCounts(page)).toEqual(before);
  // The page works on: a good query clears the message.
  await runWithKeys(page, 'SELECT count(*) AS n FROM referrals');
  await expect(page.getByTestId('sql-error')).toHaveCount(0);
  expect(await shownRows(page)).toEqual([[String(before.referrals)]]);
  // The list of tables gives the same counts.
  for (const name of ['referrals', 'providers']) {
    if (before[name] === undefined) continue;
    await expect(page.getByTestId('sql-tables').locator(`li[data-table="${name}"]`)).toHaveAttribute('data-rows', String(before[name]));
  }
});

test('a table or column name chosen from the list goes into the query at the cursor', async ({ page }) => {
  await openApp(page, '/sql/');
  const box = page.getByRole('textbox', { name: 'Query' });
  await box.fill('SELECT * FROM ');
  await box.press('End');
  await page.getByTestId('sql-tables').locator('li[data-table="referrals"] > button').click();
  await expect(box).toHaveValue('SELECT * FROM referrals');
  await expect(box).toBeFocused();
  // A column into the middle: the cursor after "SELECT ", the "*" selected and replaced.
  await box.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(7, 8));
  const table = page.getByTestId('sql-tables').locator('li[data-table="referrals"]');
  await table.locator('summary').click();
  await table.getByRole('button', { name: 'area_code', exact: true }).click();
  await expect(box).toHaveValue('SELECT area_code FROM referrals');
  await expect(box).toBeFocused();
  expect(await box.evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe('SELECT area_code'.length);
  await box.press('Control+Enter');
  await expect(page.getByTestId('sql-result')).toBeVisible();
});

test('the quick chart: bars for a category, a line for months, each with its table twin', async ({ page }) => {
  await openApp(page, '/sql/');
  await runWithKeys(page, GROUP_BY);
  const expected = await sql<{ area_code: string; n: number }>(page, 'SELECT area_code, count(*)::INTEGER AS n FROM referrals GROUP BY area_code');
  await page.getByTestId('sql-chart-draw').click();
  const frame = page.locator('[data-chart="sql-chart"]');
  await expect(frame.getByTestId('sql-chart-graphic')).toHaveAttribute('data-kind', 'bar');
  await expect(frame.getByTestId('suppression-footnote')).toContainText('Unsuppressed record-level output');
  await openTwins(frame);
  const twin = frame.getByTestId('sql-chart-table');
  await expect(twin.locator('tbody tr')).toHaveCount(expected.length);
  const byArea = new Map(expected.map((r) => [r.area_code, String(r.n)]));
  for (const tr of await twin.locator('tbody tr').all()) {
    const [area, n] = await tr.locator('th, td').allTextContents();
    expect(n, area).toBe(byArea.get(area!.trim()));
  }
  // The chart's own CSV export carries the warning on its first line too.
  await frame.getByTestId('export-menu').locator('summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), frame.locator('[data-export="csv"]').click()]);
  const csv = parseCsv(readFileSync((await download.path())!));
  expect(csv[0]).toEqual(['Unsuppressed record-level output: check it before sharing']);
  expect(csv[1]).toEqual(['area_code', 'referrals']);

  const monthly = "SELECT date_trunc('month', referral_date)::DATE AS month, count(*) AS n FROM referrals GROUP BY 1 ORDER BY 1";
  const months = (await sql(page, monthly)).length;
  await runWithKeys(page, monthly);
  await expect(page.getByTestId('sql-result')).toHaveAttribute('data-total', String(months));
  await expect(page.getByTestId('sql-chart-x')).toHaveValue('0');
  await page.getByTestId('sql-chart-draw').click();
  await expect(frame.getByTestId('sql-chart-graphic')).toHaveAttribute('data-kind', 'line');
  await expect(frame.getByTestId('sql-chart-graphic').locator('svg')).toBeVisible();
});
