// The Pathways view on the demo data: the flows, the outcome rates and their sentence, drawn with table
// twins; flow counts checked against SQL; a small flow shown as * with no band; every chart exported.
import type { Download, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, loadFixture, openApp, openTwins, test } from './fixtures';

type Q = { __fairshare: { query: (sql: string) => Promise<Record<string, unknown>[]> } };
const sql = <T>(page: Page, q: string) => page.evaluate((s) => (window as unknown as Q).__fairshare.query(s), q) as Promise<T[]>;
const CHARTS = ['referral-flows', 'outcome-by-source', 'outcome-by-service', 'provider-map', 'access-distance'];
const frame = (page: Page, id: string) => page.locator(`[data-testid="chart-frame"][data-chart="${id}"]`);

async function openPathways(page: Page, query = '') {
  await openApp(page, `/pathways/${query}`);
  await expect(page.getByTestId('pathways-view')).toHaveAttribute('data-loading', 'false');
  // The tests read the charts' tables: open them, as a user would (a twin's table is made while it is open).
  await openTwins(page);
}

/** To the view by its link, as a user goes (the data just loaded stays in the page). */
async function goToPathways(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pathways' }).click();
  await expect(page.getByTestId('pathways-view')).toHaveAttribute('data-loading', 'false');
  await openTwins(page);
}

/** The titles of the bands drawn in the flow diagram ("GP → arts and culture: 1,234 referrals"). */
const bandTitles = (page: Page) => frame(page, 'referral-flows').locator('g[aria-label="link"] path title').allTextContents();

test('the flows, the outcome charts and their twins are drawn; counts match SQL; the sentence names hospital referrals', async ({ page }) => {
  await openPathways(page);
  for (const id of CHARTS) {
    await expect(frame(page, id), id).toHaveAttribute('data-state', 'ready');
    await expect(frame(page, id).locator('svg[role="img"]'), id).toHaveCount(1);
    await openTwins(frame(page, id));
    await expect(frame(page, id).locator('table tbody tr').first(), id).toBeAttached();
  }
  // Source → service, straight from the referrals table: every pair in the twin, and a band for each.
  const pairs = await sql<{ s: string; c: string; n: number }>(page, `SELECT referral_source AS s, service_category AS c, count(*)::INTEGER AS n
    FROM referrals GROUP BY ALL ORDER BY n DESC`);
  const twin = frame(page, 'referral-flows').locator('table');
  for (const p of pairs.slice(0, 5)) {
    const row = twin.locator(`tr[data-step="0"][data-from="${p.s}"][data-to="${p.c}"]`);
    await expect(row.getByTestId('flow-count')).toHaveText(p.n.toLocaleString('en-GB'));
  }
  const titles = await bandTitles(page);
  expect(titles).toContain(`${pairs[0]!.s} → ${pairs[0]!.c}: ${pairs[0]!.n.toLocaleString('en-GB')} referrals`);
  expect(titles.length).toBe(await twin.locator('tbody tr').count());

  // Hospital referrals are the demo's story: declined about twice as often as GP referrals.
  const sentence = frame(page, 'outcome-by-source').getByTestId('source-excess');
  await expect(sentence).toHaveAttribute('data-group', 'hospital');
  await expect(sentence).toContainText(/^Hospital referrals are declined .* as often as GP referrals/);
  const [h] = await sql<{ rate: number }>(page, `SELECT (count(*) FILTER (WHERE status = 'declined') / count(*) FILTER (WHERE status IS NOT NULL AND status <> 'waiting'))::DOUBLE AS rate
    FROM referrals WHERE referral_source = 'hospital'`);
  await expect(frame(page, 'outcome-by-source').locator('tr[data-key="hospital"] td[data-col="rate"]')).toHaveText(`${(h!.rate * 100).toFixed(1)}%`);

  // Another outcome: the charts follow the choice, kept in the URL.
  await page.getByTestId('outcome-select').selectOption('lost');
  await expect(page).toHaveURL(/outcome=lost/);
  await expect(frame(page, 'outcome-by-source').locator('h2')).toHaveText('Declined, did not attend or withdrawn: rate by referral source');
});

test('a small flow shows * and no band', async ({ page }) => {
  // One small area over one month: some flows of a handful of referrals.
  await openPathways(page, '?areas=E07000124&from=2024-06&to=2024-06');
  await expect(frame(page, 'referral-flows')).toHaveAttribute('data-state', 'ready');
  await openTwins(frame(page, 'referral-flows'));
  const hidden = frame(page, 'referral-flows').locator('tbody tr').filter({ has: page.locator('[data-testid="flow-count"]', { hasText: /^\*$/ }) });
  expect(await hidden.count()).toBeGreaterThan(0);
  await expect(frame(page, 'referral-flows').getByTestId('hidden-flows')).toContainText('too small to show');
  const titles = await bandTitles(page);
  for (const row of await hidden.all()) {
    const from = await row.getAttribute('data-from');
    const to = await row.getAttribute('data-to');
    expect(titles.some((t) => t.startsWith(`${from} → ${to}:`)), `${from} → ${to} has no band`).toBe(false);
  }
  // The shown rows and the bands are the same flows.
  expect(titles.length).toBe(await frame(page, 'referral-flows').locator('tbody tr').count() - await hidden.count());
});

