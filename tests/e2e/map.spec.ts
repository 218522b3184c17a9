// The Map on the demo data: values recomputed independently in the test from the loaded tables,
// colours shared with the table twin, tooltip, keyboard use, live need weights and shareable URLs.
import { readFileSync } from 'node:fs';
import { expect, openApp, test } from './fixtures';
import type { Page } from '@playwright/test';

type Q = { __fairshare: { query: (sql: string) => Promise<Record<string, unknown>[]> } };
const sql = <T>(page: Page, q: string) => page.evaluate((s) => (window as unknown as Q).__fairshare.query(s), q) as Promise<T[]>;

const BLACKPOOL = 'E06000009';
const CUMBERLAND = 'E06000063';
const TRAFFORD = 'E08000009';
const NAMED = [BLACKPOOL, CUMBERLAND, TRAFFORD];

/**
 * Distance from target recomputed from SQL sums with the formulas of domain/need.ts and
 * domain/fair-share.ts, written out again here on purpose (not imported).
 */
async function expectedDft(page: Page, fy: string, wd: number, wa: number): Promise<Map<string, number>> {
  const rows = await sql<{ area_code: string; pop: number; imd: number | null; old: number | null; amount: number }>(
    page,
    `SELECT p.area_code, p.population::DOUBLE AS pop, p.imd_score::DOUBLE AS imd, p.pop_65_plus::DOUBLE AS old,
       coalesce(f.amount, 0)::DOUBLE AS amount
     FROM population p LEFT JOIN (SELECT area_code, sum(amount_gbp) AS amount FROM funding WHERE fy = '${fy}' GROUP BY area_code) f USING (area_code)`
  );
  // Population-weighted means over the areas that have the figure; an area without it counts as average.
  const withImd = rows.filter((r) => r.imd !== null);
  const withOld = rows.filter((r) => r.old !== null);
  const meanImd = withImd.reduce((s, r) => s + r.imd! * r.pop, 0) / withImd.reduce((s, r) => s + r.pop, 0);
  const meanOld = withOld.reduce((s, r) => s + r.old!, 0) / withOld.reduce((s, r) => s + r.pop, 0);
  const weighted = rows.map((r) => r.pop * Math.max(0.1, 1 + wd * ((r.imd ?? meanImd) / meanImd - 1) + wa * ((r.old ?? meanOld * r.pop) / r.pop / meanOld - 1)));
  const wTotal = weighted.reduce((s, w) => s + w, 0);
  const money = rows.reduce((s, r) => s + r.amount, 0);
  return new Map(rows.map((r, i) => [r.area_code, r.amount / ((money * weighted[i]!) / wTotal) - 1]));
}

