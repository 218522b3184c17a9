// Labels that fit: every chart of Capacity, Waiting lists (trend, breakdown, SPC), Equity and an area
// profile, at a desktop and a phone width, has no text outside its drawing and no two labels on top of
// each other (bounding boxes measured in the page); the ranked charts take their frame's width.
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

const RANKED = ['capacity-per-1000', 'service-variety', 'provider-utilisation', 'cyp-gap', 'short-term-funding', 'wellbeing-change'];

const VIEWS: [string, string][] = [
  ['/capacity/', 'capacity-view'], ['/waiting/', 'waiting-view'], ['/waiting/?by=area', 'waiting-view'],
  ['/waiting/?spc=1', 'waiting-view'], ['/equity/', 'equity-view'], ['/area/?area=E06000009', 'area-profile']
];

async function textProblems(page: Page, chartId: string): Promise<string[]> {
  return page.locator(`[data-chart="${chartId}"] [data-testid="plot"] svg`).first().evaluate((svg) => {
    const box = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')]
      .map((t) => ({ text: t.textContent ?? '', r: t.getBoundingClientRect() }))
      .filter((t) => t.text.trim() && t.r.width > 0);
    const out: string[] = [];
    for (const t of texts) {
      if (t.r.left < box.left - 1 || t.r.right > box.right + 1 || t.r.top < box.top - 1 || t.r.bottom > box.bottom + 1) out.push(`outside: "${t.text}"`);
    }
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i]!.r;
        const b = texts[j]!.r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1) out.push(`overlap: "${texts[i]!.text}" and "${texts[j]!.text}"`);
      }
    }
    return out;
  });
}

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
    await page.setViewportSize(viewport);
    let checked = 0;
    for (const [url, view] of VIEWS) {
      await openApp(page, url);
      await expect(page.getByTestId(view)).toHaveAttribute('data-loading', 'false');
      await expect(page.locator('[data-chart][data-state="loading"]')).toHaveCount(0);
      const ids = await page.locator('[data-chart][data-state="ready"]').evaluateAll((fs) => fs.map((f) => f.getAttribute('data-chart')!));
      for (const id of ids) {
        if (!(await page.locator(`[data-chart="${id}"] [data-testid="plot"] svg`).count())) continue;
        expect(await textProblems(page, id), `${url} ${id}`).toEqual([]);
        checked++;
      }
    }
    // Every chart kind is among them (8 on Capacity, 3 waiting charts, Equity's and the profile's).
    expect(checked).toBeGreaterThanOrEqual(16);
  });
}
