import type { Page } from '@playwright/test';
import { expect, openApp } from './fixtures';

/**
 * Runs in the page (passed to locator.evaluate, so it must stand alone): every text of an SVG that
 * lies outside the SVG's box, and every two texts whose boxes overlap, by their bounding boxes.
 */
export function svgTextProblems(svg: Element): string[] {
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
      if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1) out.push(`overlap: "${texts[i]!.text}" and "${texts[j]!.text}"`);
    }
  }
  return out;
}

/** Open a view and wait for its charts; the ids of those drawn with a Plot svg, in page order. */
export async function drawnCharts(page: Page, url: string, view: string): Promise<string[]> {
  await openApp(page, url);
  await expect(page.getByTestId(view)).toHaveAttribute('data-loading', 'false');
  await expect(page.locator('[data-chart][data-state="loading"]')).toHaveCount(0);
  // Each plot is drawn once its frame's width is known: wait until every ready chart has one.
  await expect.poll(() => page.locator('[data-chart][data-state="ready"]').evaluateAll((fs) => fs.filter((f) => !f.querySelector('[data-testid="plot"] svg')).length)).toBe(0);
  return page
    .locator('[data-chart][data-state="ready"]')
    .evaluateAll((fs) => fs.filter((f) => f.querySelector('[data-testid="plot"] svg')).map((f) => f.getAttribute('data-chart')!));
}
