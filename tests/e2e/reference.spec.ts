// England's geography built in: a user with only referrals and funding keyed by district codes sees
// distance from target from the built-in ONS population and IMD 2019, rolls up to their ICB, and
// extracts on 2019 codes or ODS sub-ICB codes are placed. Expected values are computed here from the
// committed reference file (data/reference/areas.csv) and the test's own rows, not by the app.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const reference = new Map(
  readFileSync(path.join(root, 'data', 'reference', 'areas.csv'), 'utf8')
    .trim().split('\n').slice(1)
    // Names may be quoted with commas inside: the figures are the last six fields.
    .map((line) => {
      const f = line.split(',');
      const code = f[1]!;
      const [population, , , old, imd] = f.slice(-6).map(Number);
      return [code, { population: population!, old: old!, imd: imd! }] as const;
    })
);

/** Lancashire and South Cumbria ICB's 15 districts and unitaries. */
const LSC = ['E06000008', 'E06000009', 'E06000064', 'E07000117', 'E07000118', 'E07000119', 'E07000120', 'E07000121',
  'E07000122', 'E07000123', 'E07000124', 'E07000125', 'E07000126', 'E07000127', 'E07000128'];
const referralsOf = (i: number) => 20 + 3 * i;
const fundingOf = (i: number) => 50_000 + 7_000 * ((i * 5) % 15);

async function clearAll(page: Page) {
  await openApp(page, '/data/');
  await page.getByTestId('clear-all').click();
  await page.getByTestId('confirm-clear').click();
  await expect(page.getByTestId('count-referrals')).toHaveText('0');
}

async function upload(page: Page, name: string, text: string) {
  await page.getByTestId('file-input').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  const card = page.locator(`[data-testid="file-card"][data-file="${name}"]`);
  await card.getByTestId('load-button').click();
  await expect(card.getByTestId('load-report')).toHaveAttribute('data-ok', 'true');
  return card;
}

async function toMap(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Map' }).click();
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
}

const values = (page: Page) =>
  page.locator('[data-testid="map-svg"] path[data-code]').evaluateAll((ps) => Object.fromEntries(ps.map((p) => [p.getAttribute('data-code'), p.getAttribute('data-value')])));

