// A board pack as a board secretary receives it (issue 15): the map, its table, a bar chart and a funnel,
// exported as Word and PowerPoint and unzipped here. Word: a cover with the organisation and classification,
// caption fields, page-number fields, a methods annex naming each item, tables as on screen (£ and separators,
// never more decimals than shown). PowerPoint: no shape beyond the slide and no two shapes overlapping.
// Every "for print" picture fits 160 × 230 mm at 300 dpi with no text under 7 pt.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { expect, openApp, test } from './fixtures';
import { slideShapes } from '../unit/support/pptx-shapes';

const frame = (page: Page, id: string) => page.locator(`[data-testid="chart-frame"][data-chart="${id}"]`);
const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
/** Where the files are kept for looking at (docs/exports.md shows them rendered). */
const OUT = path.join(import.meta.dirname, '../../test-results/board-pack');

async function add(scope: Locator): Promise<void> {
  await scope.getByTestId('export-menu').first().locator('summary').click();
  await scope.locator('[data-export="board-pack"]').first().click();
  await expect(scope.getByTestId('export-status').first()).toContainText('Added');
}

async function download(page: Page, testid: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

/** The map, its table, a bar chart and the funnel, with the pack's words filled in. */
async function buildPack(page: Page): Promise<string[]> {
  await openApp(page, '/map/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
  const titles = [(await page.locator('#map-h').textContent())!.trim()];
  await add(page.locator('.map-col'));
  await add(page.locator('.map-head').filter({ has: page.getByRole('heading', { name: 'Table', exact: true }) }));
  await nav.getByRole('link', { name: 'Capacity' }).click();
  await expect(frame(page, 'capacity-per-1000')).toHaveAttribute('data-state', 'ready');
  titles.push((await frame(page, 'capacity-per-1000').locator('h2').first().textContent())!.trim());
  await add(frame(page, 'capacity-per-1000'));
  await nav.getByRole('link', { name: 'Equity' }).click();
  await expect(frame(page, 'equity-funnel')).toHaveAttribute('data-state', 'ready');
  titles.push((await frame(page, 'equity-funnel').locator('h2').first().textContent())!.trim());
  await add(frame(page, 'equity-funnel'));
  await nav.getByRole('link', { name: 'Board pack' }).click();
  await expect(page.getByTestId('board-item')).toHaveCount(4);
  await page.getByTestId('pack-title').fill('Social prescribing: fair shares');
  await page.getByTestId('pack-organisation').fill('NHS Test ICB');
  await page.getByTestId('pack-classification').selectOption('OFFICIAL-SENSITIVE');
  return titles;
}

test('the board pack as Word: cover, caption and page fields, methods annex, tables formatted as on screen', async ({ page }) => {
  test.setTimeout(150_000);
  const titles = await buildPack(page);
  const docx = await download(page, 'export-docx');
  mkdirSync(OUT, { recursive: true });
  writeFileSync(path.join(OUT, 'pack.docx'), docx.bytes);
  expect(docx.name).toMatch(/^social-prescribing-fair-shares_\d{4}-\d{2}-\d{2}\.docx$/);
  const zip = unzipSync(new Uint8Array(docx.bytes));
  const doc = unescapeXml(strFromU8(zip['word/document.xml']!));
  const text = (xml: string) => [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

  // The cover, before the contents: title, organisation, classification.
  const contentsAt = doc.indexOf('TOC \\h');
  expect(contentsAt).toBeGreaterThan(0);
  for (const t of ['Social prescribing: fair shares', 'NHS Test ICB', 'Classification: OFFICIAL-SENSITIVE']) expect(doc.indexOf(t), t).toBeGreaterThan(0);
  for (const t of ['Social prescribing: fair shares', 'NHS Test ICB']) expect(doc.indexOf(t)).toBeLessThan(contentsAt);
  // Captions: three figures (map, bars, funnel) and one table, each a SEQ field.
  expect(doc.match(/<w:instrText[^>]*>SEQ Figure<\/w:instrText>/g)).toHaveLength(3);
  expect(doc.match(/<w:instrText[^>]*>SEQ Table<\/w:instrText>/g)).toHaveLength(1);
  // The map's default caption is its finding, not its title again.
  expect(doc).toMatch(/receives [\d.]+% less than its fair share/);
  // Page numbers: PAGE and NUMPAGES fields in the footer, with the classification.
  const footers = Object.keys(zip).filter((k) => /^word\/footer\d+\.xml$/.test(k)).map((k) => strFromU8(zip[k]!)).join('');
  expect(footers).toMatch(/PAGE/);
  expect(footers).toMatch(/NUMPAGES/);
  expect(footers).toContain('OFFICIAL-SENSITIVE');
  expect(strFromU8(zip['word/styles.xml']!)).toContain('w:val="en-GB"');
  // The methods annex names each chart, with the map's "how this is calculated".
  const annex = doc.slice(doc.indexOf('Annex: methods and sources'));
  for (const t of titles) expect(annex, t).toContain(t);
  expect(annex).toContain('Distance from target = (actual funding − fair share) ÷ fair share');
  expect(annex).toContain('Open Government Licence');
  // The map's table as on screen: money with £ and separators, right-aligned; no more decimals than shown.
  const table = doc.slice(doc.indexOf('<w:tbl>'), doc.indexOf('</w:tbl>'));
  const rows = [...table.matchAll(/<w:tr>.*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:tc>.*?<\/w:tc>/g)].map((c) => ({ xml: c[0], text: text(c[0]) })));
  expect(rows.length).toBeGreaterThan(5);
  const head = rows[0]!.map((c) => c.text);
  const funding = head.findIndex((h) => h.startsWith('Funding'));
  expect(funding).toBeGreaterThan(0);
  for (const r of rows.slice(1)) {
    const cell = r[funding]!;
    expect(cell.text).toMatch(/^£\d{1,3}(,\d{3})*$|^\*$/);
    expect(cell.xml).toContain('<w:jc w:val="right"/>');
    for (const c of r) expect(c.text, 'no raw number with many decimals').not.toMatch(/\d\.\d{3,}/);
  }
  expect(rows.slice(1).some((r) => /^£\d{1,3},\d{3},\d{3}$/.test(r[funding]!.text))).toBe(true);
});

test('the board pack as PowerPoint: a title slide, nothing off a slide, no shapes overlapping', async ({ page }) => {
  test.setTimeout(150_000);
  const titles = await buildPack(page);
  const pptx = await download(page, 'export-pptx');
  mkdirSync(OUT, { recursive: true });
  writeFileSync(path.join(OUT, 'pack.pptx'), pptx.bytes);
  const zip = unzipSync(new Uint8Array(pptx.bytes));
  const pres = strFromU8(zip['ppt/presentation.xml']!);
  const size = pres.match(/<p:sldSz cx="(\d+)" cy="(\d+)"/)!;
  const W = +size[1]! / 914400;
  const H = +size[2]! / 914400;
  expect(W / H).toBeCloseTo(16 / 9, 2);
  const names = Object.keys(zip).filter((k) => /^ppt\/slides\/slide\d+\.xml$/.test(k)).sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));
  const slides = names.map((k) => unescapeXml(strFromU8(zip[k]!)));
  expect(slides[0]).toContain('Social prescribing: fair shares');
  expect(slides[0]).toContain('OFFICIAL-SENSITIVE');
  for (const t of titles) expect(slides.some((s) => s.includes(t)), t).toBe(true);
  for (const [i, s] of slides.entries()) {
    const shapes = slideShapes(s);
    for (const a of shapes) expect(a.x >= 0 && a.y >= 0 && a.x + a.w <= W + 1e-6 && a.y + a.h <= H + 1e-6, `slide ${i + 1}: ${a.name} inside`).toBe(true);
    for (const [j, a] of shapes.entries()) for (const b of shapes.slice(j + 1)) {
      const overlap = a.x < b.x + b.w - 1e-6 && b.x < a.x + a.w - 1e-6 && a.y < b.y + b.h - 1e-6 && b.y < a.y + a.h - 1e-6;
      expect(overlap, `slide ${i + 1}: ${a.name} over ${b.name}`).toBe(false);
    }
  }
  // Every slide after the title has its number.
  expect(slides.slice(1).every((s) => s.includes('type="slidenum"'))).toBe(true);
});
