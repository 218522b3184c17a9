// Honest charts (issue 15): on the demo data, the months whose referrals have not all been accepted yet
// are marked and left out of the SPC limits, and an empty chart says which extract is missing. The
// incomplete months and the accepted counts are worked out here in SQL, apart from the app's code.
import type { Page } from '@playwright/test';
import { expect, openApp, openTwins, test } from './fixtures';

type Q = { __fairshare: { query: (sql: string) => Promise<Record<string, unknown>[]> } };
const sql = <T>(page: Page, q: string) => page.evaluate((s) => (window as unknown as Q).__fairshare.query(s), q) as Promise<T[]>;
const frame = (page: Page, id: string) => page.locator(`[data-testid="chart-frame"][data-chart="${id}"]`);

const ACCEPTED = `(status IN ('accepted', 'completed', 'dna') OR (first_contact_date IS NOT NULL AND status IS DISTINCT FROM 'declined'))`;

/**
 * The rule, written out as one SQL query: for each day of the last 15 months, the share of the delays (referral
 * to first contact, or end date when accepted without one) of referrals received one to two years before the
 * latest date that are no longer than the days since; a month is incomplete when its days' mean is under 0.9.
 */
async function incompleteMonths(page: Page): Promise<string[]> {
  const rows = await sql<{ month: string; share: number }>(page, `
    WITH d AS (SELECT max(referral_date) AS as_of FROM referrals),
    del AS (SELECT coalesce(first_contact_date, end_date) - referral_date AS days FROM referrals, d
      WHERE ${ACCEPTED} AND coalesce(first_contact_date, end_date) >= referral_date
        AND referral_date BETWEEN as_of - 730 AND as_of - 365 AND coalesce(first_contact_date, end_date) - referral_date <= 365),
    n AS (SELECT count(*)::DOUBLE AS n FROM del),
    days AS (SELECT CAST(generate_series AS DATE) AS day FROM d, generate_series((as_of - 450)::TIMESTAMP, as_of::TIMESTAMP, INTERVAL 1 DAY)),
    f AS (SELECT day, count(del.days)::DOUBLE / any_value(n.n) AS f FROM days CROSS JOIN d CROSS JOIN n
      LEFT JOIN del ON del.days <= d.as_of - days.day GROUP BY day)
    SELECT strftime(day, '%Y-%m') AS month, avg(f)::DOUBLE AS share FROM f GROUP BY 1 ORDER BY 1`);
  // The first month of the window may be cut short: it is over a year old, so its share is 1 anyway.
  return rows.filter((r) => r.share < 0.9).map((r) => r.month);
}

test('the last months of accepted referrals are marked incomplete and left out of the SPC limits', async ({ page }) => {
  await openApp(page, '/waiting/?series=accepted&spc=1');
  await expect(page.getByTestId('waiting-view')).toHaveAttribute('data-loading', 'false');
  const expected = await incompleteMonths(page);
  // The demo ends on 31 March 2025; fewer than 90% of January's, February's and March's referrals would normally have been accepted by then.
  expect(expected).toEqual(['2025-01', '2025-02', '2025-03']);

  const spcFrame = frame(page, 'waiting-spc');
  const note = spcFrame.getByTestId('incomplete-note');
  await expect(note).toHaveAttribute('data-months', expected.join(' '));
  await expect(note).toContainText('The last 3 months (Jan–Mar 2025) are incomplete: fewer than 90% of their referrals would normally have been accepted by 31 Mar 2025');
  await expect(spcFrame.getByTestId('spc-limits')).toContainText('leaving out the 3 incomplete months');
  // Drawn as hollow points, apart from the others.
  await expect(spcFrame.locator('svg g.incomplete-months circle')).toHaveCount(3);

  // The table twin says which months are left out.
  await openTwins(spcFrame);
  const table = page.getByTestId('waiting-spc-table');
  await expect(table.locator('tbody tr')).toHaveCount(36);
  const excluded = await table.locator('tr[data-excluded="true"]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-month')));
  expect(excluded).toEqual(expected);
  await expect(table.locator('tr[data-month="2025-02"] td[data-col="completeness"]')).toHaveText('incomplete: left out of the limits');
  await expect(table.locator('tr[data-month="2024-12"] td[data-col="completeness"]')).toHaveText('complete');

  // Accepted referrals by month received, counted here; the limits from the 33 complete months only.
  const counts = await sql<{ month: string; n: number }>(page, `SELECT strftime(referral_date, '%Y-%m') AS month, count(*)::INTEGER AS n
    FROM referrals WHERE ${ACCEPTED} GROUP BY 1 ORDER BY 1`);
  expect(counts).toHaveLength(36);
  const complete = counts.filter((c) => !expected.includes(c.month)).map((c) => c.n);
  expect(complete).toHaveLength(33);
  const mean = complete.reduce((s, x) => s + x, 0) / complete.length;
  const mrBar = complete.slice(1).reduce((s, x, i) => s + Math.abs(x - complete[i]!), 0) / (complete.length - 1);
  const graphic = spcFrame.getByTestId('spc-graphic');
  const attr = async (name: string) => Number(await graphic.getAttribute(name));
  expect(await attr('data-points')).toBe(33);
  expect(await attr('data-mean')).toBeCloseTo(mean, 6);
  expect(await attr('data-lower')).toBeCloseTo(mean - 2.66 * mrBar, 6);
  expect(await attr('data-upper')).toBeCloseTo(mean + 2.66 * mrBar, 6);
  // The table shows the same counts the limits came from.
  for (const c of counts.slice(-4)) {
    await expect(table.locator(`tr[data-month="${c.month}"] td[data-col="value"]`)).toHaveText(c.n.toLocaleString('en-GB'));
  }
  // The collapse would be flagged, were it kept in; it is not.
  expect(await table.locator('tr[data-excluded="true"]:not([data-special=""])').count()).toBe(0);

  // Kept in by choice: the limits come from all 36 months, and the months stay marked.
  await page.getByTestId('include-incomplete').check();
  await expect(graphic).toHaveAttribute('data-points', '36');
  const all = counts.map((c) => c.n);
  expect(await attr('data-mean')).toBeCloseTo(all.reduce((s, x) => s + x, 0) / all.length, 6);
  await expect(spcFrame.getByTestId('incomplete-note')).toHaveAttribute('data-included', 'true');
  expect(new URL(page.url()).searchParams.get('incomplete')).toBe('1');

  // The trend marks the same months, off the line, and says so in its table.
  await page.getByTestId('include-incomplete').uncheck();
  await page.getByTestId('spc-toggle').uncheck();
  const trend = frame(page, 'waiting-trend');
  await expect(trend.getByTestId('incomplete-note')).toHaveAttribute('data-months', expected.join(' '));
  await expect(trend.locator('svg g.incomplete-months circle')).toHaveCount(3);
  await openTwins(trend);
  const marked = await page.getByTestId('waiting-trend-table').locator('tr[data-incomplete="true"]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-month')));
  expect(marked).toEqual(expected);
});

