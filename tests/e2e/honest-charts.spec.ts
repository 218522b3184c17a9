// Honest charts (issue 15, item 5) on every view of the demo: one minus sign (no hyphen-minus before a digit
// or £ in any chart's text or table cell), one date style (no ISO date shown), every chart's drawing named
// (not a key swatch), round numbers in the map's legend, and service variety drawn alike on Capacity and Equity.
import type { Locator, Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

const VIEWS: { path: string; ready: (page: Page) => Promise<void>; negatives?: boolean }[] = [
  { path: '/', ready: async (page) => { await expect(page.getByTestId('key-figures')).toBeVisible(); } },
  // The demo's distances from target and funding gaps are negative for some areas: the scan must see them.
  { path: '/map/?area=E06000009', negatives: true, ready: async (page) => { await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false'); } },
  { path: '/area/?area=E06000009', ready: async (page) => { await expect(page.getByTestId('area-profile')).toHaveAttribute('data-loading', 'false'); } },
  { path: '/equity/', negatives: true, ready: async (page) => { await expect(page.getByTestId('equity-view')).toHaveAttribute('data-loading', 'false'); } },
  { path: '/capacity/', ready: async (page) => { await expect(page.getByTestId('capacity-view')).toHaveAttribute('data-loading', 'false'); } },
  { path: '/waiting/', ready: async (page) => { await expect(page.getByTestId('chart-frame').first()).toHaveAttribute('data-state', 'ready'); } }
];

/** Every frame has finished drawing (none loading). */
async function settled(page: Page): Promise<void> {
  await expect(page.locator('[data-testid="chart-frame"][data-state="loading"]')).toHaveCount(0);
}

/** The text a reader sees in the charts and tables: headings, subtitles, keys, notes, drawings, every table cell. */
async function shownTexts(page: Page): Promise<string[]> {
  return page.locator('main').evaluate((main) => {
    const out: string[] = [];
    const take = (sel: string) => main.querySelectorAll(sel).forEach((e) => out.push((e.textContent ?? '').replace(/\s+/g, ' ').trim()));
    take(':is(h2, h3, p, li, figcaption)');
    take('svg text');
    take('td, th');
    take('[data-testid="key-figures"] *');
    take('dd, dt');
    return out.filter(Boolean);
  });
}

/** A hyphen-minus used as a minus: before a digit or £, and not between two letters or digits (0-17, Stockton-on-Tees). */
const HYPHEN_MINUS = /(^|[^\p{L}\p{N}])-(?=[\d£])/u;
/** An ISO date or month shown to a reader. */
const ISO_DATE = /\b\d{4}-\d{2}(-\d{2})?\b/;

for (const view of VIEWS) {
  test(`${view.path}: negatives use the minus sign (−) and dates read "31 Mar 2025" / "Mar 2025"`, async ({ page }) => {
    await openApp(page, view.path);
    await view.ready(page);
    await settled(page);
    const texts = await shownTexts(page);
    expect(texts.length).toBeGreaterThan(5);
    expect(texts.filter((t) => HYPHEN_MINUS.test(t)), 'texts with a hyphen-minus for a minus').toEqual([]);
    expect(texts.filter((t) => ISO_DATE.test(t)), 'texts with an ISO date').toEqual([]);
    if (view.negatives) expect(texts.filter((t) => /\u2212[\d£]/.test(t)).length, 'negative figures, written with −').toBeGreaterThan(0);
  });

  test(`${view.path}: every chart's drawing carries its accessible name; key swatches are decorative`, async ({ page }) => {
    await openApp(page, view.path);
    await view.ready(page);
    await settled(page);
    const frames = page.locator('[data-testid="chart-frame"][data-state="ready"]');
    const n = await frames.count();
    for (let i = 0; i < n; i++) {
      const frame = frames.nth(i);
      const plot = frame.getByTestId('plot');
      if (!(await plot.count())) continue;
      const title = (await frame.locator('h2').first().textContent())!.trim();
      const drawing = plot.locator('svg[role="img"]');
      await expect(drawing, title).toHaveCount(1);
      const label = (await drawing.getAttribute('aria-label')) ?? '';
      expect(label.startsWith(title), `${title}: "${label}"`).toBe(true);
      // Any other svg in the plot (Plot's key swatches) is hidden from assistive technology and unnamed.
      const others = await plot.locator('svg:not([role="img"])').evaluateAll((svgs) =>
        svgs.map((s) => ({ hidden: s.getAttribute('aria-hidden'), label: s.getAttribute('aria-label'), size: s.getBoundingClientRect().width })));
      for (const o of others) expect(o, title).toMatchObject({ hidden: 'true', label: null });
      // The chart's own key: swatches hidden, never named after the chart.
      const swatches = await frame.locator('ul.key .mark').evaluateAll((ms) => ms.map((m) => ({ hidden: m.getAttribute('aria-hidden'), label: m.getAttribute('aria-label') })));
      for (const s of swatches) expect(s, title).toEqual({ hidden: 'true', label: null });
    }
  });
}

test('Capacity: the places and accepted referrals key has swatches, and the chart (not a swatch) is named', async ({ page }) => {
  await openApp(page, '/capacity/');
  await expect(page.getByTestId('capacity-view')).toHaveAttribute('data-loading', 'false');
  const frame = page.locator('[data-testid="chart-frame"][data-chart="capacity-by-month"]');
  await expect(frame).toHaveAttribute('data-state', 'ready');
  const swatches = frame.getByTestId('plot').locator('svg:not([role="img"])');
  expect(await swatches.count()).toBeGreaterThanOrEqual(2);
  const named = frame.locator('svg[aria-label]');
  await expect(named).toHaveCount(1);
  expect((await named.evaluate((s) => s.getBoundingClientRect().width))).toBeGreaterThan(200);
  await expect(named).toHaveAttribute('aria-label', /^Provider places and accepted referrals by month\./);
});

/** The bars of a bar chart, top to bottom: fill and length. */
async function bars(frame: Locator): Promise<{ fill: string; width: number }[]> {
  return frame.locator('svg[role="img"] rect').evaluateAll((rs) =>
    rs.map((r) => ({ y: r.getBoundingClientRect().y, fill: getComputedStyle(r).fill, width: r.getBoundingClientRect().width }))
      .filter((r) => r.width > 0)
      .sort((a, b) => a.y - b.y)
      .map(({ fill, width }) => ({ fill, width })));
}

test('service variety is one colour and one order on Capacity and Equity: the measure\'s blue, the most categories at the top', async ({ page }) => {
  await openApp(page, '/capacity/');
  await expect(page.getByTestId('capacity-view')).toHaveAttribute('data-loading', 'false');
  const capacity = page.locator('[data-testid="chart-frame"][data-chart="service-variety"]');
  await expect(capacity).toHaveAttribute('data-state', 'ready');
  const onCapacity = await bars(capacity);

  await openApp(page, '/equity/');
  await expect(page.getByTestId('equity-view')).toHaveAttribute('data-loading', 'false');
  const equity = page.locator('[data-testid="chart-frame"][data-chart="equity-variety"]');
  await expect(equity).toHaveAttribute('data-state', 'ready');
  const onEquity = await bars(equity);

  expect(onCapacity.length).toBeGreaterThan(3);
  expect(onEquity.length).toBeGreaterThan(3);
  // #0072B2, the palette's 'measure' (docs/palette.md).
  expect(new Set(onCapacity.map((b) => b.fill))).toEqual(new Set(['rgb(0, 114, 178)']));
  expect(new Set(onEquity.map((b) => b.fill))).toEqual(new Set(['rgb(0, 114, 178)']));
  for (const list of [onCapacity, onEquity]) {
    const widths = list.map((b) => b.width);
    expect(widths, 'longest bar first').toEqual([...widths].sort((a, b) => b - a));
  }
});
