// The board pack's Word and PowerPoint builders run in Node too: each makes a zip with the parts
// Office needs, the images (with alternative text), captions in order, notes and source lines.
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from 'vitest';
import type { BoardItem } from '../../src/lib/export/board-item';
import { boardPackDocx, COLUMN_PX, placedSize } from '../../src/lib/export/board-pack-docx';
import { boardPackPptx, fitImage } from '../../src/lib/export/board-pack-pptx';
import { pngSize } from '../../src/lib/export/png';
import { makePng } from './support/export-png';

const item = (n: number, extra: Partial<BoardItem> = {}): BoardItem => ({
  id: `id-${n}`, chartId: `chart-${n}`, title: `Chart ${n} <b>&</b>`, subtitle: `Apr 2022 to Mar 2025 · areas: Area ${n}`,
  notes: [`Note ${n}`], footnote: 'Counts of 1 to 7 are shown as * to protect privacy.', source: `Source: file-${n}.csv (loaded 24 Nov 2026); Fairshare`,
  alt: `Alt text ${n}`, png: makePng(1890, 900 + n), pngWidth: 1890, pngHeight: 900 + n, svg: '<svg xmlns="http://www.w3.org/2000/svg"/>',
  fileBase: `chart-${n}_2022-04-to-2025-03`, table: [[{ text: 'Area' }, { text: 'Value' }], [{ text: `Area ${n}` }, { text: '1,234', raw: '1234' }], [{ text: 'Other' }, { text: '*' }]],
  caption: `CAPTION-${n}: what the board should see`, show: 'chart', addedAt: '2026-11-24T00:00:00Z', ...extra
});
const info = { title: 'Lancashire board pack', subtitle: 'Prepared 24 November 2026 with Fairshare · 3 items' };
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

test('Word: A4, one item a page, three images 160 mm wide with alt text, captions in order', async () => {
  const zip = unzipSync(await boardPackDocx([item(1), item(2), item(3)], info));
  for (const part of ['[Content_Types].xml', 'word/document.xml', 'word/_rels/document.xml.rels', 'docProps/core.xml']) expect(zip[part], part).toBeDefined();
  const media = Object.keys(zip).filter((k) => k.startsWith('word/media/'));
  expect(media).toHaveLength(3);
  for (const m of media) expect(pngSize(zip[m]!).width).toBe(1890);
  const doc = unescape(strFromU8(zip['word/document.xml']!));
  expect(doc).toContain('<w:pgSz w:w="11906" w:h="16838"');
  const at = [1, 2, 3].map((n) => doc.indexOf(`CAPTION-${n}`));
  expect(at.every((i) => i > 0) && at[0]! < at[1]! && at[1]! < at[2]!).toBe(true);
  expect(doc.match(/<w:pageBreakBefore\/>/g)).toHaveLength(2);
  for (const n of [1, 2, 3]) {
    expect(doc).toContain(`descr="Alt text ${n}"`);
    expect(doc).toContain(`Chart ${n} <b>&</b>`);
    expect(doc).toContain(`Source: file-${n}.csv`);
    expect(doc).toContain(`Note ${n}`);
  }
  expect(doc).toContain('Counts of 1 to 7 are shown as *');
  expect(doc).toContain('Lancashire board pack');
  // The image fills the 160 mm column: docx's pixels are 96 to the inch.
  expect(doc).toContain(`<wp:extent cx="${COLUMN_PX * 9525}"`);
  expect(unescape(strFromU8(zip['docProps/core.xml']!))).toContain('<dc:title>Lancashire board pack</dc:title>');
});

test('Word: an item shown as a table gets a real table and no image', async () => {
  const zip = unzipSync(await boardPackDocx([item(1, { show: 'table' }), item(2, { show: 'both' })], info));
  expect(Object.keys(zip).filter((k) => k.startsWith('word/media/'))).toHaveLength(1);
  const doc = strFromU8(zip['word/document.xml']!);
  expect(doc.match(/<w:tbl>/g)).toHaveLength(2);
  expect(doc).toContain('<w:t xml:space="preserve">1,234</w:t>');
  expect(doc).toContain('Table 1. ');
  expect(doc).toContain('Figure 2. ');
});

test('PowerPoint: one slide per item with its image, alt text, caption and speaker notes', async () => {
  const zip = unzipSync(await boardPackPptx([item(1), item(2), item(3)], info));
  expect(zip['ppt/presentation.xml']).toBeDefined();
  expect(Object.keys(zip).filter((k) => /^ppt\/slides\/slide\d+\.xml$/.test(k))).toHaveLength(3);
  expect(Object.keys(zip).filter((k) => k.startsWith('ppt/media/') && k.endsWith('.png'))).toHaveLength(3);
  for (const n of [1, 2, 3]) {
    const slide = unescape(strFromU8(zip[`ppt/slides/slide${n}.xml`]!));
    expect(slide).toContain(`CAPTION-${n}`);
    expect(slide).toContain(`${n}. Chart ${n} <b>&</b>`);
    expect(slide).toContain(`descr="Alt text ${n}"`);
    expect(slide).toContain(`Source: file-${n}.csv`);
    const notes = unescape(strFromU8(zip[`ppt/notesSlides/notesSlide${n}.xml`]!));
    expect(notes).toContain(`CAPTION-${n}`);
    expect(notes).toContain(`Alternative text: Alt text ${n}`);
  }
  expect(strFromU8(zip['docProps/core.xml']!)).toContain('Lancashire board pack');
});

test('PowerPoint: a table item is a slide table; chart and table make two slides', async () => {
  const zip = unzipSync(await boardPackPptx([item(1, { show: 'table' }), item(2, { show: 'both' })], info));
  expect(Object.keys(zip).filter((k) => /^ppt\/slides\/slide\d+\.xml$/.test(k))).toHaveLength(3);
  expect(strFromU8(zip['ppt/slides/slide1.xml']!)).toContain('<a:tbl>');
  expect(strFromU8(zip['ppt/slides/slide3.xml']!)).toContain('<a:tbl>');
  expect(Object.keys(zip).filter((k) => k.startsWith('ppt/media/') && k.endsWith('.png'))).toHaveLength(1);
});

test('images keep their shape and fit the column or the slide', () => {
  expect(placedSize(1890, 945)).toEqual({ width: COLUMN_PX, height: Math.round(COLUMN_PX / 2) });
  const tall = placedSize(1890, 3780);
  expect(tall.height).toBeLessThan(650);
  expect(tall.width * 2).toBeCloseTo(tall.height, -1);
  const wide = fitImage(2000, 500);
  expect(wide.w).toBeCloseTo(12.333, 2);
  const high = fitImage(500, 2000);
  expect(high.h).toBeCloseTo(4.75, 2);
  expect(high.x).toBeGreaterThan(5);
});
