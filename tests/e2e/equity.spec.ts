// The Equity view on the demo data. The funnel's outliers and the SII figures are recomputed here from SQL sums
// of the loaded tables, with the limit formula written out again (Byar's, not imported); the SII goes through
// the same pure sii() with the view's fixed seed, from inputs the test builds itself. Suppression is checked
// on a tiny area appended through the Data page.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { SII_OPTIONS } from '../../src/lib/domain/equity/gradient';
import { fmt1 } from '../../src/lib/domain/format';
import { dsrCi, ESP2013 } from '../../src/lib/domain/stats/dsr';
import { sii } from '../../src/lib/domain/stats/sii';
import { expect, openApp, openTwins, test } from './fixtures';

type Q = { __fairshare: { query: (sql: string) => Promise<Record<string, unknown>[]> } };
const sql = <T>(page: Page, q: string) => page.evaluate((s) => (window as unknown as Q).__fairshare.query(s), q) as Promise<T[]>;

async function openEquity(page: Page, path = '/equity/') {
  await openApp(page, path);
  await expect(page.getByTestId('equity-view')).toHaveAttribute('data-loading', 'false');
  // The tests read the charts' tables: open them, as a user would (a twin's table is made while it is open).
  await openTwins(page);
  const fy = (await page.getByTestId('equity-view').getAttribute('data-fy'))!;
  expect(fy).toMatch(/^\d{4}\/\d{2}$/);
  return fy;
}

const Z95 = 1.959963984540054;
const Z998 = 3.090232306167813;
// Byar's approximation to the Poisson limits of a count x (all demo areas have thousands of referrals).
const byar = (x: number, z: number) => ({
  lower: x * (1 - 1 / (9 * x) - z / (3 * Math.sqrt(x))) ** 3,
  upper: (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * Math.sqrt(x + 1))) ** 3
});
const fyWhere = (fy: string) =>
  `referral_date BETWEEN make_date(${fy.slice(0, 4)}, 4, 1) AND make_date(${Number(fy.slice(0, 4)) + 1}, 3, 31)`;

test('the funnel marks exactly the areas outside the 99.8% limits that the test computes', async ({ page }, testInfo) => {
  const fy = await openEquity(page);
  const rows = await sql<{ area_code: string; area_name: string; pop: number; n: number }>(
    page,
    `SELECT p.area_code, p.area_name, p.population::DOUBLE AS pop, coalesce(r.n, 0)::DOUBLE AS n FROM population p
     LEFT JOIN (SELECT area_code, count(*) AS n FROM referrals WHERE ${fyWhere(fy)} GROUP BY area_code) r USING (area_code)`
  );
  const [{ months }] = (await sql<{ months: number }>(
    page, `SELECT count(DISTINCT date_trunc('month', referral_date))::DOUBLE AS months FROM referrals WHERE ${fyWhere(fy)}`
  )) as [{ months: number }];
  // Person-years, so a part year is annualised; the overall rate is Σ referrals ÷ Σ person-years.
  const years = months / 12;
  const overall = rows.reduce((s, r) => s + r.n, 0) / rows.reduce((s, r) => s + r.pop * years, 0);
  const outside = rows.filter((r) => {
    const { lower, upper } = byar(r.n, Z998);
    return overall < lower / (r.pop * years) || overall > upper / (r.pop * years);
  });
  expect(outside.length).toBeGreaterThan(0);
  expect(outside.length).toBeLessThan(rows.length);

  const plot = page.getByTestId('funnel-plot');
  await expect(plot).toHaveAttribute('data-outliers', String(outside.length));
  await expect(plot.locator('g.funnel-dots circle')).toHaveCount(rows.length);
  const labels = await plot.locator('g.funnel-outlier-label text').allTextContents();
  expect(labels.sort()).toEqual(outside.map((r) => r.area_name).sort());
  // The table twin says the same, area by area, with the direction.
  const marked = await page.getByTestId('funnel-table').locator('tbody tr[data-outlier="true"]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code')));
  expect(marked.sort()).toEqual(outside.map((r) => r.area_code).sort());
  for (const r of outside.slice(0, 3)) {
    const high = r.n / (r.pop * years) > overall;
    await expect(page.locator(`[data-testid="funnel-table"] tr[data-code="${r.area_code}"]`)).toHaveAttribute('data-significance', high ? 'High (0.001)' : 'Low (0.001)');
  }
  await expect(page.getByTestId('chart-frame').filter({ has: plot }).getByTestId('suppression-footnote')).toContainText('Counts of 1 to 7 are shown as *');
  await page.screenshot({ path: testInfo.outputPath('equity.png'), fullPage: true });
});

