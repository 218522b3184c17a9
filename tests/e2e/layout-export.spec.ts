// Labels that fit in the exports too: every chart's standalone SVG (title, subtitle, notes, source and
// the drawing, as a board paper gets it) has no text outside it and no two labels on top of each other.
// Print sizes that fit (issue 15): every "for print" PNG fits 160 × 230 mm at 300 dpi (1890 × 2717 px) and
// the smallest text of the SVG it is drawn from prints at 7 pt or more at that size.
import { readFileSync } from 'node:fs';
import type { Download, Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { drawnCharts, svgTextProblems } from './text-boxes';

const VIEWS: [string, string][] = [['/capacity/', 'capacity-view'], ['/waiting/', 'waiting-view'], ['/waiting/?spc=1', 'waiting-view'], ['/equity/', 'equity-view']];

async function svgProblems(viewer: Page, svgText: string): Promise<string[]> {
  await viewer.setContent(`<!doctype html><html><body style="margin:0">${svgText}</body></html>`);
  return viewer.locator('body > svg').evaluate(svgTextProblems);
}

/** The PNG's width and height from its IHDR chunk. */
const pngSize = (b: Buffer) => ({ width: b.readUInt32BE(16), height: b.readUInt32BE(20) });

/** The smallest text of an SVG once drawn `pixelWidth` px wide at 300 dpi, in points (each <text> as the browser computes it). */
async function smallestPt(viewer: Page, svgText: string, pixelWidth: number): Promise<{ pt: number; text: string }> {
  await viewer.setContent(`<!doctype html><html><body style="margin:0">${svgText}</body></html>`);
  const { px, text, width } = await viewer.locator('body > svg').evaluate((svg) => {
    let min = { px: Infinity, text: '' };
    for (const t of svg.querySelectorAll('text')) {
      if (!(t.textContent ?? '').trim() || t.getBBox().width === 0) continue;
      const px = parseFloat(getComputedStyle(t).fontSize);
      if (px < min.px) min = { px, text: t.textContent ?? '' };
    }
    return { ...min, width: (svg as SVGSVGElement).viewBox.baseVal.width };
  });
  return { pt: ((px * pixelWidth) / width) * (72 / 300), text };
}

async function exportOf(page: Page, scope: Locator, kind: 'svg' | 'png-print'): Promise<Buffer> {
  const menu = scope.getByTestId('export-menu').first();
  await menu.locator('summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), menu.locator(`[data-export="${kind}"]`).click()]);
  return readFileSync((await (download as Download).path())!);
}

/** A print PNG fits 160 × 230 mm at 300 dpi and its SVG's smallest text prints at 7 pt or more. */
async function expectPrintable(page: Page, viewer: Page, scope: Locator, what: string): Promise<void> {
  const svg = (await exportOf(page, scope, 'svg')).toString('utf8');
  const png = pngSize(await exportOf(page, scope, 'png-print'));
  expect(png.width, `${what}: width`).toBeLessThanOrEqual(1890);
  expect(png.height, `${what}: height`).toBeLessThanOrEqual(2717);
  expect(Math.max(png.width, png.height), `${what}: fills the column or the page`).toBeGreaterThanOrEqual(1880);
  const small = await smallestPt(viewer, svg, png.width);
  expect(small.pt, `${what}: "${small.text}" prints at ${small.pt.toFixed(2)} pt`).toBeGreaterThanOrEqual(7);
}

test('every chart kind\'s SVG export keeps its labels inside and apart', async ({ page, context }) => {
  test.setTimeout(180_000);
  const viewer = await context.newPage();
  let checked = 0;
  for (const [url, view] of VIEWS) {
    for (const id of await drawnCharts(page, url, view)) {
      const frame = page.locator(`[data-chart="${id}"]`);
      const menu = frame.getByTestId('export-menu').first();
      await menu.locator('summary').click();
      const [download] = await Promise.all([page.waitForEvent('download'), menu.locator('[data-export="svg"]').click()]);
      const svg = readFileSync((await (download as Download).path())!, 'utf8');
      expect(await svgProblems(viewer, svg), `${url} ${id}`).toEqual([]);
      checked++;
    }
  }
  expect(checked).toBeGreaterThanOrEqual(14);
});

test('every "for print" PNG fits 160 × 230 mm at 300 dpi, its text at 7 pt or more: each chart kind and the map', async ({ page, context }) => {
  test.setTimeout(360_000);
  const viewer = await context.newPage();
  let checked = 0;
  for (const [url, view] of VIEWS) {
    for (const id of await drawnCharts(page, url, view)) {
      await expectPrintable(page, viewer, page.locator(`[data-chart="${id}"]`), `${url} ${id}`);
      checked++;
    }
  }
  expect(checked).toBeGreaterThanOrEqual(14);
  // The map of a tall region is drawn smaller so it fits the page, at every level.
  await page.goto('/map/');
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
  await expectPrintable(page, viewer, page.locator('.map-col'), 'map');
});

test('a chart exported from a phone is the same picture as from a desktop: the export is drawn from the chart\'s spec at a fixed width', async ({ page }) => {
  const sizes: { width: number; labels: string[] }[] = [];
  for (const width of [1400, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await drawnCharts(page, '/capacity/', 'capacity-view');
    const frame = page.locator('[data-chart="capacity-per-1000"]');
    const menu = frame.getByTestId('export-menu').first();
    await menu.locator('summary').click();
    const [download] = await Promise.all([page.waitForEvent('download'), menu.locator('[data-export="svg"]').click()]);
    const svg = readFileSync((await (download as Download).path())!, 'utf8');
    const labels = [...svg.matchAll(/<text[^>]*>([^<]+)<\/text>/g)].map((m) => m[1]!).filter((t) => !t.startsWith('Exported'));
    sizes.push({ width: Number(/<svg[^>]* width="([\d.]+)"/.exec(svg)![1]), labels });
  }
  // The on-screen chart is ~340 px wide on the phone; the export is not.
  expect(sizes[1]!.width).toBe(sizes[0]!.width);
  expect(sizes[0]!.width).toBeGreaterThanOrEqual(700);
  expect(sizes[1]!.labels).toEqual(sizes[0]!.labels);
});

test('a chart with a colour key exports its swatches as swatches, not as boxes filling the picture', async ({ page }) => {
  await drawnCharts(page, '/capacity/', 'capacity-view');
  const menu = page.locator('[data-chart="capacity-by-month"]').getByTestId('export-menu').first();
  await menu.locator('summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), menu.locator('[data-export="svg"]').click()]);
  const svg = readFileSync((await (download as Download).path())!, 'utf8');
  const rects = [...svg.matchAll(/<rect\b[^>]*>/g)].map((m) => m[0]);
  // Each key entry is a 15 px swatch (Plot's <rect width="100%"> inside its own little <svg>), never a % of the picture.
  expect(rects.filter((r) => /width="15" height="15"/.test(r))).toHaveLength(2);
  expect(rects.filter((r) => /(width|height)="[\d.]+%"/.test(r))).toEqual([]);
});