test('every chart exports as PNG, SVG and CSV with its numbers', async ({ page }) => {
  // Fifteen files, each drawn afresh: a minute on a busy 2-core machine.
  test.setTimeout(180_000);
  await openPathways(page);
  for (const id of CHARTS) {
    for (const kind of ['png-screen', 'svg', 'csv']) {
      const menu = frame(page, id).getByTestId('export-menu');
      await menu.locator('summary').click();
      const [download] = await Promise.all([page.waitForEvent('download'), menu.locator(`[data-export="${kind}"]`).click()]);
      const bytes = readFileSync((await (download as Download).path())!);
      // The menu closes once the file is made: wait for it, or the next click could open it just before it closes.
      await expect(menu.locator('[data-export="csv"]')).toBeHidden();
      if (kind === 'png-screen') expect(bytes.subarray(0, 8).toString('hex'), id).toBe('89504e470d0a1a0a');
      if (kind === 'svg') {
        const text = bytes.toString('utf8');
        expect(text, id).toContain('<svg');
        // The title, as XML writes it.
        expect(text, id).toContain((await frame(page, id).locator('h2').textContent())!.replaceAll("'", '&apos;'));
      }
      if (kind === 'csv') {
        const text = bytes.toString('utf8');
        expect(text, id).toMatch({ 'referral-flows': /Stage,From,To,Referrals/, 'provider-map': /Provider,Service category,Sector,Area,Latitude,Longitude/, 'access-distance': /Area,.*children and young people \(km\)/ }[id] ?? /Rate/);
        if (id === 'outcome-by-source') expect(text).toMatch(/\nhospital,/);
      }
    }
  }
});

test('partnership reach on the Map and in the profile: St Helens, referred by GPs only, has no referrals from outside primary care', async ({ page }) => {
  await openApp(page, '/map/?measure=outside_primary_care');
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
  const fy = (await page.getByTestId('map-view').getAttribute('data-fy'))!;
  const row = page.getByTestId('map-table').locator('tr[data-code="E08000013"]');
  await expect(row.getByTestId('cell-value')).toHaveText('0.0%');
  // Worst (lowest) of all: rank 1.
  await expect(row.locator('td[data-col="rank"]')).toHaveText('1');
  // Another area's share, from SQL: referrals with a source other than GP over those with a source.
  const [w] = await sql<{ share: number }>(page, `SELECT (count(*) FILTER (WHERE referral_source <> 'GP') / count(referral_source))::DOUBLE AS share
    FROM referrals WHERE area_code = 'E08000015' AND fs_fy_of(referral_date) = '${fy}'`);
  await expect(page.getByTestId('map-table').locator('tr[data-code="E08000015"]').getByTestId('cell-value')).toHaveText(`${(w!.share * 100).toFixed(1)}%`);
  await page.getByTestId('measure-select').selectOption('referring_sources');
  await expect(row.getByTestId('cell-value')).toHaveText('1');

  await openApp(page, '/area/?area=E08000013');
  await expect(page.getByTestId('area-profile')).toHaveAttribute('data-loading', 'false');
  await expect(page.getByTestId('profile-table').locator('tr[data-measure="referring_sources"]').getByTestId('profile-value')).toContainText('1');
  await expect(page.getByTestId('profile-table').locator('tr[data-measure="outside_primary_care"]').getByTestId('profile-value')).toContainText('0.0%');
  await expect(page.getByTestId('profile-table').locator('tr[data-measure="receiving_sectors"]')).toBeVisible();
});