/** Decile sums from SQL, as the test's own input to sii(). */
async function decileInputs(page: Page, fy: string) {
  const [{ months }] = (await sql<{ months: number }>(
    page, `SELECT count(DISTINCT date_trunc('month', referral_date))::DOUBLE AS months FROM referrals WHERE ${fyWhere(fy)}`
  )) as [{ months: number }];
  const areas = await sql<{ decile: number; pop: number; n: number; money: number }>(
    page,
    `SELECT p.imd_decile::INTEGER AS decile, p.population::DOUBLE AS pop, coalesce(r.n, 0)::DOUBLE AS n, coalesce(f.money, 0)::DOUBLE AS money
     FROM population p
     LEFT JOIN (SELECT area_code, count(*) AS n FROM referrals WHERE ${fyWhere(fy)} GROUP BY area_code) r USING (area_code)
     LEFT JOIN (SELECT area_code, sum(amount_gbp) AS money FROM funding WHERE fy = '${fy}' GROUP BY area_code) f USING (area_code)
     WHERE p.imd_decile IS NOT NULL`
  );
  const deciles = [...new Set(areas.map((a) => a.decile))].sort((a, b) => a - b);
  const groups = deciles.map((d) => areas.filter((a) => a.decile === d));
  // Funding: the spread of areas' £ per head about their decile's figure, pooled over deciles (see gradient.ts).
  let squares = 0;
  groups.forEach((g) => {
    const mean = g.reduce((s, a) => s + a.money, 0) / g.reduce((s, a) => s + a.pop, 0);
    squares += g.reduce((s, a) => s + (a.money / a.pop - mean) ** 2, 0);
  });
  const spread = Math.sqrt(squares / (areas.length - groups.length));
  return deciles.map((d, i) => {
    const g = groups[i]!;
    const pop = g.reduce((s, a) => s + a.pop, 0);
    const n = g.reduce((s, a) => s + a.n, 0);
    const k = (1000 * 12) / months / pop;
    const ci = byar(n, Z95);
    return {
      rate: { quantile: d, population: pop, value: n * k, lower95: ci.lower * k, upper95: ci.upper * k },
      funding: { quantile: d, population: pop, value: g.reduce((s, a) => s + a.money, 0) / pop, standardError: (spread * Math.sqrt(g.reduce((s, a) => s + a.pop ** 2, 0))) / pop }
    };
  });
}

test('the SII sentences show the figures sii() gives for the SQL sums, rounded and worded by their sign', async ({ page }) => {
  const fy = await openEquity(page);
  await expect(page.getByTestId('equity-view')).toHaveAttribute('data-grouping', 'decile');
  const inputs = await decileInputs(page, fy);
  expect(inputs.length).toBeGreaterThanOrEqual(5);

  const checks = [
    { id: 'gradient-referrals', result: sii(inputs.map((q) => q.rate), { ...SII_OPTIONS, valueType: 'rate' })!, fmt: (v: number) => Math.abs(v).toFixed(1), less: 'fewer' },
    { id: 'gradient-funding', result: sii(inputs.map((q) => q.funding), { ...SII_OPTIONS, valueType: 'normal' })!, fmt: (v: number) => `£${Math.abs(v).toFixed(2)}`, less: 'less' }
  ];
  for (const { id, result, fmt, less } of checks) {
    const box = page.getByTestId(`${id}-sii`);
    await expect(box).toHaveAttribute('data-status', 'ok');
    const close = async (attr: string, expected: number) => {
      const shown = Number(await box.getAttribute(attr));
      expect(Math.abs(shown - expected), `${id} ${attr}`).toBeLessThan(1e-6 * Math.max(1, Math.abs(expected)));
    };
    const { siiLower, siiUpper } = result.limits[0]!;
    await close('data-sii', result.sii);
    await close('data-lower', siiLower);
    await close('data-upper', siiUpper);
    // SII = least deprived − most deprived: positive means the most deprived get less (fewer).
    const sentence = page.getByTestId(`${id}-sentence`);
    const word = result.sii > 0 ? less : 'more';
    await expect(sentence).toContainText(`The most deprived areas`);
    await expect(sentence).toContainText(`${fmt(result.sii)} ${word}`);
    if (siiLower > 0) await expect(sentence).toContainText(`${fmt(siiLower)} to ${fmt(siiUpper)} ${less}`);
    else if (siiUpper < 0) await expect(sentence).toContainText(`${fmt(siiUpper)} to ${fmt(siiLower)} more`);
    else await expect(sentence).toContainText(`from ${fmt(siiLower)} more to ${fmt(siiUpper)} ${less}`);
  }
});