test('Capacity: accepted referrals by month mark the same months; places are complete', async ({ page }) => {
  await openApp(page, '/capacity/');
  await expect(page.getByTestId('capacity-view')).toHaveAttribute('data-loading', 'false');
  const expected = await incompleteMonths(page);
  const chart = frame(page, 'capacity-by-month');
  await expect(chart.getByTestId('incomplete-note')).toHaveAttribute('data-months', expected.join(' '));
  await openTwins(chart);
  const table = chart.getByTestId('capacity-by-month-table');
  const marked = await table.locator('tr[data-incomplete="true"]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-month')));
  expect(marked).toEqual(expected);
  await expect(table.locator('tr[data-month="2025-03"] td[data-col="completeness"]')).toHaveText('incomplete: Accepted referrals');
  await expect(chart.locator('svg g.incomplete-months circle')).toHaveCount(expected.length);
});

test('with referrals but no providers, Capacity charts say a providers extract is missing', async ({ page }) => {
  await openApp(page, '/data/');
  await page.getByTestId('clear-all').click();
  await page.getByTestId('confirm-clear').click();
  await expect(page.getByTestId('count-referrals')).toHaveText('0');
  // A small referrals extract, and nothing else.
  const lines = ['Referral ID,Referral Date,Area Code,Status,First Contact Date'];
  for (let i = 0; i < 40; i++) lines.push(`R${i},${String((i % 28) + 1).padStart(2, '0')}/0${1 + (i % 6)}/2024,E06000009,accepted,28/07/2024`);
  await page.getByTestId('file-input').setInputFiles({ name: 'referrals-only.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n') + '\r\n') });
  const card = page.locator('[data-testid="file-card"][data-file="referrals-only.csv"]');
  await card.getByTestId('load-button').click();
  await expect(card.getByTestId('load-report')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('count-referrals')).toHaveText('40');
  await expect(page.getByTestId('count-providers')).toHaveText('0');

  // In-app navigation (a reload would start a fresh in-memory database with the demo data).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Capacity/ }).click();
  await expect(page.getByTestId('capacity-view')).toHaveAttribute('data-loading', 'false');
  const says = {
    'capacity-by-month': 'Load a providers extract to see provider places and accepted referrals by month.',
    'provider-utilisation': 'Load a providers extract to see provider utilisation.',
    'service-variety': 'Load a providers extract to see service variety by area.',
    'short-term-funding': 'Load a funding extract to see short-term funding by area.',
    'funding-continuity': 'Load a funding or providers extract to see funding continuity.'
  };
  for (const [id, text] of Object.entries(says)) {
    await expect(frame(page, id), id).toHaveAttribute('data-state', 'empty');
    await expect(frame(page, id), id).toContainText(text);
    await expect(frame(page, id), id).not.toContainText('Nothing to show for these filters');
  }
  // Capacity per 1,000 needs providers and a population: the built-in one is there, so only providers are missing.
  await expect(frame(page, 'capacity-per-1000')).toContainText('Load a providers extract to see capacity per 1,000 residents.');
  // With the data there, a filter that leaves nothing is the filters' doing.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Waiting lists' }).click();
  await expect(page.getByTestId('waiting-view')).toHaveAttribute('data-loading', 'false');
  await expect(frame(page, 'waiting-trend')).toHaveAttribute('data-state', 'ready');
});