test('referrals and funding alone, keyed by district: distance from target for all 15 from the built-in population, and the ICB from their sums', async ({ page }) => {
  await clearAll(page);
  const refs = ['referral_id,referral_date,area_code', ...LSC.flatMap((c, i) => Array.from({ length: referralsOf(i) }, (_, k) => `${c}-${k},2024-0${4 + (k % 6)}-10,${c}`))];
  await upload(page, 'referrals.csv', refs.join('\n') + '\n');
  await upload(page, 'funding.csv', ['area_code,period,amount_gbp', ...LSC.map((c, i) => `${c},2024/25,${fundingOf(i)}`)].join('\n') + '\n');
  await toMap(page);

  // DfT with the default need weights (deprivation 0.5, age 65+ 0.25), written out again here.
  const rows = LSC.map((c, i) => ({ code: c, ...reference.get(c)!, amount: fundingOf(i) }));
  const pop = rows.reduce((s, r) => s + r.population, 0);
  const meanImd = rows.reduce((s, r) => s + r.imd * r.population, 0) / pop;
  const meanOld = rows.reduce((s, r) => s + r.old, 0) / pop;
  const weighted = rows.map((r) => r.population * Math.max(0.1, 1 + 0.5 * (r.imd / meanImd - 1) + 0.25 * (r.old / r.population / meanOld - 1)));
  const wTotal = weighted.reduce((s, w) => s + w, 0);
  const money = rows.reduce((s, r) => s + r.amount, 0);
  await expect(page.locator('[data-testid="map-svg"] path[data-code]')).toHaveCount(15);
  const drawn = await values(page);
  expect(Object.keys(drawn).sort()).toEqual([...LSC].sort());
  rows.forEach((r, i) => expect(Number(drawn[r.code]), r.code).toBeCloseTo(r.amount / ((money * weighted[i]!) / wTotal) - 1, 9));
  // Every figure says where its population came from, with the vintage.
  await expect(page.getByTestId('map-source')).toContainText('ONS mid-2020 population estimates and IMD 2019 average score (MHCLG), built in (Open Government Licence) for 15 areas');
  await expect(page.getByTestId('builtin-boundaries')).toContainText('Contains OS data © Crown copyright and database right 2024');

  // ICB level: one area, E54000048, from the sums.
  await page.getByTestId('level-select').selectOption('icb');
  await page.getByTestId('measure-select').selectOption('referral_rate');
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
  await expect(page.locator('[data-testid="map-svg"] path[data-code]')).toHaveCount(1);
  const referrals = LSC.reduce((s, _c, i) => s + referralsOf(i), 0);
  const icb = await values(page);
  // Referrals fall in six months of 2024/25: the rate is annualised by 12 ÷ 6.
  expect(Number(icb.E54000048)).toBeCloseTo((referrals / pop) * 1000 * (12 / 6), 9);
  await page.getByTestId('measure-select').selectOption('funding_per_head');
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-measure', 'funding_per_head');
  expect(Number((await values(page)).E54000048)).toBeCloseTo(money / pop, 9);
  await expect(page.getByTestId('map-table').locator('tr[data-code="E54000048"]')).toContainText('NHS Lancashire and South Cumbria ICB');

  // The ICB's own profile, from the map at ICB level.
  await page.locator('path[data-code="E54000048"]').click();
  await page.getByTestId('profile-link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('NHS Lancashire and South Cumbria ICB');
  await expect(page.getByTestId('area-profile')).toHaveAttribute('data-loading', 'false');
  await expect(page.getByTestId('profile-table').locator('tr[data-measure="funding_per_head"]')).toBeVisible();
  // The Overview's figures name the built-in population too.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByTestId('fig-areas')).toContainText('15');
  await expect(page.getByTestId('overview-source')).toContainText('referrals.csv');
  await expect(page.getByTestId('overview-source')).toContainText('ONS mid-2020 population estimates');
});

test('an extract on 2019 codes: Cumbria\'s districts mapped to Cumberland and Westmorland and Furness, the county reported', async ({ page }) => {
  await clearAll(page);
  const codes = ['E07000026', 'E07000027', 'E07000028', 'E07000029', 'E07000030', 'E07000031', 'E10000006'];
  const lines = ['referral_id,referral_date,area_code', ...codes.flatMap((c) => Array.from({ length: 12 }, (_, k) => `${c}-${k},2024-06-0${1 + (k % 8)},${c}`))];
  const card = await upload(page, 'cumbria-2019.csv', lines.join('\n') + '\n');
  const recoded = card.getByTestId('recoded');
  await expect(recoded).toContainText('E07000026 Allerdale → E06000063 Cumberland (12 rows; counted in Cumberland)');
  await expect(recoded).toContainText('E07000031 South Lakeland → E06000064 Westmorland and Furness');
  await expect(card.getByTestId('unplaced')).toContainText('E10000006 Cumbria (county): 12 rows, now Cumberland and Westmorland and Furness');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Map' }).click();
  await page.getByTestId('measure-select').selectOption('referral_rate');
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
  await expect(page.locator('[data-testid="map-svg"] path[data-code]')).toHaveCount(2);
  const drawn = await values(page);
  expect(Object.keys(drawn).sort()).toEqual(['E06000063', 'E06000064']);
  // Cumberland: 36 referrals in one month of 2024/25, over its 274,396 residents, annualised.
  expect(Number(drawn.E06000063)).toBeCloseTo((36 / 274_396) * 1000 * 12, 9);
});

test('an extract keyed by ODS sub-ICB codes shows at sub-ICB level, and rolls up to the ICB', async ({ page }) => {
  await clearAll(page);
  const ods = ['00Q', '00R', '00X', '01A', '01E', '01K', '02G', '02M'];
  const lines = ['referral_id,referral_date,area_code', ...ods.flatMap((c, i) => Array.from({ length: 10 + i }, (_, k) => `${c}-${k},2024-07-15,${c}`))];
  const card = await upload(page, 'sicbl.csv', lines.join('\n') + '\n');
  await expect(card.getByTestId('recoded')).toContainText('00Q → E38000014');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Map' }).click();
  await page.getByTestId('measure-select').selectOption('referral_rate');
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
  await expect(page.getByTestId('level-select').locator('option:checked')).toHaveText('Sub-ICB location');
  await expect(page.locator('[data-testid="map-svg"] path[data-code]')).toHaveCount(8);
  const drawn = await values(page);
  expect(Object.keys(drawn).every((c) => c.startsWith('E38'))).toBe(true);
  // 00R is Blackpool's sub-ICB location: 11 referrals over Blackpool's 138,381 residents, annualised.
  expect(Number(drawn.E38000015)).toBeCloseTo((11 / 138_381) * 1000 * 12, 9);
  await page.getByTestId('level-select').selectOption('icb');
  await expect(page.locator('[data-testid="map-svg"] path[data-code]')).toHaveCount(1);
  await expect(page.locator('path[data-code="E54000048"]')).toHaveAttribute('data-value', /\d/);
});

test('the hex cartogram draws all 296 districts, one hex each, keyboard operable, with its table twin and the same colours', async ({ page }) => {
  await openApp(page, '/map/?shape=hex');
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
  await expect(page.getByTestId('shape-select')).toHaveValue('hex');
  const svg = page.getByTestId('map-svg');
  // The demo's 35 North West districts are drawn with their values; England's other 261 for context.
  await expect(svg.locator('path[data-code]')).toHaveCount(35);
  await expect(svg.locator('path[data-context]')).toHaveCount(261);
  // One hex each, all the same size (Manchester as big as Westmorland and Furness).
  const widths = await svg.locator('path[data-code], path[data-context]').evaluateAll((ps) => ps.map((p) => (p as SVGGraphicsElement).getBBox().width));
  expect(Math.max(...widths) - Math.min(...widths)).toBeLessThan(0.5);
  await expect(page.getByTestId('map-subtitle')).toContainText('hex cartogram');
  await expect(page.getByTestId('map-source')).toContainText('Open Innovations');

  // Same colours as the table twin.
  const fill = await svg.locator('path[data-code="E06000009"]').getAttribute('fill');
  await expect(page.getByTestId('map-table').locator('tr[data-code="E06000009"]').getByTestId('swatch')).toHaveAttribute('data-fill', fill!);
  await expect(page.getByTestId('map-table').locator('tbody tr')).toHaveCount(35);

  // Keyboard: the hexes are one Tab stop, arrows move between neighbours, Enter selects.
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-code') ?? null);
  await svg.locator('path[tabindex="0"]').focus();
  const start = await focused();
  expect(start).not.toBeNull();
  await page.keyboard.press('ArrowDown');
  const next = await focused();
  expect(next).not.toBe(start);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('area-panel')).toBeVisible();
  expect(new URL(page.url()).searchParams.get('area')).toBe(next);

  // At ICB level there is no cartogram of districts: the map is drawn.
  await page.getByTestId('level-select').selectOption('icb');
  await expect(page.getByTestId('shape-select')).toHaveCount(0);
  await expect(svg.locator('path[data-code]')).toHaveCount(4);
});