test('quintiles, the waits funnel and the sortable fair-share table follow the URL and the keyboard', async ({ page }) => {
  await openEquity(page);
  await page.getByTestId('groups-select').selectOption('quintile');
  await expect(page).toHaveURL(/groups=quintile/);
  await expect(page.getByTestId('equity-view')).toHaveAttribute('data-grouping', 'quintile');
  await expect(page.getByTestId('gradient-referrals-table').locator('tbody tr')).toHaveCount(5);

  // A proportion funnel: areas with 1–7 long waits (and one partner) are suppressed, the rest drawn.
  await page.getByTestId('funnel-select').selectOption('wait_over_18w');
  await expect(page).toHaveURL(/funnel=wait_over_18w/);
  await expect(page.getByTestId('equity-view')).toHaveAttribute('data-funnel', 'wait_over_18w');
  const funnelRows = page.getByTestId('funnel-table').locator('tbody tr');
  await expect(funnelRows).toHaveCount(35);
  const drawn = await funnelRows.locator('xpath=self::tr[@data-suppressed="false"]').count();
  expect(drawn).toBeGreaterThan(5);
  await expect(page.getByTestId('funnel-plot').locator('g.funnel-dots circle')).toHaveCount(drawn);
  await expect(page.getByTestId('funnel-table')).toContainText('%');

  // Sort the fair-share table by £ gap from the keyboard: the largest shortfall first, then reversed.
  const table = page.getByTestId('fair-share-table');
  const gapHeader = table.locator('th', { has: page.getByTestId('fs-sort-gap') });
  await page.getByTestId('fs-sort-gap').focus();
  await page.keyboard.press('Enter');
  await expect(gapHeader).toHaveAttribute('aria-sort', 'ascending');
  const gaps = async () => (await table.locator('td[data-col="gap"]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value')))));
  const up = await gaps();
  expect(up).toHaveLength(35);
  expect(up).toEqual([...up].sort((a, b) => a - b));
  await page.keyboard.press('Enter');
  await expect(gapHeader).toHaveAttribute('aria-sort', 'descending');
  expect(await gaps()).toEqual([...up].reverse());
  // The table exports as the Map's does: its CSV has every area, each gap as the unrounded number the table holds.
  const menu = page.locator('section', { has: table }).getByTestId('export-menu');
  await menu.locator('summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), menu.locator('[data-export="csv"]').click()]);
  const csv = readFileSync((await download.path())!, 'utf8').split(/\r?\n/).filter((l) => /^[A-Z]\d{8},|,E\d{8},/.test(l));
  expect(csv).toHaveLength(35);
  // (The menu closed with the download; opened again, it offers the board pack too.)
  await menu.locator('summary').click();
  await expect(menu.locator('[data-export="board-pack"]')).toBeVisible();

  // The Gini responds to the need weights at once (no reload), and the link keeps them.
  const gini = Number(await page.getByTestId('gini').getAttribute('data-gini'));
  await page.getByTestId('weight-deprivation').fill('1');
  await expect(page).toHaveURL(/wd=1/);
  await expect(page.getByTestId('gini')).not.toHaveAttribute('data-gini', String(gini));
});

