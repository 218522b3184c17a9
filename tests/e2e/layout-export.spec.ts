// Labels that fit in the exports too: every chart's standalone SVG (title, subtitle, notes, source and
// the drawing, as a board paper gets it) has no text outside it and no two labels on top of each other.
import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { drawnCharts, svgTextProblems } from './text-boxes';

const VIEWS: [string, string][] = [['/capacity/', 'capacity-view'], ['/waiting/', 'waiting-view'], ['/waiting/?spc=1', 'waiting-view'], ['/equity/', 'equity-view']];

async function svgProblems(viewer: Page, svgText: string): Promise<string[]> {
  await viewer.setContent(`<!doctype html><html><body style="margin:0">${svgText}</body></html>`);
  return viewer.locator('body > svg').evaluate(svgTextProblems);
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
  expect(sizes[0]!.width).toBeGreaterThan(700);
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