/** The test's own haversine, km: [lat, lon] pairs (R = 6,371.0088 km). */
function haversineKm([la1, lo1]: [number, number], [la2, lo2]: [number, number]): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(r(la2 - la1) / 2) ** 2 + Math.cos(r(la1)) * Math.cos(r(la2)) * Math.sin(r(lo2 - lo1) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

test('access: providers on a map, and the coastal areas far from any children and young people\'s service, on the view and the Map', async ({ page }) => {
  await openPathways(page);
  const map = frame(page, 'provider-map');
  await expect(map).toHaveAttribute('data-state', 'ready');
  await openTwins(map);
  const [{ n }] = (await sql<{ n: number }>(page, `SELECT count(DISTINCT provider_id)::INTEGER AS n FROM providers WHERE latitude IS NOT NULL`)) as [{ n: number }];
  await expect(map.getByTestId('provider-map-graphic')).toHaveAttribute('data-points', String(n));
  await expect(map.locator('table tbody tr')).toHaveCount(n);
  await expect(map.locator('g[aria-label="dot"] circle')).toHaveCount(n);

  // Wirral's centre (the committed reference) to the nearest children and young people's service, worked here.
  const centre = readFileSync(new URL('../../data/reference/lad-centres.csv', import.meta.url), 'utf8').split('\n').find((l) => l.startsWith('E08000015,'))!.split(',');
  const cyp = await sql<{ lat: number; lon: number }>(page, `SELECT latitude AS lat, longitude AS lon FROM providers WHERE service_category = 'children and young people'`);
  const km = Math.min(...cyp.map((q) => haversineKm([Number(centre[2]), Number(centre[3])], [q.lat, q.lon])));
  expect(km).toBeGreaterThan(20);
  const distance = frame(page, 'access-distance');
  await expect(distance).toHaveAttribute('data-state', 'ready');
  await openTwins(distance);
  await expect(distance.locator('tr[data-key="E08000015"] td[data-col="km-children and young people"]')).toHaveText(km.toFixed(1));
  await expect(distance.getByTestId('access-far')).toContainText(`Wirral (${km.toFixed(1)} km)`);
  // A shorter distance names more areas; kept in the URL.
  await page.getByTestId('km-input').fill('60');
  await page.getByTestId('km-input').press('Enter');
  await expect(page).toHaveURL(/km=60/);
  await expect(distance.getByTestId('access-far')).toContainText('further than 60 km');

  await openApp(page, '/map/?measure=cyp_distance_km');
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
  await expect(page.getByTestId('map-table').locator('tr[data-code="E08000015"]').getByTestId('cell-value')).toHaveText(`${km.toFixed(1)} km`);
});

test('a providers file without coordinates says what to add instead of an empty access map', async ({ page }) => {
  await openApp(page, '/data/');
  await loadFixture(page, 'providers-utf16.txt');
  await goToPathways(page);
  await expect(page.getByTestId('access-no-coordinates')).toContainText('add latitude and longitude (or eastings and northings) to the providers extract');
  await expect(frame(page, 'provider-map')).toHaveCount(0);
  await expect(frame(page, 'access-distance')).toHaveCount(0);
  // The rest of the view still works.
  await expect(frame(page, 'referral-flows')).toHaveAttribute('data-state', 'ready');
});

test('providers located by British National Grid eastings and northings are placed; one off the grid is reported', async ({ page }) => {
  const expected = JSON.parse(readFileSync(new URL('../fixtures/expected.json', import.meta.url), 'utf8'))['providers-bng.csv'];
  await openApp(page, '/data/');
  await loadFixture(page, 'providers-bng.csv');
  await goToPathways(page);
  const map = frame(page, 'provider-map');
  await expect(map).toHaveAttribute('data-state', 'ready');
  await openTwins(map);
  await expect(map.locator('table tbody tr')).toHaveCount(3);
  for (const [id, at] of Object.entries(expected.located) as [string, { latitude: number; longitude: number }][]) {
    const row = map.locator(`tr[data-key="${id}"]`);
    await expect(row.locator('td[data-col="from"]')).toHaveText('easting and northing');
    // Within about 10 m of the position the grid reference was made from.
    expect(Math.abs(Number(await row.locator('td[data-col="lat"]').textContent()) - at.latitude), id).toBeLessThan(1.5e-4);
    expect(Math.abs(Number(await row.locator('td[data-col="lon"]').textContent()) - at.longitude), id).toBeLessThan(1.5e-4);
  }
  await expect(page.getByTestId('access-unplaced')).toContainText('BNG004: easting and northing are outside the British National Grid');
});

test('providers over the Map: one Tab stop, arrow keys between them, Enter selects the area each serves; a table twin', async ({ page }) => {
  await openApp(page, '/map/?measure=cyp_distance_km');
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
  await page.getByTestId('providers-toggle').check();
  await expect(page).toHaveURL(/providers=1/);
  const [{ n }] = (await sql<{ n: number }>(page, `SELECT count(DISTINCT provider_id)::INTEGER AS n FROM providers WHERE latitude IS NOT NULL`)) as [{ n: number }];
  const dots = page.getByTestId('map-providers').locator('circle[data-provider]');
  await expect(dots).toHaveCount(n);
  await expect(page.getByTestId('map-providers-table').locator('tbody tr')).toHaveCount(n);
  await expect(page.getByTestId('provider-key')).toContainText('children and young people');
  // One dot in the Tab order; the arrows move focus to another, whose name the tooltip shows.
  await expect(page.getByTestId('map-providers').locator('circle[tabindex="0"]')).toHaveCount(1);
  const first = page.getByTestId('map-providers').locator('circle[tabindex="0"]');
  await first.focus();
  const key0 = await first.getAttribute('data-provider');
  await expect(page.getByTestId('provider-tooltip')).toHaveAttribute('data-provider', key0!);
  await page.keyboard.press('ArrowDown');
  const moved = await page.evaluate(() => document.activeElement?.getAttribute('data-provider'));
  expect(moved).toBeTruthy();
  expect(moved).not.toBe(key0);
  const [p] = await sql<{ name: string; area: string }>(page, `SELECT any_value(provider_name) AS name, any_value(area_code) AS area FROM providers WHERE provider_id = '${moved}'`);
  await expect(page.getByTestId('provider-tooltip')).toContainText(p!.name);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`area=${p!.area}`));
});