test('the age-standardised referral rate funnel shows, for an area, the dsrCi of the test\'s own SQL sums', async ({ page }) => {
  const fy = await openEquity(page);
  await page.getByTestId('funnel-select').selectOption('referral_rate_dsr');
  await expect(page).toHaveURL(/funnel=referral_rate_dsr/);
  await expect(page.getByTestId('equity-view')).toHaveAttribute('data-funnel', 'referral_rate_dsr');
  await expect(page.getByTestId('equity-view')).toHaveAttribute('data-loading', 'false');

  const areas = await sql<{ area_code: string; p0: number; p1: number; p2: number; r0: number; r1: number; r2: number }>(
    page,
    `SELECT p.area_code, p.pop_0_17::DOUBLE AS p0, p.pop_18_64::DOUBLE AS p1, p.pop_65_plus::DOUBLE AS p2,
       coalesce(r.r0, 0)::DOUBLE AS r0, coalesce(r.r1, 0)::DOUBLE AS r1, coalesce(r.r2, 0)::DOUBLE AS r2
     FROM population p LEFT JOIN (SELECT area_code,
         count(*) FILTER (WHERE age_band = '0-17') AS r0,
         count(*) FILTER (WHERE age_band IN ('18-29', '30-44', '45-64')) AS r1,
         count(*) FILTER (WHERE age_band IN ('65-74', '75+')) AS r2
       FROM referrals WHERE ${fyWhere(fy)} GROUP BY area_code) r USING (area_code)
     WHERE p.pop_0_17 > 0 AND p.pop_18_64 > 0 AND p.pop_65_plus > 0 ORDER BY p.area_code`
  );
  expect(areas.length).toBeGreaterThan(5);
  const [{ months }] = (await sql<{ months: number }>(
    page, `SELECT count(DISTINCT date_trunc('month', referral_date))::DOUBLE AS months FROM referrals WHERE ${fyWhere(fy)}`
  )) as [{ months: number }];
  // ESP2013 in the extract's bands, written out again: 0–17 = 0–14 + 3/5 of 15–19; 18–64 the rest to 64; 65+.
  const e = ESP2013;
  const standard = [e[0]! + e[1]! + e[2]! + 0.6 * e[3]!, 0.4 * e[3]! + e.slice(4, 13).reduce((s, x) => s + x, 0), e.slice(13).reduce((s, x) => s + x, 0)];
  const years = months / 12;

  const table = page.getByTestId('funnel-table');
  await expect(table.locator('tbody tr')).toHaveCount(areas.length);
  // The area with the most referrals, so its figures are certainly not suppressed.
  const area = [...areas].sort((a, b) => b.r0 + b.r1 + b.r2 - (a.r0 + a.r1 + a.r2))[0]!;
  const expected = dsrCi(
    [[area.r0, area.p0], [area.r1, area.p1], [area.r2, area.p2]].map(([count, pop], i) => ({ count: count!, population: pop! * years, standardPopulation: standard[i]! })),
    { multiplier: 1000 }
  )!;
  expect(expected.value).not.toBeNull();
  const row = table.locator(`tr[data-code="${area.area_code}"]`);
  await expect(row.getByTestId('funnel-events')).toHaveText(expected.totalCount.toLocaleString('en-GB'));
  await expect(row.getByTestId('funnel-value')).toHaveText(fmt1(expected.value));
  await expect(row.locator('td').nth(3)).toHaveText(`${fmt1(expected.lower)} to ${fmt1(expected.upper)}`);
  // Every shown area is a dot; the centre line is an age-standardised rate too.
  const shown = await table.locator('tbody tr[data-suppressed="false"]').count();
  expect(shown).toBeGreaterThan(5);
  await expect(page.getByTestId('funnel-plot').locator('g.funnel-dots circle')).toHaveCount(shown);
  await expect(page.getByTestId('chart-frame').filter({ has: page.getByTestId('funnel-plot') })).toContainText('European Standard Population 2013');
});

