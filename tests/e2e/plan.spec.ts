// The Plan view on the demo data (issue 17): a budget and a policy typed in; the allocation table's CSV sums to
// the budget to the pound; the area furthest under target gets the largest percentage uplift; the copied link
// reproduces the scenario; an unaffordable floor says so and offers the largest affordable one; the plan's
// charts go into the board pack and the Word export. The oracles are the CSV's own numbers, not the app's code.
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { parseCsv } from './csv-file';
import { expect, openApp, openTwins, test } from './fixtures';

const frame = (page: Page, id: string) => page.locator(`[data-testid="chart-frame"][data-chart="${id}"]`);
const ready = (page: Page) => expect(page.getByTestId('plan-view')).toHaveAttribute('data-loading', 'false');

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

async function exportItem(scope: Locator, item: string): Promise<void> {
  await scope.getByTestId('export-menu').first().locator('summary').click();
  await scope.locator(`[data-export="${item}"]`).first().click();
}

/** Types a value into a box and leaves it, as a person does (the change is written when the box is left). */
async function type(page: Page, testid: string, value: string): Promise<void> {
  const box = page.getByTestId(testid);
  await box.fill(value);
  await box.press('Enter');
}

test('a budget and a policy: the CSV sums to the budget, the furthest under target gains most, and the link reproduces it', async ({ page, context }) => {
  test.setTimeout(120_000);
  await openApp(page, '/plan/');
  await ready(page);
  await page.getByTestId('budget-kind').selectOption('gbp');
  await type(page, 'budget', '48000000');
  await type(page, 'gmin', '0.5');
  await type(page, 'x', '15');
  await type(page, 'gover', '-1');
  await expect(page.getByTestId('plan-view')).toHaveAttribute('data-budget', '48000000');
  await expect(page).toHaveURL(/budget=48000000/);
  await expect(page).toHaveURL(/gmin=0\.5/);

  const section = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Allocation by area' }) });
  const csv = await download(page, () => exportItem(section, 'csv'));
  expect(csv.name).toMatch(/^plan-allocation.*\.csv$/);
  const rows = parseCsv(csv.bytes);
  const head = rows[0]!;
  const col = (name: string) => {
    const i = head.indexOf(name);
    expect(i, name).toBeGreaterThan(-1);
    return i;
  };
  const body = rows.slice(1).filter((r) => r.length === head.length);
  expect(body.length).toBeGreaterThan(10);
  const [alloc, base, floor, before, target] = [col('Allocation'), col('Baseline'), col('Floor'), col('Distance before (%)'), col('Target')];
  // Σ allocations = the budget, to the pound; every allocation at least its floor.
  expect(body.reduce((s, r) => s + Number(r[alloc]), 0)).toBe(48_000_000);
  for (const r of body) expect(Number(r[alloc])).toBeGreaterThanOrEqual(Number(r[floor]));
  // Targets are unrounded (pence and beyond), not the whole pounds shown on screen.
  expect(body.some((r) => !Number.isInteger(Number(r[target])))).toBe(true);
  // The area furthest under target in the baseline year gets the largest percentage uplift, computed from the CSV.
  const uplift = (r: string[]) => Number(r[alloc]) / Number(r[base]) - 1;
  const furthest = body.reduce((w, r) => (Number(r[before]) < Number(w[before]) ? r : w));
  const largest = body.reduce((w, r) => (uplift(r) > uplift(w) ? r : w));
  expect(largest[col('Code')]).toBe(furthest[col('Code')]);
  expect(uplift(furthest)).toBeGreaterThan(0.005);

  // The headline agrees with the table: areas more than 5% under target before, counted from the CSV.
  const underBefore = body.filter((r) => Number(r[before]) < -5).length;
  await expect(page.getByTestId('plan-headline')).toHaveAttribute('data-under-before', String(underBefore));

  // The copied link, opened in a new tab, reproduces the scenario: the same boxes and the same allocation.
  const table = async (p: Page) => p.locator('[data-testid="plan-table"] tbody tr').allTextContents();
  const shown = await table(page);
  const copy = await context.newPage();
  await openApp(copy, page.url().replace(/^https?:\/\/[^/]+/, ''));
  await ready(copy);
  await expect(copy.getByTestId('budget')).toHaveValue('48000000');
  await expect(copy.getByTestId('gover')).toHaveValue('-1');
  expect(await table(copy)).toEqual(shown);
});

