// Exports for board papers (issue 6): each chart and the map as PNG (pixel size from the IHDR chunk),
// standalone SVG (parsed as XML, drawn as an image on its own) and CSV (the numbers drawn); hostile
// provider names neutralised in CSV and inert in SVG; a board pack of three items as .docx and .pptx
// (unzipped here), and as PDF through LibreOffice where it is installed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Download, Locator, Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { parseCsv } from './csv-file';
import { expect, openApp, openTwins, test } from './fixtures';

type Q = { __fairshare: { query: (sql: string) => Promise<Record<string, unknown>[]> } };
const sql = <T>(page: Page, q: string) => page.evaluate((s) => (window as unknown as Q).__fairshare.query(s), q) as Promise<T[]>;
const frame = (page: Page, id: string) => page.locator(`[data-testid="chart-frame"][data-chart="${id}"]`);

/** WCAG 2.2 A/AA violations, as tests/e2e/accessibility.spec.ts checks them. */
async function violations(page: Page): Promise<string[]> {
  const { violations: v } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return v.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Console errors fail the test that made them. */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

async function exportFrom(page: Page, scope: Locator, kind: string): Promise<{ name: string; bytes: Buffer }> {
  const menu = scope.getByTestId('export-menu').first();
  await menu.locator('summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), menu.locator(`[data-export="${kind}"]`).click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync((await (download as Download).path())!) };
}

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Parse the SVG as standalone XML and draw it as an image, in the page (DOMParser, <img>). */
async function checkSvg(page: Page, text: string) {
  return page.evaluate(async (svg) => {
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const root = doc.documentElement;
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    const img = new Image();
    img.src = url;
    let drawn = 0;
    try {
      await img.decode();
      drawn = img.naturalWidth;
    } catch {
      drawn = -1;
    }
    URL.revokeObjectURL(url);
    return {
      parseError: doc.getElementsByTagName('parsererror').length,
      root: root.localName,
      ns: root.namespaceURI,
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      title: doc.querySelector('title')?.textContent ?? '',
      texts: [...doc.querySelectorAll('text')].map((t) => t.textContent ?? ''),
      scripts: doc.getElementsByTagNameNS('http://www.w3.org/2000/svg', 'script').length + doc.getElementsByTagName('script').length,
      foreign: doc.getElementsByTagName('foreignObject').length,
      handlers: [...doc.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
      styleSheets: doc.getElementsByTagName('style').length,
      outsideRefs: [...doc.querySelectorAll('[href], [*|href]')].filter((e) => !(e.getAttribute('href') ?? e.getAttributeNS('http://www.w3.org/1999/xlink', 'href') ?? '#').startsWith('#')).length,
      drawn
    };
  }, text);
}


const plain = (s: string) => s.replace(/,/g, '').replace('\u2212', '-');

test('a trend chart exports as PNG at two sizes, standalone SVG and the CSV of the numbers drawn', async ({ page, context }) => {
  const errors = watchConsole(page);
  await openApp(page, '/waiting/');
  const trend = frame(page, 'waiting-trend');
  await expect(trend).toHaveAttribute('data-state', 'ready');
  const title = (await trend.locator('h2').textContent())!.trim();

  // The menu is a keyboard-operable disclosure with an accessible name.
  const summary = trend.getByTestId('export-menu').locator('summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(trend.getByRole('group', { name: `Export ${title}` })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(trend.locator('[data-export="png-screen"]')).toBeFocused();
  expect(await violations(page), 'the open menu').toEqual([]);
  await page.keyboard.press('Escape');
  await expect(trend.getByRole('group', { name: `Export ${title}` })).toBeHidden();
  await expect(summary).toBeFocused();

  const svg = await exportFrom(page, trend, 'svg');
  expect(svg.name).toBe('waiting-trend_2022-04-to-2025-03.svg');
  const parsed = await checkSvg(page, svg.bytes.toString('utf8'));
  expect(parsed).toMatchObject({ parseError: 0, root: 'svg', ns: 'http://www.w3.org/2000/svg', title, scripts: 0, foreign: 0, handlers: 0, styleSheets: 0, outsideRefs: 0 });
  expect(parsed.drawn).toBeGreaterThan(0);
  expect(parsed.texts).toContain(title);
  expect(parsed.texts.join(' ')).toContain('Apr 2022 to Mar 2025');
  expect(parsed.texts.some((t) => t.startsWith('Source: '))).toBe(true);
  expect(parsed.texts.join(' ')).toContain('shown as * to protect privacy');
  // The axis labels are in it as text, as drawn on screen.
  expect(parsed.texts).toContain('10,000');

  const screen = await exportFrom(page, trend, 'png-screen');
  expect(screen.name).toBe('waiting-trend_2022-04-to-2025-03.png');
  expect(pngSize(screen.bytes)).toEqual({ width: parsed.width * 2, height: parsed.height * 2 });
  const print = await exportFrom(page, trend, 'png-print');
  expect(print.name).toBe('waiting-trend_2022-04-to-2025-03_300dpi.png');
  const printSize = pngSize(print.bytes);
  expect(printSize.width).toBe(1890);
  expect(Math.abs(printSize.height - Math.round((parsed.height * 1890) / parsed.width))).toBeLessThanOrEqual(1);
  await expect(trend.getByTestId('export-status')).toContainText('1890 × ');

  // CSV: the table twin's numbers, unformatted, and nothing else.
  const csv = parseCsv((await exportFrom(page, trend, 'csv')).bytes);
  await openTwins(trend);
  const table = trend.getByTestId('waiting-trend-table');
  const head = (await table.locator('thead th').allTextContents()).map((s) => s.trim());
  const body = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
  expect(csv[0]).toEqual(head);
  expect(csv.slice(1).map((r) => r.map(plain))).toEqual(body.map((r) => r.map((c) => (c === '–' ? '' : plain(c)))));
  expect(csv.length).toBeGreaterThan(30);

  const noted = parseCsv((await exportFrom(page, trend, 'csv-notes')).bytes);
  expect(noted[0]).toEqual([title]);
  expect(noted.findIndex((r) => r[0] === 'Month')).toBeGreaterThan(3);
  expect(noted.some((r) => r[0]!.startsWith('Source: '))).toBe(true);

  // Copy image: offered where the browser has ClipboardItem (Chromium does), and a PNG lands on the clipboard.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await expect(trend.locator('[data-export="copy"]')).toHaveCount(1);
  await trend.getByTestId('export-menu').locator('summary').click();
  await trend.locator('[data-export="copy"]').click();
  await expect(trend.getByTestId('export-status')).toContainText('Image copied');
  const types = await page.evaluate(async () => (await navigator.clipboard.read()).flatMap((i) => [...i.types]));
  expect(types).toContain('image/png');
  expect(errors).toEqual([]);
});

test('the map exports as PNG, SVG and CSV, with the values each area is coloured by', async ({ page }) => {
  const errors = watchConsole(page);
  await openApp(page, '/map/?measure=dft&fy=2024/25');
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
  const col = page.locator('.map-col');
  await expect(col.getByTestId('export-menu')).toBeVisible();
  const title = (await page.locator('#map-h').textContent())!.trim();

  const svg = await exportFrom(page, col, 'svg');
  expect(svg.name).toBe('dft-by-area_2024-25.svg');
  const parsed = await checkSvg(page, svg.bytes.toString('utf8'));
  expect(parsed).toMatchObject({ parseError: 0, root: 'svg', title, scripts: 0, foreign: 0, handlers: 0, styleSheets: 0, outsideRefs: 0 });
  expect(parsed.drawn).toBeGreaterThan(0);
  expect(parsed.texts).toContain(title);
  expect(parsed.texts).toContain('No value');
  // Every area is drawn in the SVG with its fill from the page (scoped CSS inlined).
  const text = svg.bytes.toString('utf8');
  const fills = await page.locator('[data-testid="map-svg"] path.area').evaluateAll((ps) => ps.map((p) => p.getAttribute('fill')));
  for (const f of fills.filter((x) => x && x.startsWith('#'))) expect(text).toContain(`fill="${f}"`);
  expect(text, 'the grey context areas keep their colour from scoped CSS').toContain('fill:rgb(227, 232, 234)');

  const print = await exportFrom(page, col, 'png-print');
  expect(print.name).toBe('dft-by-area_2024-25_300dpi.png');
  // A tall region: drawn to fit a page (230 mm at 300 dpi), so the picture is as tall as a page, not as wide as the column.
  const printed = pngSize(print.bytes);
  expect(printed.width).toBeLessThanOrEqual(1890);
  expect(printed.height).toBeLessThanOrEqual(2717);
  expect(printed.width === 1890 || printed.height === 2717).toBe(true);
  const screen = await exportFrom(page, col, 'png-screen');
  expect(pngSize(screen.bytes)).toEqual({ width: parsed.width * 2, height: parsed.height * 2 });

  const csv = parseCsv((await exportFrom(page, col, 'csv')).bytes);
  expect(csv[0]!.slice(0, 3)).toEqual(['Area', 'Code', 'Distance from target (% above (+) or below (−) fair share)']);
  const drawn = await page.locator('[data-testid="map-svg"] path.area').evaluateAll((ps) => ps.map((p) => [p.getAttribute('data-code'), p.getAttribute('data-value')]));
  expect(drawn.length).toBeGreaterThan(10);
  const byCode = new Map(csv.slice(1).map((r) => [r[1], r[2]]));
  for (const [code, value] of drawn) {
    if (value === '') expect(['', '*'], code!).toContain(byCode.get(code!));
    // The drawing carries the fraction; the CSV's heading says %, and it holds percentages.
    else expect(Number(byCode.get(code!)), code!).toBeCloseTo(Number(value) * 100, 9);
  }
  expect(csv.length - 1).toBe(await page.getByTestId('map-table').locator('tbody tr').count());

  // The table has its own menu: CSV and "add table to board pack", no pictures.
  const tableMenu = page.getByTestId('export-menu').nth(1);
  await tableMenu.locator('summary').click();
  await expect(tableMenu.locator('[data-export="csv"]')).toBeVisible();
  await expect(tableMenu.locator('[data-export="png-screen"]')).toHaveCount(0);
  await expect(tableMenu.locator('[data-export="board-pack"]')).toHaveText(/Add table to board pack/);
  expect(errors).toEqual([]);
});

test('hostile provider names are neutralised in CSV and inert in SVG', async ({ page }) => {
  const errors = watchConsole(page);
  await openApp(page, '/data/');
  const top = await sql<{ provider_id: string }>(page, `SELECT provider_id FROM referrals WHERE provider_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 3`);
  const names = ['=HYPERLINK("http://x","y")', '<script>alert(1)</script>', '@SUM(1+1) & Sons'];
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const csv = ['provider_id,provider_name,sector,service_category,area_code,monthly_capacity,link_worker_fte,contract_start,contract_end',
    ...top.map((p, i) => `${p.provider_id},${q(names[i]!)},VCSE,green and nature,E06000009,40,1,2022-04-01,2025-03-31`)].join('\n') + '\n';
  await page.getByTestId('file-input').setInputFiles({ name: 'hostile-providers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const card = page.locator('[data-testid="file-card"][data-file="hostile-providers.csv"]');
  await expect(card.getByTestId('kind-select')).toHaveValue('providers');
  await card.getByTestId('load-button').click();
  await expect(card.getByTestId('load-report')).toHaveAttribute('data-ok', 'true');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Capacity' }).click();
  await expect(page.getByTestId('capacity-view')).toHaveAttribute('data-loading', 'false');
  const util = frame(page, 'provider-utilisation');
  await expect(util).toHaveAttribute('data-state', 'ready');
  await expect(util.locator('svg[role="img"]')).toContainText('<script>alert(1)</script>');

  const rows = parseCsv((await exportFrom(page, util, 'csv')).bytes);
  const providers = rows.slice(1).map((r) => r[0]);
  expect(providers).toContain(`'=HYPERLINK("http://x","y")`);
  expect(providers).toContain(`'@SUM(1+1) & Sons`);
  expect(providers).toContain('<script>alert(1)</script>');
  for (const r of rows) for (const c of r) expect(c, 'no cell Excel would run as a formula').not.toMatch(/^[=+@\t\r]|^-(?!\d)/);

  const svg = (await exportFrom(page, util, 'svg')).bytes.toString('utf8');
  expect(svg).not.toContain('<script');
  expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  const parsed = await checkSvg(page, svg);
  expect(parsed).toMatchObject({ parseError: 0, scripts: 0, foreign: 0, handlers: 0 });
  expect(parsed.texts).toContain('<script>alert(1)</script>');
  expect(parsed.texts).toContain('=HYPERLINK("http://x","y")');
  expect(parsed.drawn).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});

/** LibreOffice, where installed (CI may add it: apt-get install -y libreoffice-impress libreoffice-writer). */
const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice'].find((p) => existsSync(p)) ?? null;

async function buildPack(page: Page, errors: string[]): Promise<string[]> {
  await openApp(page, '/waiting/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  const add = async (scope: Locator) => {
    await scope.getByTestId('export-menu').first().locator('summary').click();
    await scope.locator('[data-export="board-pack"]').first().click();
    await expect(scope.getByTestId('export-status').first()).toContainText('Added');
  };
  await expect(frame(page, 'waiting-trend')).toHaveAttribute('data-state', 'ready');
  await add(frame(page, 'waiting-trend'));
  await nav.getByRole('link', { name: 'Map' }).click();
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
  await add(page.locator('.map-col'));
  await nav.getByRole('link', { name: 'Capacity' }).click();
  await expect(page.getByTestId('capacity-view')).toHaveAttribute('data-loading', 'false');
  await expect(frame(page, 'capacity-per-1000')).toHaveAttribute('data-state', 'ready');
  await add(frame(page, 'capacity-per-1000'));
  await nav.getByRole('link', { name: 'Board pack' }).click();
  const items = page.getByTestId('board-item');
  await expect(items).toHaveCount(3);
  await expect(page.getByTestId('board-item-image')).toHaveCount(3);
  // Captions, then the map moved to the top with the keyboard.
  const captions = ['Waits keep rising: CAPTION-ONE', 'Sefton furthest below fair share: CAPTION-TWO', 'Capacity per 1,000: CAPTION-THREE'];
  for (let i = 0; i < 3; i++) await items.nth(i).getByTestId('caption').fill(captions[i]!);
  await items.nth(1).locator('[data-move="up"]').focus();
  await page.keyboard.press('Enter');
  await expect(items.first()).toHaveAttribute('data-chart', 'dft-by-area');
  await expect(items.first().locator('[data-move="down"]')).toBeFocused();
  await expect(page.getByTestId('board-pack-status')).toContainText('moved to position 1 of 3');
  // Showing an item's table as well; the page has no WCAG A/AA violations.
  await items.nth(1).getByLabel('Both').check();
  await expect(items.nth(1).locator('table')).toBeVisible();
  expect(await violations(page), 'the board pack page').toEqual([]);
  await items.nth(1).getByLabel('Chart', { exact: true }).check();
  expect(errors).toEqual([]);
  return [captions[1]!, captions[0]!, captions[2]!];
}

async function downloadPack(page: Page, kind: 'docx' | 'pptx'): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${kind}`).click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
}

const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

test('a board pack of three charts exports as Word and PowerPoint with the images, captions and alt text', async ({ page }) => {
  const errors = watchConsole(page);
  const captions = await buildPack(page, errors);

  const docx = await downloadPack(page, 'docx');
  expect(docx.name).toMatch(/^board-pack_\d{4}-\d{2}-\d{2}\.docx$/);
  const dz = unzipSync(new Uint8Array(docx.bytes));
  const media = Object.keys(dz).filter((k) => k.startsWith('word/media/') && k.endsWith('.png'));
  expect(media).toHaveLength(3);
  for (const m of media) {
    const { width, height } = pngSize(Buffer.from(dz[m]!));
    expect(width === 1890 || height === 2717, `${m}: ${width} × ${height}`).toBe(true);
  }
  const doc = unescapeXml(strFromU8(dz['word/document.xml']!));
  const at = captions.map((c) => doc.indexOf(c));
  expect(at.every((i) => i > 0)).toBe(true);
  expect([...at].sort((a, b) => a - b)).toEqual(at);
  expect(doc.match(/<wp:docPr [^>]*descr="[^"]+"/g)).toHaveLength(3);
  expect(doc).toContain('Source: ');
  expect(doc).toContain('shown as * to protect privacy');

  const pptx = await downloadPack(page, 'pptx');
  expect(pptx.name).toMatch(/^board-pack_\d{4}-\d{2}-\d{2}\.pptx$/);
  const pz = unzipSync(new Uint8Array(pptx.bytes));
  expect(Object.keys(pz).filter((k) => k.startsWith('ppt/media/') && k.endsWith('.png'))).toHaveLength(3);
  const slides = Object.keys(pz).filter((k) => /^ppt\/slides\/slide\d+\.xml$/.test(k)).sort();
  // A title slide and a contents slide, one slide per chart, then the methods.
  expect(slides.length).toBeGreaterThanOrEqual(6);
  captions.forEach((c, i) => {
    const slide = unescapeXml(strFromU8(pz[`ppt/slides/slide${i + 3}.xml`]!));
    expect(slide).toContain(c);
    expect(slide).toMatch(/<p:cNvPr [^>]*descr="[^"]+"/);
  });
  expect(unescapeXml(strFromU8(pz['ppt/notesSlides/notesSlide3.xml']!))).toContain(captions[0]);

  // Print view: no navigation; each item kept whole on a page, small ones sharing one.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('header')).toBeHidden();
  await expect(page.getByTestId('export-docx')).toBeHidden();
  await expect(page.getByTestId('board-item').nth(1)).toHaveCSS('break-inside', 'avoid');
  await expect(page.getByTestId('board-item').nth(1)).not.toHaveCSS('break-before', 'page');
  await page.emulateMedia({ media: null });
  // Chromium's own "Save as PDF" of the print view: the pack's title and three items, none forced onto a page of its own.
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  const pages = pdf.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
  expect(pages).toBeGreaterThanOrEqual(2);
  expect(pages).toBeLessThanOrEqual(4);
  expect(errors).toEqual([]);
});

if (soffice) {
  test('LibreOffice opens the board pack: Word with its cover, contents and annex; every slide of PowerPoint', async ({ page }) => {
    test.setTimeout(240_000);
    const errors = watchConsole(page);
    await buildPack(page, errors);
    const dir = mkdtempSync(path.join(tmpdir(), 'fairshare-pack-'));
    for (const kind of ['docx', 'pptx'] as const) {
      const file = path.join(dir, `pack.${kind}`);
      writeFileSync(file, (await downloadPack(page, kind)).bytes);
      execFileSync(soffice, ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 120_000 });
      const pdf = readFileSync(path.join(dir, `pack.pdf`)).toString('latin1');
      const pages = pdf.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
      if (kind === 'pptx') expect(pages, 'a PDF page per slide').toBe(Object.keys(unzipSync(new Uint8Array(readFileSync(file)))).filter((k) => /^ppt\/slides\/slide\d+\.xml$/.test(k)).length);
      // Cover, contents, the three charts, the annex.
      else expect(pages, 'docx pages').toBeGreaterThanOrEqual(4);
      for (const f of readdirSync(dir)) if (f.endsWith('.pdf')) writeFileSync(path.join(dir, f), '');
    }
  });
}
