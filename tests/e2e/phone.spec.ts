// A phone (390 × 844 CSS px, an iPhone 12-14): the header's links fold into a menu that works from the
// keyboard and the mouse; no view scrolls sideways, with its menus open, a load report and a board pack
// item shown (wide tables scroll in their own keyboard-reachable box); chart text is at least 11 px as
// drawn on the screen (its computed size times the scale its drawing is shown at).
import type { Locator, Page } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, openApp, test } from './fixtures';
import { svgTextProblems } from './text-boxes';

const PHONE = { width: 390, height: 844 };
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** Every view, and what says it has finished loading (null: the engine being ready is enough). */
export const PHONE_VIEWS: [string, string | null][] = [
  ['/', 'key-figures'], ['/map/', 'map-view'], ['/map/?shape=hex&area=E06000009', 'map-view'], ['/waiting/', 'waiting-view'],
  ['/waiting/?by=area', 'waiting-view'], ['/waiting/?spc=1', 'waiting-view'], ['/capacity/', 'capacity-view'],
  ['/equity/', 'equity-view'], ['/pathways/', 'pathways-view'], ['/area/?area=E06000009', 'area-profile'], ['/data/', null], ['/board-pack/', null]
];

/** Open a view and wait until it and its charts have loaded and every ready chart is drawn. */
export async function openView(page: Page, url: string, view: string | null): Promise<void> {
  await openApp(page, url);
  if (view === 'key-figures') await expect(page.getByTestId(view)).toBeVisible();
  else if (view) await expect(page.getByTestId(view)).toHaveAttribute('data-loading', 'false');
  await expect(page.locator('[data-chart][data-state="loading"]')).toHaveCount(0);
  await expect.poll(() => page.locator('[data-chart][data-state="ready"]').evaluateAll((fs) => fs.filter((f) => !f.querySelector('[data-testid="plot"] svg')).length)).toBe(0);
}

/** How far the page scrolls sideways, CSS px (0 when it does not). */
const sideways = (page: Page) => page.evaluate(() => {
  const s = document.scrollingElement!;
  return s.scrollWidth - s.clientWidth;
});

/**
 * Runs in the page: the smallest on-screen size of the text of every chart (Plot drawings with their
 * colour keys, the map's key), each text's computed font-size times the scale its SVG is drawn at.
 */
/**
 * One chart's smallest text as drawn on screen, CSS px (null when it has none). Runs in the page on the chart's
 * element, which the test has scrolled into view: a frame out of sight is not laid out (content-visibility in
 * ChartFrame.svelte), and a drawing made there measures 0 px wide until it comes near the window.
 */
function smallestChartText(chart: Element): { where: string; text: string; px: number } | null {
  const where = chart.closest('[data-chart]')?.getAttribute('data-chart') ?? chart.getAttribute('data-testid') ?? '?';
  let smallest: { text: string; px: number } | null = null;
  for (const svg of chart.querySelectorAll('svg')) {
    const shown = svg.getBoundingClientRect().width;
    const drawn = svg.viewBox.baseVal && svg.viewBox.baseVal.width > 0 ? svg.viewBox.baseVal.width : shown;
    const scale = shown / drawn;
    for (const t of svg.querySelectorAll('text')) {
      const text = t.textContent?.trim() ?? '';
      if (!text || t.getBoundingClientRect().width === 0) continue;
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (!smallest || px < smallest.px) smallest = { text, px };
    }
  }
  // A key written in HTML beside the drawing (Plot's colour swatches).
  for (const el of chart.querySelectorAll('figure > div, figure > div span')) {
    const text = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').trim();
    if (!text) continue;
    const px = parseFloat(getComputedStyle(el).fontSize);
    if (!smallest || px < smallest.px) smallest = { text, px };
  }
  return smallest ? { where, ...smallest } : null;
}

