// Labels that fit: every chart of Capacity, Waiting lists (trend, breakdown, SPC), Equity and an area
// profile, at a desktop and a phone width, has no text outside its drawing and no two labels on top of
// each other (bounding boxes measured in the page); the ranked charts take their frame's width.
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';
import { drawnCharts, svgTextProblems } from './text-boxes';

const RANKED = ['capacity-per-1000', 'service-variety', 'provider-utilisation', 'cyp-gap', 'short-term-funding', 'wellbeing-change'];

const VIEWS: [string, string][] = [
  ['/capacity/', 'capacity-view'], ['/waiting/', 'waiting-view'], ['/waiting/?by=area', 'waiting-view'],
  ['/waiting/?spc=1', 'waiting-view'], ['/equity/', 'equity-view'], ['/pathways/', 'pathways-view'], ['/area/?area=E06000009', 'area-profile']
];

const textProblems = (page: Page, chartId: string) => page.locator(`[data-chart="${chartId}"] [data-testid="plot"] svg`).first().evaluate(svgTextProblems);

for (const [name, viewport] of [['desktop', { width: 1400, height: 1000 }], ['phone', { width: 390, height: 844 }]] as const) {
  test(`Capacity's ranked charts keep their labels inside and apart (${name}, ${viewport.width} px)`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await openApp(page, '/capacity/');
    await expect(page.getByTestId('capacity-view')).toHaveAttribute('data-loading', 'false');
    for (const id of RANKED) {
      const frame = page.locator(`[data-chart="${id}"]`);
      await expect(frame).toHaveAttribute('data-state', 'ready');
      const svg = frame.locator('[data-testid="plot"] svg').first();
      // Drawn at the frame's width, not a fixed drawing shrunk to fit.
      const [svgWidth, frameWidth] = await Promise.all([svg.evaluate((s) => s.getBoundingClientRect().width), frame.evaluate((f) => f.getBoundingClientRect().width)]);
      expect(svgWidth, id).toBeGreaterThan(frameWidth * 0.8);
      expect(await svg.getAttribute('width'), id).toBe(String(Math.round(svgWidth)));
      expect(await textProblems(page, id), id).toEqual([]);
    }
  });
}

for (const [name, viewport] of [['desktop', { width: 1400, height: 1000 }], ['phone', { width: 390, height: 844 }]] as const) {
  test(`every chart of every view keeps its labels inside and apart (${name}, ${viewport.width} px)`, async ({ page }) => {
    // Six views opened one after another: ~45 s alone, more on a loaded 2-core machine.
    test.setTimeout(300_000);
    await page.setViewportSize(viewport);
    let checked = 0;
    for (const [url, view] of VIEWS) {
      for (const id of await drawnCharts(page, url, view)) {
        expect(await textProblems(page, id), `${url} ${id}`).toEqual([]);
        // Drawn at its size, never a wider drawing shrunk to fit (its text would shrink with it).
        const svg = page.locator(`[data-chart="${id}"] [data-testid="plot"] svg`).first();
        expect(Number(await svg.getAttribute('width')), `${url} ${id}`).toBeCloseTo(await svg.evaluate((x) => x.getBoundingClientRect().width), 0);
        checked++;
      }
      // Nothing makes the page scroll sideways (tables scroll in their own boxes).
      expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(viewport.width);
    }
    // Every chart kind is among them (8 on Capacity, 3 waiting charts, Equity's and the profile's).
    expect(checked).toBeGreaterThanOrEqual(16);
  });
}

test('at a phone width no view scrolls sideways, the header included', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 390, height: 844 });
  for (const url of ['/', '/map/', '/data/', '/board-pack/']) {
    await openApp(page, url);
    await expect(page.getByTestId('engine-status')).toHaveAttribute('data-status', 'ready');
    expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(390);
    // The header's links are behind its Menu button; opened, the last is on the blue bar, not off the page.
    await page.getByRole('button', { name: 'Menu' }).click();
    const last = await page.locator('nav[aria-label="Main"] a').last().boundingBox();
    expect(last!.x + last!.width, url).toBeLessThanOrEqual(390);
    const bar = await page.locator('header').boundingBox();
    expect(last!.y + last!.height, url).toBeLessThanOrEqual(bar!.y + bar!.height);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${url}, menu open`).toBeLessThanOrEqual(390);
  }
});