test('a small count is shown as * in the funnel table, gradient and CYP tables, and its dot is not drawn', async ({ page }) => {
  await openApp(page, '/data/');
  // A tiny area (decile 10, which the demo lacks) with 3 referrals in the latest year, appended through the Data page.
  const files = [
    { name: 'tiny-population.csv', text: 'area_code,area_name,population,pop_0_17,imd_decile\nE99999999,Tinytown,2000,400,10\n', table: 'population' },
    {
      name: 'tiny-referrals.csv',
      text: 'referral_id,referral_date,area_code,age_band\nTINY1,2024-05-01,E99999999,0-17\nTINY2,2024-06-01,E99999999,0-17\nTINY3,2024-07-01,E99999999,0-17\n',
      table: 'referrals'
    }
  ];
  for (const f of files) {
    await page.getByTestId('file-input').setInputFiles({ name: f.name, mimeType: 'text/csv', buffer: Buffer.from(f.text) });
    const card = page.locator(`[data-testid="file-card"][data-file="${f.name}"]`);
    await expect(card.getByTestId('kind-select')).toHaveValue(f.table);
    await card.getByLabel('Append to it').check();
    await card.getByTestId('load-button').click();
    await expect(card.getByTestId('load-report')).toHaveAttribute('data-ok', 'true');
  }
  // Client-side navigation keeps the in-memory database (a reload would start again from the demo files).
  await page.evaluate(() => {
    const a = document.createElement('a');
    a.href = '/equity/';
    a.textContent = 'Equity';
    document.body.append(a);
    a.click();
  });
  await expect(page.getByTestId('equity-view')).toHaveAttribute('data-loading', 'false');
  await expect(page.getByTestId('equity-view')).toHaveAttribute('data-fy', '2024/25');
  await openTwins(page);

  const row = page.locator('[data-testid="funnel-table"] tr[data-code="E99999999"]');
  await expect(row.getByTestId('funnel-events')).toHaveText('*');
  await expect(row.getByTestId('funnel-value')).toHaveText('*');
  await expect(row).toHaveAttribute('data-suppressed', 'true');
  // Drawn dots = rows not suppressed. Other areas are suppressed with it (secondary), so it cannot be worked
  // out from the total: one for the whole, and one more in that area's ICB, as the Map does within ICBs.
  await expect(page.getByTestId('funnel-table').locator('tbody tr')).toHaveCount(36);
  const shownRows = await page.locator('[data-testid="funnel-table"] tbody tr[data-suppressed="false"]').count();
  expect(shownRows).toBeLessThanOrEqual(34);
  expect(shownRows).toBeGreaterThanOrEqual(32);
  await expect(page.getByTestId('funnel-plot').locator('g.funnel-dots circle')).toHaveCount(shownRows);
  await expect(page.getByTestId('funnel-plot').locator('g.funnel-outlier-label text', { hasText: 'Tinytown' })).toHaveCount(0);

  // Decile 10's 3 referrals: * in the gradient table, and the referral-rate SII (built from every decile's count) withheld.
  await expect(page.locator('[data-testid="gradient-referrals-table"] tr[data-quantile="10"] [data-testid="gradient-value"]')).toHaveText('*');
  await expect(page.getByTestId('gradient-referrals-sii')).toHaveAttribute('data-status', 'suppressed');
  await expect(page.getByTestId('gradient-funding-sii')).toHaveAttribute('data-status', 'ok');
  // Children and young people: 3 of 3 aged 0–17.
  await expect(page.locator('[data-testid="cyp-table"] tr[data-code="E99999999"] [data-testid="cyp-count"]')).toHaveText('*');
  await expect(page.getByTestId('suppression-footnote').first()).toContainText('shown as *');

  // The threshold is the user's: at 2, Tinytown's 3 referrals are shown, and the footnotes say 1 to 2.
  const go = (href: string) => page.evaluate((h) => {
    const a = document.createElement('a');
    a.href = h;
    a.textContent = h;
    document.body.append(a);
    a.click();
  }, href);
  await go('/data/');
  await page.getByTestId('suppression-threshold').fill('2');
  await page.getByTestId('suppression-threshold').press('Tab');
  await expect(page.getByTestId('suppression-now')).toContainText('Counts of 1 to 2 are shown as *');
  await go('/equity/');
  await expect(page.getByTestId('equity-view')).toHaveAttribute('data-loading', 'false');
  await openTwins(page);
  await expect(row.getByTestId('funnel-events')).toHaveText('3');
  await expect(row).toHaveAttribute('data-suppressed', 'false');
  await expect(page.locator('[data-testid="cyp-table"] tr[data-code="E99999999"] [data-testid="cyp-count"]')).toHaveText('3');
  await expect(page.getByTestId('suppression-footnote').first()).toContainText('Counts of 1 to 2 are shown as *');
  // Kept for the next visit, in this browser.
  expect(await page.evaluate(() => localStorage.getItem('fairshare.suppression.max'))).toBe('2');
});

test('Equity has no WCAG A/AA violations, with every table twin open', async ({ page }) => {
  await openEquity(page);
  await expect(page.getByTestId('funnel-plot')).toBeVisible();
  await openTwins(page);
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