test('an unaffordable floor says so and offers the largest affordable one; a second scenario is set beside the first', async ({ page }) => {
  await openApp(page, '/plan/?budget=2%25&gmin=5');
  await ready(page);
  const refused = page.getByTestId('plan-refused');
  await expect(refused).toContainText('more than the budget');
  await expect(refused).toContainText('The largest minimum uplift this budget affords is');
  await refused.getByTestId('apply-suggestion').click();
  await expect(page.getByTestId('plan-view')).toHaveAttribute('data-ok', 'true');
  const gmin = Number(await page.getByTestId('gmin').inputValue());
  expect(gmin).toBeGreaterThan(0);
  expect(gmin).toBeLessThan(5);
  // It is the largest: a fiftieth of a percent more is refused again (the over-target areas held at 0%).
  await type(page, 'gmin', String(Math.round((gmin + 0.02) * 100) / 100));
  await expect(page.getByTestId('plan-view')).toHaveAttribute('data-ok', 'false');
  await type(page, 'gmin', String(gmin));
  await expect(page.getByTestId('plan-view')).toHaveAttribute('data-ok', 'true');

  // Scenario B: the same policy with a bigger budget gives no area less than A.
  await page.getByTestId('compare').check();
  await type(page, 'b-budget', '6');
  await expect(frame(page, 'plan-ab')).toHaveAttribute('data-state', 'ready');
  await openTwins(frame(page, 'plan-ab'));
  const diffs = await page.locator('[data-testid="plan-ab-table"] [data-testid="ab-difference"]').allTextContents();
  expect(diffs.length).toBeGreaterThan(10);
  for (const d of diffs) expect(d.startsWith('−'), d).toBe(false);
  expect(diffs.some((d) => d.startsWith('+'))).toBe(true);
});

test('the plan\'s charts, each with its table twin, go into the board pack and the Word export', async ({ page }) => {
  test.setTimeout(150_000);
  await openApp(page, '/plan/');
  await ready(page);
  const titles: string[] = [];
  for (const id of ['plan-dft', 'plan-glide', 'plan-waterfall']) {
    await expect(frame(page, id)).toHaveAttribute('data-state', 'ready');
    await openTwins(frame(page, id));
    await expect(frame(page, id).locator('table')).toHaveCount(1);
    titles.push((await frame(page, id).locator('h2').first().textContent())!.trim());
    await exportItem(frame(page, id), 'board-pack');
    await expect(frame(page, id).getByTestId('export-status').first()).toContainText('Added');
  }
  // The waterfall of the area chosen: its twin's running total ends at the target share.
  await page.getByTestId('waterfall-area').selectOption({ label: 'Blackpool' });
  await expect(frame(page, 'plan-waterfall').locator('h2').first()).toContainText("Blackpool's target share");

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Board pack' }).click();
  await expect(page.getByTestId('board-item')).toHaveCount(3);
  const docx = await download(page, () => page.getByTestId('export-docx').click());
  const doc = strFromU8(unzipSync(new Uint8Array(docx.bytes))['word/document.xml']!).replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  for (const t of titles) expect(doc, t).toContain(t);
  expect(doc.match(/<w:instrText[^>]*>SEQ Figure<\/w:instrText>/g)).toHaveLength(3);
  // The methods annex carries the planner's method in plain words.
  const annex = doc.slice(doc.indexOf('Annex: methods and sources'));
  expect(annex).toContain('goes to the areas furthest below their targets first');
});

test('the Plan view has no WCAG 2.2 A/AA violations, scenario B and table twins open, at a desktop and a phone width', async ({ page }) => {
  test.setTimeout(150_000);
  const check = async (label: string) => {
    for (const s of await page.locator('details.twin summary, [data-testid="plan-method"] summary').all()) await s.click();
    const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(violations.map((v) => `${label} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  };
  await openApp(page, '/plan/?b=1&b_budget=5%25&gmax=6');
  await ready(page);
  await expect(frame(page, 'plan-ab')).toHaveAttribute('data-state', 'ready');
  await check('desktop');
  // Keyboard: the budget box is reached with Tab and a value typed there is applied with Enter.
  await page.getByTestId('budget').focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('4');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]budget=4%25/);

  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page, page.url().replace(/^https?:\/\/[^/]+/, ''));
  await ready(page);
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth), 'no sideways scroll').toBeLessThanOrEqual(0);
  await check('390 px');
});