test.describe('at 390 × 844', () => {
  test.use({ viewport: PHONE });

  test('the header folds into a menu that opens and closes by keyboard and mouse', async ({ page }) => {
    await openApp(page, '/equity/');
    const button = page.getByRole('button', { name: 'Menu' });
    await expect(button).toBeVisible();
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    // The button controls the main navigation, hidden while closed.
    const nav = page.locator(`#${await button.getAttribute('aria-controls')}`);
    await expect(nav).toHaveAttribute('aria-label', 'Main');
    await expect(nav).toBeHidden();
    const links = nav.locator('a');
    await expect(links.first()).toBeHidden();

    // Keyboard: Tab reaches the button (after the skip link and the name), Enter opens, Tab goes into the
    // links, Escape closes and puts focus back on the button; Space opens it again.
    for (let i = 0; i < 5 && !(await button.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(button).toBeFocused();
    // Its focus can be seen: the app's focus ring (a yellow outline) is drawn.
    expect(await button.evaluate((b) => getComputedStyle(b).outlineStyle)).toBe('solid');
    await page.keyboard.press('Enter');
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await expect(links).toHaveCount(11); // Overview … Equity, Pathways, Plan, Data quality, Board pack, Data and SQL
    for (const l of await links.all()) {
      await expect(l).toBeVisible();
      const box = (await l.boundingBox())!;
      expect(box.x >= 0 && box.x + box.width <= PHONE.width, await l.textContent() ?? '').toBe(true);
    }
    await expect(nav.locator('[aria-current="page"]')).toHaveText('Equity');
    await page.keyboard.press('Tab');
    await expect(links.first()).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(links.nth(1)).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(links.first()).toBeHidden();
    await expect(button).toBeFocused();
    await page.keyboard.press(' ');
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('Escape');
    await expect(button).toBeFocused();
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(await sideways(page)).toBeLessThanOrEqual(0);

    // Mouse: a click opens and closes it; a link goes to its page, which the menu then marks, closed.
    await button.click();
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await button.click();
    await expect(links.first()).toBeHidden();
    await button.click();
    await nav.getByRole('link', { name: 'Waiting lists' }).click();
    await expect(page).toHaveURL(/\/waiting\/$/);
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(links.first()).toBeHidden();
    await button.click();
    await expect(nav.locator('[aria-current="page"]')).toHaveText('Waiting lists');
    // Keyboard navigation closes it too.
    await nav.getByRole('link', { name: 'Data', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/data\/$/);
    await expect(button).toHaveAttribute('aria-expanded', 'false');
  });

  test('no view scrolls sideways, its menus open', async ({ page }) => {
    test.setTimeout(300_000);
    for (const [url, view] of PHONE_VIEWS) {
      await openView(page, url, view);
      expect(await sideways(page), url).toBeLessThanOrEqual(0);
      // Each filter list and export menu, opened in turn.
      for (const d of await page.locator('details.multi, [data-testid="export-menu"]').all()) {
        if (!(await d.isVisible())) continue;
        await d.locator('summary').first().click();
        expect(await sideways(page), `${url} with a menu open`).toBeLessThanOrEqual(0);
        await d.locator('summary').first().click();
      }
    }
  });

  test('a figure in a table is never broken across lines: a negative gap keeps its sign beside it', async ({ page }) => {
    await openView(page, '/', 'key-figures');
    const cells = await page.locator('[data-testid="gaps-table"] td.num').evaluateAll((tds) => tds.map((td) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      return { text: td.textContent ?? '', lines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size };
    }));
    expect(cells.some((c) => c.text.startsWith('\u2212£')), 'the demo has a negative gap').toBe(true);
    expect(cells.filter((c) => c.lines !== 1)).toEqual([]);
  });

  test('wide tables scroll in their own box, which the keyboard reaches; a load report and a board pack item too', async ({ page }) => {
    test.setTimeout(180_000);
    /** Every table shown: whether it is wider than the box it sits in, and whether that box is a named region in the Tab order, inside the page. */
    const wideTables = (p: Page) => p.locator('table').evaluateAll((ts) => ts.filter((t) => t.getBoundingClientRect().width > 0).map((t) => {
      const box = t.closest('[role="region"]') as HTMLElement | null;
      const container = box ?? t.parentElement!;
      return {
        table: t.getAttribute('data-testid') ?? t.querySelector('caption')?.textContent?.slice(0, 40) ?? '?',
        wider: t.getBoundingClientRect().width > container.clientWidth + 1,
        region: !!box && box.tabIndex === 0 && !!box.getAttribute('aria-label') && box.getBoundingClientRect().right <= document.documentElement.clientWidth + 1
      };
    }));
    const check = async (where: string) => {
      const tables = await wideTables(page);
      for (const t of tables) if (t.wider) expect(t.region, `${where}: ${t.table}`).toBe(true);
      expect(await sideways(page), where).toBeLessThanOrEqual(0);
      return tables;
    };

    // The map's table, the fair-share table, the area profile, the twins of Capacity.
    await openView(page, '/map/', 'map-view');
    expect((await check('map')).some((t) => t.wider), 'the map table is wider than a phone').toBe(true);
    // Reached with Tab and scrolled with the arrow keys.
    const region = page.locator('[role="region"]').filter({ has: page.getByTestId('map-table') });
    await region.focus();
    await expect(region).toBeFocused();
    const before = await region.evaluate((r) => r.scrollLeft);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((r) => r.scrollLeft)).toBeGreaterThan(before);
    await openView(page, '/equity/', 'equity-view');
    await check('equity');
    await openView(page, '/area/?area=E06000009', 'area-profile');
    await check('area profile');
    await openView(page, '/capacity/', 'capacity-view');
    for (const s of await page.locator('details.twin summary').all()) await s.click();
    await check('capacity, twins open');

    // A load report with rows not loaded, and the column mapping.
    await openApp(page, '/data/');
    await page.getByTestId('file-input').setInputFiles(path.join(fixtures, 'referrals-excel-messy.csv'));
    await page.getByTestId('load-button').click();
    await expect(page.getByTestId('load-report')).toBeVisible();
    const mapping = page.getByText('Column mapping');
    if (!(await page.getByTestId('mapping-table').isVisible())) await mapping.click();
    await check('data, load report and mapping');
    // The mapping and the rows not loaded read as a block a row on a phone: no select or problem past the screen's edge.
    for (const id of ['mapping-table', 'problems-table']) {
      const right = await page.getByTestId(id).first().evaluate((t) => Math.max(...[...t.querySelectorAll('td, select')].map((e) => e.getBoundingClientRect().right)));
      expect(right, id).toBeLessThanOrEqual(PHONE.width);
    }
    await expect(page.getByTestId('problems-table').locator('td[data-label="Line"]').first()).toHaveCSS('display', 'block');

    // A board pack item with its table, reached through the menu.
    await openView(page, '/map/', 'map-view');
    await addToPack(page.locator('.map-col'));
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Board pack' }).click();
    const item = page.getByTestId('board-item').first();
    await item.getByLabel('Both').check();
    await expect(item.locator('table')).toBeVisible();
    await check('board pack');
  });

  test('chart text is at least 11 px on screen, keys and the map key included', async ({ page }) => {
    test.setTimeout(300_000);
    let charts = 0;
    for (const [url, view] of PHONE_VIEWS) {
      if (url === '/data/' || url === '/board-pack/') continue;
      await openView(page, url, view);
      for (const chart of await page.locator('[data-testid="plot"], [data-testid="map-legend"]').all()) {
        await chart.scrollIntoViewIfNeeded();
        const c = await chart.evaluate(smallestChartText);
        if (!c) continue;
        // 0.05 px for the drawing's width, a whole number of px, against the frame's exact width.
        expect(c.px, `${url} ${c.where}: "${c.text}"`).toBeGreaterThanOrEqual(11 - 0.05);
        charts++;
      }
    }
    expect(charts).toBeGreaterThanOrEqual(20);
    // A tip shown on a chart (pointing at a month of the trend) is as large.
    await openView(page, '/waiting/', 'waiting-view');
    const svg = page.locator('[data-chart="waiting-trend"] [data-testid="plot"] svg').first();
    await svg.scrollIntoViewIfNeeded();
    const box = (await svg.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
    const tip = svg.locator('g[aria-label="tip"] text');
    await expect(tip.first()).toBeVisible();
    for (const px of await tip.evaluateAll((ts) => ts.map((t) => parseFloat(getComputedStyle(t).fontSize)))) expect(px).toBeGreaterThanOrEqual(11);
  });
});

test('the map\'s key is drawn at its width on a phone, its labels apart, for every measure and colouring', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize(PHONE);
  for (const measure of ['dft', 'funding_per_head', 'gap_gbp', 'referral_rate', 'median_wait_days', 'short_term_share']) {
    for (const classing of ['continuous', 'quantile']) {
      await openView(page, `/map/?measure=${measure}&classing=${classing}`, 'map-view');
      const key = page.getByTestId('map-legend').locator('svg');
      // Its own width (no 400 px drawing shrunk): text at its 12 px, within the key and not on one another.
      const [width, shown] = await key.evaluate((s: SVGSVGElement) => [s.viewBox.baseVal.width, s.getBoundingClientRect().width]);
      expect(Math.abs(width - shown), `${measure} ${classing}`).toBeLessThanOrEqual(1);
      expect(await key.evaluate(svgTextProblems), `${measure} ${classing}`).toEqual([]);
      // Both ends of a colour ramp stay labelled.
      if (classing === 'continuous') expect(await key.locator('text').count(), measure).toBeGreaterThanOrEqual(3);
    }
  }
});

async function addToPack(scope: Locator) {
  await scope.getByTestId('export-menu').first().locator('summary').click();
  await scope.locator('[data-export="board-pack"]').first().click();
  await expect(scope.getByTestId('export-status').first()).toContainText('Added');
}

test('at a desktop width the links show on the bar, and there is no menu button', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openApp(page, '/capacity/');
  await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden();
  const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
  await expect(links).toHaveCount(11); // Overview … Equity, Pathways, Plan, Data quality, Board pack, Data and SQL
  for (const l of await links.all()) await expect(l).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]')).toHaveText('Capacity');
  // All on the one line of the bar beside the name.
  const tops = await links.evaluateAll((ls) => ls.map((l) => Math.round(l.getBoundingClientRect().top)));
  expect(new Set(tops).size).toBe(1);
});

