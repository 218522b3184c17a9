// The Capacity and provision view on the demo data: every chart drawn with its table twin, the
// numbers checked against SQL, and the shared filters changing every chart and surviving a reload.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, openApp, openTwins, test } from './fixtures';

type Q = { __fairshare: { query: (sql: string) => Promise<Record<string, unknown>[]> } };
const sql = <T>(page: Page, q: string) => page.evaluate((s) => (window as unknown as Q).__fairshare.query(s), q) as Promise<T[]>;
const CHARTS = ['capacity-by-month', 'provider-utilisation', 'capacity-per-1000', 'service-variety', 'cyp-gap', 'short-term-funding', 'funding-continuity', 'wellbeing-change'];
const frame = (page: Page, id: string) => page.locator(`[data-testid="chart-frame"][data-chart="${id}"]`);

async function openCapacity(page: Page, query = '') {
  await openApp(page, `/capacity/${query}`);
  await expect(page.getByTestId('capacity-view')).toHaveAttribute('data-loading', 'false');
}

test('every chart is drawn with a table twin; capacity per 1,000 matches SQL', async ({ page }) => {
  await openCapacity(page);
  for (const id of CHARTS) {
    await expect(frame(page, id), id).toHaveAttribute('data-state', 'ready');
    await expect(frame(page, id).locator('svg[role="img"]'), id).toHaveCount(1);
    // The twin's table is made when it is opened, not with every redraw of the chart.
    await expect(frame(page, id).locator('details.twin table'), id).toHaveCount(0);
    await openTwins(frame(page, id));
    await expect(frame(page, id).locator('details.twin table'), id).toHaveCount(1);
  }
  // Blackpool: providers active over the whole period, places a year per 1,000 residents.
  const [r] = await sql<{ v: number }>(page, `SELECT (sum(monthly_capacity) * 12 / (SELECT population FROM population WHERE area_code = 'E06000009') * 1000)::DOUBLE AS v
    FROM providers WHERE area_code = 'E06000009' AND monthly_capacity IS NOT NULL
      AND (contract_start IS NULL OR contract_start <= DATE '2025-03-31') AND (contract_end IS NULL OR contract_end >= DATE '2022-04-01')`);
  const cell = frame(page, 'capacity-per-1000').locator('tr[data-key="E06000009"] td[data-col="cap"]');
  await expect(cell).toHaveText(r!.v.toFixed(1));
  // Its CSV export has the unrounded number, not the displayed text.
  const menu = frame(page, 'capacity-per-1000').getByTestId('export-menu');
  await menu.locator('summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), menu.locator('[data-export="csv"]').click()]);
  const line = readFileSync((await download.path())!, 'utf8').split(/\r?\n/).find((l) => l.startsWith('Blackpool,'))!;
  expect(Number(line.split(',')[1])).toBeCloseTo(r!.v, 6);
  await expect(page.getByTestId('over-capacity-note')).toContainText('over capacity');
});

test('filters change every chart, each says which filters apply, and they survive a reload', async ({ page }) => {
  await openCapacity(page);
  await openTwins(page);
  const rowsBefore = await frame(page, 'provider-utilisation').locator('tbody tr').count();
  await page.getByTestId('filter-areas').locator('summary').click();
  await page.getByTestId('filter-areas').getByLabel('Blackpool').check();
  await page.getByTestId('filter-age').locator('summary').click();
  await page.getByTestId('filter-age').getByLabel('0-17').check();
  await expect(page.getByTestId('capacity-view')).toHaveAttribute('data-loading', 'false');
  for (const id of CHARTS) await expect(frame(page, id).getByTestId('chart-subtitle'), id).toContainText('areas: Blackpool');
  await expect(frame(page, 'provider-utilisation').getByTestId('chart-subtitle')).toContainText('age band filter does not apply');
  await expect(frame(page, 'wellbeing-change').getByTestId('chart-subtitle')).toContainText('age: 0-17');
  await expect(frame(page, 'capacity-per-1000').locator('tbody tr')).toHaveCount(1);
  const rowsAfter = await frame(page, 'provider-utilisation').locator('tbody tr').count();
  expect(rowsAfter).toBeGreaterThan(0);
  expect(rowsAfter).toBeLessThan(rowsBefore);
  await expect(frame(page, 'provider-utilisation').locator('tbody td[data-col="area"]').first()).toHaveText('Blackpool');

  await page.reload();
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await expect(page.getByTestId('capacity-view')).toHaveAttribute('data-loading', 'false');
  await openTwins(frame(page, 'capacity-per-1000'));
  await expect(frame(page, 'capacity-per-1000').locator('tbody tr')).toHaveCount(1);
  await expect(frame(page, 'cyp-gap').getByTestId('chart-subtitle')).toContainText('areas: Blackpool');
});