test('a lookup of the user\'s own places adds "Your groupings" to the Map, each place from its districts\' sums', async ({ page }) => {
  await openApp(page, '/data/');
  const places: Record<string, string[]> = {
    'Central Lancashire': ['E07000118', 'E07000123', 'E07000126'],
    'Fylde Coast': ['E06000009', 'E07000119', 'E07000128'],
    'Pennine Lancashire': ['E06000008', 'E07000117', 'E07000120', 'E07000122', 'E07000124', 'E07000125']
  };
  const lookup = ['District,Place code,Place name', ...Object.entries(places).flatMap(([name, codes], i) => codes.map((c) => `${c},P${i + 1},${name}`))];
  await page.getByTestId('file-input').setInputFiles({ name: 'lsc-places.csv', mimeType: 'text/csv', buffer: Buffer.from(lookup.join('\n') + '\n') });
  const card = page.locator('[data-testid="file-card"][data-file="lsc-places.csv"]');
  await expect(card.getByTestId('kind-select')).toHaveValue('lookup');
  await card.getByTestId('load-button').click();
  await expect(card.getByTestId('load-report')).toHaveAttribute('data-ok', 'true');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Map' }).click();
  await page.getByTestId('measure-select').selectOption('referral_rate');
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
  await page.getByTestId('level-select').selectOption({ label: 'Your groupings' });
  await expect(page.locator('[data-testid="map-svg"] path[data-code]')).toHaveCount(3);
  const fy = (await page.getByTestId('map-view').getAttribute('data-fy'))!;
  type Q = { __fairshare: { query: (sql: string) => Promise<Record<string, number>[]> } };
  const codes = places['Fylde Coast']!.map((c) => `'${c}'`).join(',');
  const [r] = await page.evaluate((q) => (window as unknown as Q).__fairshare.query(q),
    `SELECT (SELECT count(*) FROM referrals WHERE area_code IN (${codes}) AND fs_fy_of(referral_date) = '${fy}')::DOUBLE AS n,
       (SELECT sum(population) FROM population WHERE area_code IN (${codes}))::DOUBLE AS pop,
       (SELECT count(DISTINCT date_trunc('month', referral_date)) FROM referrals WHERE fs_fy_of(referral_date) = '${fy}')::DOUBLE AS months`);
  expect(Number(await page.locator('path[data-code="P2"]').getAttribute('data-value'))).toBeCloseTo((r!.n! / r!.pop!) * 1000 * (12 / r!.months!), 9);
  await expect(page.getByTestId('map-table').locator('tr[data-code="P2"]')).toContainText('Fylde Coast');
});

test('an extract keyed by ICB ODS codes shows ICBs drawn from their districts, with the reference population', async ({ page }) => {
  await clearAll(page);
  // QE1 Lancashire and South Cumbria, QOP Greater Manchester.
  const lines = ['referral_id,referral_date,area_code', ...Array.from({ length: 40 }, (_, k) => `${k},2024-07-15,${k < 25 ? 'QE1' : 'QOP'}`)];
  const card = await upload(page, 'icb.csv', lines.join('\n') + '\n');
  await expect(card.getByTestId('recoded')).toContainText('QE1 → E54000048');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Map' }).click();
  await page.getByTestId('measure-select').selectOption('referral_rate');
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
  await expect(page.getByTestId('level-select').locator('option:checked')).toHaveText('ICB');
  await expect(page.locator('[data-testid="map-svg"] path[data-code]')).toHaveCount(2);
  const drawn = await values(page);
  expect(Object.keys(drawn).sort()).toEqual(['E54000048', 'E54000057']);
  // The ICB's own (apportioned) population from data/reference/areas.csv, read by the test.
  expect(Number(drawn.E54000048)).toBeCloseTo((25 / reference.get('E54000048')!.population) * 1000 * 12, 9);
});