test.describe('at 360 × 740', () => {
  test.use({ viewport: { width: 360, height: 740 } });
  test('the Pathways view does not scroll sideways: its long service names stay inside their card', async ({ page }) => {
    await openView(page, '/pathways/', 'pathways-view');
    expect(await sideways(page)).toBeLessThanOrEqual(0);
  });
});

test('the Plan on a phone: no chart\'s words on one another or outside it, and the distance axis has a scale', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await openView(page, '/plan/', 'plan-view');
  const drawings = page.locator('[data-chart] [data-testid="plot"] svg');
  expect(await drawings.count()).toBeGreaterThanOrEqual(3);
  for (const svg of await drawings.all()) {
    await svg.scrollIntoViewIfNeeded();
    const chart = await svg.evaluate((s) => s.closest('[data-chart]')?.getAttribute('data-chart') ?? '?');
    expect(await svg.evaluate(svgTextProblems), chart).toEqual([]);
  }
  // The dumbbell (distance from target before and after): a scale of at least three percentages.
  const ticks = await page.locator('[data-chart] [data-testid="plot"] svg').first().evaluate((s) =>
    [...s.querySelectorAll('g[aria-label="x-axis tick label"] text')].map((t) => t.textContent));
  expect(ticks.length, ticks.join(' ')).toBeGreaterThanOrEqual(3);
});