const pct = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v * 100).toFixed(1)}%`;
const hexToRgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

async function openMap(page: Page, path = '/map/') {
  await openApp(page, path);
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
  await expect(page.getByTestId('map-svg').locator('path[data-code]')).toHaveCount(35);
}

test('the map draws the 35 demo districts, with DfT values the test recomputes and the table twin\'s colours', async ({ page }, testInfo) => {
  await openMap(page);
  // Zoomed to the North West: the rest of England is grey context without data hooks.
  const [latest] = await sql<{ fy: string }>(page, `SELECT max(fy) AS fy FROM funding`);
  const fy = latest!.fy;
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-fy', fy);
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-measure', 'dft');
  const expected = await expectedDft(page, fy, 0.5, 0.25);

  for (const code of NAMED) {
    const path = page.locator(`path[data-code="${code}"]`);
    const value = Number(await path.getAttribute('data-value'));
    expect(Math.abs(value - expected.get(code)!), code).toBeLessThan(1e-9 * Math.max(1, Math.abs(expected.get(code)!)));
    const fill = (await path.getAttribute('fill'))!;
    expect(fill).toMatch(/^#[0-9a-f]{6}$/);
    const row = page.getByTestId('map-table').locator(`tr[data-code="${code}"]`);
    const swatch = row.getByTestId('swatch');
    await expect(swatch).toHaveAttribute('data-fill', fill);
    await expect(swatch).toHaveCSS('background-color', hexToRgb(fill));
    await expect(row.getByTestId('cell-value')).toContainText(pct(expected.get(code)!));
  }
  // Under target is orange, over target purple (PuOr about 0).
  const blackpoolFill = (await page.locator(`path[data-code="${BLACKPOOL}"]`).getAttribute('fill'))!;
  expect(expected.get(BLACKPOOL)!).toBeLessThan(0);
  expect(parseInt(blackpoolFill.slice(1, 3), 16)).toBeGreaterThan(parseInt(blackpoolFill.slice(5, 7), 16));

  await expect(page.getByTestId('legend-unit')).toContainText('fair share');
  await expect(page.getByTestId('how-calculated')).toContainText('fair share');
  await expect(page.getByTestId('map-table').locator('tbody tr')).toHaveCount(35);

  // Hover shows the tooltip with the value and the rank (Trafford: compact, so the pointer at the
  // middle of its box is over it; Cumberland's box centre lies in Westmorland and Furness).
  await page.locator(`path[data-code="${TRAFFORD}"]`).hover();
  const tip = page.getByTestId('map-tooltip');
  await expect(tip).toHaveAttribute('data-code', TRAFFORD);
  await expect(tip).toContainText('Trafford');
  await expect(tip.getByTestId('tooltip-value')).toHaveText(pct(expected.get(TRAFFORD)!));
  await expect(tip.getByTestId('tooltip-rank')).toContainText('of 35');
  await page.screenshot({ path: testInfo.outputPath('map-dft.png'), fullPage: true });
});

test('referral rate: value and confidence interval in the tooltip on focus', async ({ page }) => {
  await openMap(page, '/map/?measure=referral_rate');
  const fy = (await page.getByTestId('map-view').getAttribute('data-fy'))!;
  const [r] = await sql<{ n: number; pop: number; months: number }>(
    page,
    `SELECT (SELECT count(*) FROM referrals WHERE area_code = '${TRAFFORD}' AND fs_fy_of(referral_date) = '${fy}')::DOUBLE AS n,
       (SELECT population FROM population WHERE area_code = '${TRAFFORD}')::DOUBLE AS pop,
       (SELECT count(DISTINCT date_trunc('month', referral_date)) FROM referrals WHERE fs_fy_of(referral_date) = '${fy}')::DOUBLE AS months`
  );
  const rate = (r!.n / r!.pop) * 1000 * (12 / r!.months);
  const path = page.locator(`path[data-code="${TRAFFORD}"]`);
  expect(Number(await path.getAttribute('data-value'))).toBeCloseTo(rate, 9);
  await path.focus();
  const tip = page.getByTestId('map-tooltip');
  await expect(tip).toHaveAttribute('data-code', TRAFFORD);
  await expect(tip.getByTestId('tooltip-value')).toHaveText(rate.toFixed(1));
  await expect(tip.getByTestId('tooltip-ci')).toContainText('95% CI');
  await page.keyboard.press('Escape');
  await expect(tip).toHaveCount(0);
  await expect(page.getByTestId('legend-unit')).toContainText('per 1,000');
});

test('keyboard: Tab to the map, arrows move between areas, Enter selects one and the panel shows it', async ({ page }) => {
  await openMap(page);
  const focusedCode = () => page.evaluate(() => (document.activeElement as SVGElement | null)?.getAttribute?.('data-code') ?? null);
  // From the last control (Reset is disabled at the default weights) the next Tab enters the map.
  await page.getByTestId('weight-age').focus();
  let first: string | null = null;
  for (let i = 0; i < 10 && !first; i++) {
    await page.keyboard.press('Tab');
    first = await focusedCode();
  }
  expect(first, 'Tab reaches an area of the map').not.toBeNull();
  await expect(page.getByTestId('map-tooltip')).toHaveAttribute('data-code', first!);
  // Some arrow moves to a neighbour (the first area in name order may sit on an edge).
  let moved: string | null = first;
  for (const key of ['ArrowDown', 'ArrowRight', 'ArrowUp', 'ArrowLeft']) {
    await page.keyboard.press(key);
    moved = await focusedCode();
    if (moved && moved !== first) break;
  }
  expect(moved).not.toBe(first);
  expect(moved).not.toBeNull();
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('area-panel');
  await expect(panel).toHaveAttribute('data-code', moved!);
  await expect(page.locator(`path[data-code="${moved}"]`)).toHaveAttribute('aria-pressed', 'true');
  expect(new URL(page.url()).searchParams.get('area')).toBe(moved);
  // Focus stays on the map after selecting.
  expect(await focusedCode()).toBe(moved);

  // Onward by keyboard to the area's full profile.
  const onLink = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'profile-link');
  for (let i = 0; i < 8 && !(await onLink()); i++) await page.keyboard.press('Tab');
  expect(await onLink(), 'Tab reaches the profile link').toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('area-profile')).toHaveAttribute('data-code', moved!);
  await expect(page.getByTestId('area-profile')).toHaveAttribute('data-loading', 'false');
  await expect(page.getByTestId('profile-table').locator('tbody tr')).toHaveCount(12); // one row per Map measure
});

test('ICB level: districts roll up to four ICBs (from the built-in lookup), rates from summed counts; the profile compares an area with its ICB', async ({ page }) => {
  await openMap(page, '/map/?measure=referral_rate');
  const fy = (await page.getByTestId('map-view').getAttribute('data-fy'))!;
  await page.getByTestId('level-select').selectOption('icb');
  await expect(page.getByTestId('map-svg').locator('path[data-code]')).toHaveCount(4);
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
  expect(new URL(page.url()).searchParams.get('level')).toBe('icb');
  // Cumberland is the demo's only district of North East and North Cumbria ICB: the page says so.
  await expect(page.getByTestId('partial-groups')).toHaveText(/NHS North East and North Cumbria ICB \(1 of 13 districts\)\.$/);
  await expect(page.getByTestId('partial-groups')).not.toContainText('Greater Manchester');
  const GM = 'E54000057';
  const [r] = await sql<{ n: number; pop: number; months: number }>(
    page,
    `SELECT (SELECT count(*) FROM referrals JOIN population p USING (area_code) WHERE p.parent_code = '${GM}' AND fs_fy_of(referral_date) = '${fy}')::DOUBLE AS n,
       (SELECT sum(population) FROM population WHERE parent_code = '${GM}')::DOUBLE AS pop,
       (SELECT count(DISTINCT date_trunc('month', referral_date)) FROM referrals WHERE fs_fy_of(referral_date) = '${fy}')::DOUBLE AS months`
  );
  const rate = (r!.n / r!.pop) * 1000 * (12 / r!.months);
  expect(Number(await page.locator(`path[data-code="${GM}"]`).getAttribute('data-value'))).toBeCloseTo(rate, 9);
  await expect(page.getByTestId('map-table').locator(`tr[data-code="${GM}"]`)).toContainText('Greater Manchester');

  // Trafford's profile, straight from a URL: its ICB's figure alongside its own.
  await openApp(page, `/area/?area=${TRAFFORD}&measure=referral_rate&fy=${encodeURIComponent(fy)}`);
  const profile = page.getByTestId('area-profile');
  await expect(profile).toHaveAttribute('data-loading', 'false');
  await expect(profile).toHaveAttribute('data-fy', fy);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trafford');
  const row = page.getByTestId('profile-table').locator('tr[data-measure="referral_rate"]');
  await expect(row.getByTestId('profile-parent')).toHaveText(rate.toFixed(1));
  await expect(row.getByTestId('profile-value')).toContainText('95% CI');
  await expect(page.getByTestId('profile-trend-table').locator('thead th')).toHaveCount(1 + (await sql(page, `SELECT DISTINCT fs_fy_of(referral_date) FROM referrals UNION SELECT DISTINCT fy FROM funding`)).length);
  await page.getByTestId('parent-link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Greater Manchester/);
  await expect(page.getByTestId('area-profile')).toHaveAttribute('data-code', GM);
});

test('need weights change DfT live, and a copied link reproduces the view', async ({ page, context }) => {
  await openMap(page);
  const blackpool = page.locator(`path[data-code="${BLACKPOOL}"]`);
  const before = Number(await blackpool.getAttribute('data-value'));

  // Another year, new weights and a selected area.
  const years = await page.getByTestId('fy-select').locator('option').allTextContents();
  const fy = years.map((y) => y.slice(0, 7)).find((y) => y !== (years.at(-1) ?? '').slice(0, 7))!;
  await page.getByTestId('fy-select').selectOption(fy);
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-fy', fy);
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
  await page.getByTestId('weight-deprivation').fill('1');
  await page.getByTestId('weight-age').fill('0.125'); // off the 0.01 step: still accepted
  await expect(page.getByTestId('weight-deprivation')).toHaveValue('1');
  const expected = await expectedDft(page, fy, 1, 0.125);
  await expect.poll(async () => Number(await blackpool.getAttribute('data-value'))).toBeCloseTo(expected.get(BLACKPOOL)!, 9);
  expect(Number(await blackpool.getAttribute('data-value'))).not.toBeCloseTo(before, 6);
  const row = page.getByTestId('map-table').locator(`tr[data-code="${BLACKPOOL}"]`);
  await expect(row.getByTestId('cell-value')).toContainText(pct(expected.get(BLACKPOOL)!));

  await page.getByTestId('map-table').locator(`tr[data-code="${TRAFFORD}"] button`).click();
  await expect(page.getByTestId('area-panel')).toHaveAttribute('data-code', TRAFFORD);
  const url = new URL(page.url());
  expect(Object.fromEntries(url.searchParams)).toMatchObject({ measure: 'dft', fy, wd: '1', wa: '0.125', area: TRAFFORD });

  const copy = await context.newPage();
  await openMap(copy, url.pathname + url.search);
  await expect(copy.getByTestId('map-view')).toHaveAttribute('data-fy', fy);
  await expect(copy.getByTestId('measure-select')).toHaveValue('dft');
  await expect(copy.getByTestId('fy-select')).toHaveValue(fy);
  await expect(copy.getByTestId('weight-deprivation')).toHaveValue('1');
  await expect(copy.getByTestId('weight-age')).toHaveValue('0.125');
  await expect(copy.getByTestId('area-panel')).toHaveAttribute('data-code', TRAFFORD);
  await expect(copy.getByTestId('area-panel')).toContainText('Trafford');
  await expect(copy.locator(`path[data-code="${BLACKPOOL}"]`)).toHaveAttribute('data-value', (await blackpool.getAttribute('data-value'))!);
});

test('small numbers: an area with 1-7 referrals shows * on the map, in the table and the tooltip, and a second area is hidden with it', async ({ page }) => {
  // Blackpool 3 referrals, Blackburn 40, Preston 60, all in one ICB: Blackpool is suppressed, and the
  // smallest other area of its ICB with it (or Blackpool's count = the ICB's − the others').
  const lines = ['referral_id,referral_date,area_code,status'];
  const add = (code: string, n: number) => { for (let i = 0; i < n; i++) lines.push(`${code}-${i},2024-0${(i % 6) + 4}-15,${code},waiting`); };
  add(BLACKPOOL, 3); add('E06000008', 40); add('E07000123', 60);
  await openApp(page, '/data/');
  await page.getByTestId('file-input').setInputFiles({ name: 'small.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  const card = page.locator('[data-testid="file-card"][data-file="small.csv"]');
  await card.getByLabel('Replace it').check();
  await card.getByTestId('load-button').click();
  await expect(card.getByTestId('load-report')).toHaveAttribute('data-ok', 'true');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Map' }).click();
  await page.getByTestId('measure-select').selectOption('referral_rate');
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-fy', '2024/25');

  const row = page.getByTestId('map-table').locator(`tr[data-code="${BLACKPOOL}"]`);
  await expect(row.getByTestId('cell-value')).toHaveText('*');
  await expect(page.getByTestId('map-table').locator('tr[data-code="E06000008"]').getByTestId('cell-value')).toHaveText('*');
  await expect(page.getByTestId('map-table').locator('tr[data-code="E07000123"]').getByTestId('cell-value')).not.toHaveText('*');
  await expect(page.getByTestId('suppressed-list')).toContainText('Blackpool');
  await expect(page.locator(`path[data-code="${BLACKPOOL}"]`)).toHaveAttribute('data-value', '');
  await page.locator(`path[data-code="${BLACKPOOL}"]`).hover();
  await expect(page.getByTestId('tooltip-value')).toContainText('*');
  await expect(page.getByTestId('suppression-note').first()).toContainText('Counts of 1 to 7 are shown as *');

  // Exports alike: the map's CSV has * for Blackpool's rate, never the number behind it.
  const menu = page.getByTestId('export-menu').first();
  await menu.locator('summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), menu.locator('[data-export="csv"]').click()]);
  const csvLines = readFileSync((await download.path())!, 'utf8').split(/\r?\n/);
  expect(csvLines.find((l) => l.includes(BLACKPOOL))!.split(',')).toContain('*');
  expect(csvLines.find((l) => l.includes('E07000123'))!.split(',')).not.toContain('*');
});

/**
 * Round legend numbers: each a whole multiple of a nice unit (1, 2, 2.5 or 5 × 10^k) no finer than a fiftieth of the
 * legend's range, so 20, 25, 2.5 and 7 on a range of 100 are round and 25.4 or 50.7 are not.
 */
const NICE_UNITS = [-3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7].flatMap((k) => [1, 2, 2.5, 5].map((n) => n * 10 ** k));
const roundOn = (span: number) => (v: number) => NICE_UNITS.some((u) => u >= span / 50 - 1e-12 && Math.abs(v / u - Math.round(v / u)) < 1e-9);
/** The legend's numbers with their signs (−12.5 from "−12.5%", −1,200,000 from "−£1.2m"). */
const SIZE: Record<string, number> = { '': 1, k: 1e3, m: 1e6, bn: 1e9 };
const legendNumbers = async (page: Page) =>
  (await page.getByTestId('map-legend').locator('svg text').allTextContents()).flatMap((t) =>
    [...t.matchAll(/([+\u2212]?)£?(\d[\d,]*(?:\.\d+)?)(bn|k|m)?/g)].map((m) => (m[1] === '\u2212' ? -1 : 1) * Number(m[2]!.replace(/,/g, '')) * SIZE[m[3] ?? '']!));

for (const [measure, classing] of [['dft', 'continuous'], ['dft', 'quantile'], ['dft', 'equal'], ['referral_rate', 'quantile'], ['referral_rate', 'equal'], ['gap_gbp', 'equal']] as const) {
  test(`the legend of ${measure} in ${classing} colours prints round numbers`, async ({ page }) => {
    await openMap(page, `/map/?measure=${measure}&classing=${classing}`);
    await expect(page.getByTestId('map-view')).toHaveAttribute('data-measure', measure);
    const numbers = await legendNumbers(page);
    expect(numbers.length, 'numbers in the legend').toBeGreaterThanOrEqual(classing === 'continuous' ? 3 : 6);
    const round = roundOn(Math.max(...numbers) - Math.min(...numbers));
    expect(numbers.filter((v) => !round(v)), 'numbers that are not round').toEqual([]);
  });
}

test('round quantile breaks keep every area in its exact quintile but those between an exact and a round break', async ({ page }) => {
  await openMap(page, '/map/?classing=quantile');
  const areas = await page.getByTestId('map-svg').locator('path[data-code][data-value]').evaluateAll((ps) =>
    ps.map((p) => ({ value: Number(p.getAttribute('data-value')), fill: p.getAttribute('fill') })).filter((a) => Number.isFinite(a.value) && a.fill?.startsWith('#')));
  expect(areas.length).toBeGreaterThan(20);
  // Quintiles by linear interpolation between order statistics (R type 7), written out here.
  const sorted = areas.map((a) => a.value).sort((a, b) => a - b);
  const q = (p: number) => { const h = (sorted.length - 1) * p; const lo = Math.floor(h); return sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (h - lo); };
  const exact = [0.2, 0.4, 0.6, 0.8].map(q);
  // The printed breaks (percentages, as the legend labels them): the first number of each class but the first.
  const labels = await page.getByTestId('map-legend').locator('svg text').allTextContents();
  const printed = labels.slice(1, 5).map((t) => {
    const m = /([+\u2212]?)(\d+(?:\.\d+)?)%/.exec(t)!;
    return ((m[1] === '\u2212' ? -1 : 1) * Number(m[2])) / 100;
  });
  const classFills = await page.getByTestId('map-legend').locator('[data-class-fill]').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-class-fill')));
  expect(classFills).toHaveLength(5);
  let kept = 0;
  for (const a of areas) {
    const shown = classFills.indexOf(a.fill);
    // The map and the legend agree (values within 0.05 points of a printed break are left to the rounding of the label).
    if (printed.every((b) => Math.abs(a.value - b) > 0.0005)) expect(shown, `${a.value} by the printed breaks`).toBe(printed.filter((b) => a.value >= b).length);
    const between = exact.some((b, i) => (a.value - b) * (a.value - printed[i]!) < 0 || a.value === printed[i]);
    if (!between) {
      expect(shown, `${a.value} by the exact quintiles`).toBe(exact.filter((b) => a.value >= b).length);
      kept++;
    }
  }
  expect(kept, 'areas away from every break').toBeGreaterThan(areas.length * 0.8);
});
