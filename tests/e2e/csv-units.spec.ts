// CSV exports that match the screen (issue 15): every chart's CSV, and the map's, holds the numbers its
// table twin shows, in the same units: a column whose cells read "25.6%" holds 25.6 (not 0.256), money
// holds pounds, and each number equals the shown one to the shown precision (the CSV keeps full precision).
// Intervals and control limits are columns of their own; one row per point drawn.
import { readFileSync } from 'node:fs';
import type { Download, Locator, Page } from '@playwright/test';
import { parseCsv } from './csv-file';
import { expect, openTwins, test } from './fixtures';
import { drawnCharts } from './text-boxes';


/** A number as shown ("£1,234", "−12.5%", "45 days") and its precision (half its last shown digit); null if not one number. */
function shownNumber(text: string): { value: number; tolerance: number } | null {
  const t = text.trim().replace(/\u2212/g, '-').replace(/[£,]/g, '').replace(/%$|\s*days?$/, '').replace(/^\+/, '');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  const decimals = t.split('.')[1]?.length ?? 0;
  return { value: Number(t), tolerance: 0.5 * 10 ** -decimals + 1e-9 };
}

async function tableOf(table: Locator): Promise<{ head: string[]; rows: string[][] }> {
  const head = (await table.locator('thead th').allTextContents()).map((s) => s.replace(/\s+/g, ' ').replace(/[▲▼↑↓]/g, '').trim());
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim())));
  return { head, rows };
}

async function csvOf(page: Page, scope: Locator): Promise<string[][]> {
  const menu = scope.getByTestId('export-menu').first();
  await menu.locator('summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), menu.locator('[data-export="csv"]').click()]);
  return parseCsv(readFileSync((await (download as Download).path())!));
}

/** Each column shown on screen is in the CSV (its heading may add the unit), with the same numbers in the same units. */
function expectSameNumbers(what: string, screen: { head: string[]; rows: string[][] }, csv: string[][]): number {
  const [csvHead, ...csvRows] = csv;
  expect(csvRows.length, `${what}: one CSV row per table row`).toBe(screen.rows.length);
  let compared = 0;
  // Rows are matched by their first cell (the area, month or provider): the screen may be sorted otherwise.
  const byKey = new Map(csvRows.map((r) => [r[0], r]));
  const keyed = byKey.size === csvRows.length && screen.rows.every((r) => byKey.has(r[0]));
  const csvRow = (r: number) => (keyed ? byKey.get(screen.rows[r]![0])! : csvRows[r]!);
  screen.head.forEach((h, c) => {
    const k = csvHead!.findIndex((x) => x === h || x.startsWith(`${h} (`));
    if (k < 0) return; // a screen-only column (an interval as text) is in the CSV as its own columns
    screen.rows.forEach((row, r) => {
      const cell = row[c] ?? '';
      const value = csvRow(r)[k]!;
      if (cell === '*') return expect(value, `${what} ${h} row ${r + 1}`).toBe('*');
      const shown = shownNumber(cell);
      if (!shown) return;
      expect(Math.abs(Number(value) - shown.value), `${what} "${h}" row ${r + 1}: CSV ${value}, screen ${cell}`).toBeLessThanOrEqual(shown.tolerance);
      compared++;
    });
  });
  return compared;
}

const VIEWS: [string, string][] = [['/capacity/', 'capacity-view'], ['/waiting/', 'waiting-view'], ['/waiting/?spc=1', 'waiting-view'], ['/equity/', 'equity-view']];

test('every chart\'s CSV holds the numbers its table shows, in the units its headings say', async ({ page }) => {
  test.setTimeout(300_000);
  let charts = 0;
  for (const [url, view] of VIEWS) {
    for (const id of await drawnCharts(page, url, view)) {
      const frame = page.locator(`[data-chart="${id}"]`);
      await openTwins(frame);
      const compared = expectSameNumbers(`${url} ${id}`, await tableOf(frame.locator('table').first()), await csvOf(page, frame));
      expect(compared, `${url} ${id}: numbers compared`).toBeGreaterThan(0);
      charts++;
    }
  }
  expect(charts).toBeGreaterThanOrEqual(14);
});

test('the funnel\'s and the SPC chart\'s CSVs carry their limits as numbers, and the map\'s percentages are percentages', async ({ page }) => {
  test.setTimeout(180_000);
  await drawnCharts(page, '/equity/', 'equity-view');
  const funnel = await csvOf(page, page.locator('[data-chart="equity-funnel"]'));
  const head = funnel[0]!;
  for (const h of ['Lower 95% CI', 'Upper 95% CI', 'All areas (centre line)', 'Lower 95% control limit', 'Upper 95% control limit', 'Lower 99.8% control limit', 'Upper 99.8% control limit']) {
    expect(head, h).toContain(h);
  }
  const col = (h: string) => head.indexOf(h);
  for (const r of funnel.slice(1).filter((x) => x[col('Lower 99.8% control limit')] !== '*')) {
    const [l998, l95, u95, u998, centre] = ['Lower 99.8% control limit', 'Lower 95% control limit', 'Upper 95% control limit', 'Upper 99.8% control limit', 'All areas (centre line)'].map((h) => Number(r[col(h)]));
    // The limits nest around the centre line, as drawn; the interval is two numbers at full precision.
    expect(l998! < l95! && l95! < centre! && centre! < u95! && u95! < u998!, r.join(',')).toBe(true);
    expect(r[col('Lower 95% CI')]).toMatch(/^-?\d+\.\d{3,}$/);
  }

  await drawnCharts(page, '/waiting/?spc=1', 'waiting-view');
  const spc = await csvOf(page, page.locator('[data-chart="waiting-spc"]'));
  expect(spc[0]).toEqual(expect.arrayContaining(['Mean', 'Lower process limit', 'Upper process limit']));
  const mean = spc[0]!.indexOf('Mean');
  expect(new Set(spc.slice(1).map((r) => r[mean])).size).toBeGreaterThanOrEqual(1);
  expect(Number(spc[1]![mean])).toBeGreaterThan(0);

  // The map: the heading says % and the cells are percentages, equal to the table's.
  await page.goto('/map/');
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
  const scope = page.locator('.map-head').filter({ has: page.getByRole('heading', { name: 'Table', exact: true }) });
  const csv = await csvOf(page, scope);
  expect(csv[0]![2]).toMatch(/^Distance from target \(% above/);
  expect(expectSameNumbers('map', await tableOf(page.getByTestId('map-table')), csv)).toBeGreaterThan(20);
  expect(csv.slice(1).some((r) => Math.abs(Number(r[2])) > 5)).toBe(true);
});
