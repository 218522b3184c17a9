// The board pack's Word and PowerPoint builders run in Node too. Word: a cover with the classification,
// contents and lists of figures and tables as fields, captions numbered by SEQ fields, page X of Y in the
// footer, the document in British English, tables as on screen, and a methods annex. PowerPoint: a title
// slide, slide numbers, long tables over several slides with "continued" and never over the caption,
// no shape off the slide and no two shapes overlapping.
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from 'vitest';
import type { BoardItem } from '../../src/lib/export/board-item';
import { boardPackDocx, COLUMN_PX, placedSize } from '../../src/lib/export/board-pack-docx';
import { annexEntries, itemCaption, numberItems, type PackInfo } from '../../src/lib/export/board-pack-parts';
import { boardPackPptx, columnWidths, fitImage, GRID, rowHeight, SLIDE, tablePages } from '../../src/lib/export/board-pack-pptx';
import type { CellMatrix } from '../../src/lib/export/table-csv';
import { pngSize } from '../../src/lib/export/png';
import { makePng } from './support/export-png';
import { slideShapes } from './support/pptx-shapes';

const table = (rows: number): CellMatrix => [
  [{ text: 'Area' }, { text: 'Funding', num: true }, { text: 'Distance from target', num: true }],
  ...Array.from({ length: rows }, (_, i) => [{ text: `Area ${i + 1}` }, { text: `£${(1000 + i).toLocaleString('en-GB')},000`, raw: `${1000 + i}000.123` }, { text: i === 2 ? '*' : `−${i}.5%` }])
];
const item = (n: number, extra: Partial<BoardItem> = {}): BoardItem => ({
  id: `id-${n}`, chartId: `chart-${n}`, kind: 'chart', title: `Chart ${n} <b>&</b>`, subtitle: `Apr 2022 to Mar 2025 · areas: Area ${n}`,
  finding: `Area ${n} is furthest below its fair share.`, notes: [`Note ${n}`], method: [`METHOD-${n}: how chart ${n} is calculated.`],
  footnote: 'Counts of 1 to 7 are shown as * to protect privacy.', source: `Source: file-${n}.csv (loaded 24 Nov 2026); Fairshare`,
  alt: `Alt text ${n}`, png: makePng(1890, 900 + n), pngWidth: 1890, pngHeight: 900 + n, svg: '<svg xmlns="http://www.w3.org/2000/svg"/>',
  slide: { png: makePng(2000, 880), width: 1000, height: 440 },
  fileBase: `chart-${n}_2022-04-to-2025-03`, table: table(3),
  caption: `CAPTION-${n}: what the board should see`, show: 'chart', addedAt: '2026-11-24T00:00:00Z', ...extra
});
const info: PackInfo = {
  title: 'Lancashire board pack', organisation: 'NHS Lancashire and South Cumbria ICB', classification: 'OFFICIAL-SENSITIVE',
  date: '24 November 2026', prepared: 'Prepared with Fairshare: 3 figures', suppression: 'Counts of 1 to 7 are shown as * to protect privacy.',
  licences: ['Built-in reference data: Open Government Licence v3.0']
};
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const docxParts = async (items: BoardItem[]) => {
  const zip = unzipSync(await boardPackDocx(items, info));
  const text = (k: string) => unescape(strFromU8(zip[k]!));
  return { zip, doc: text('word/document.xml'), text };
};

test('numbering: figures and tables in their own sequences; captions from the caption, the finding, or the figure', () => {
  const items = [item(1), item(2, { show: 'both' }), item(3, { kind: 'table', show: 'table', png: new Uint8Array(), slide: null, caption: '' })];
  expect(numberItems(items).map((n) => [n.figure, n.table])).toEqual([[1, null], [2, 1], [null, 2]]);
  expect(itemCaption(items[0]!, 'figure')).toBe('CAPTION-1: what the board should see');
  expect(itemCaption(items[1]!, 'table', 2)).toBe('The numbers drawn in figure 2.');
  expect(itemCaption(items[2]!, 'table')).toBe('Area 3 is furthest below its fair share.');
  // A table-only item never gets a figure, even when asked to show a chart.
  expect(numberItems([{ ...items[2]!, show: 'chart' }])[0]).toMatchObject({ figure: null, table: 1 });
});

test('Word: cover, contents, caption fields, page numbers, language, three pictures 160 mm wide with alt text', async () => {
  const { zip, doc, text } = await docxParts([item(1), item(2), item(3)]);
  for (const part of ['[Content_Types].xml', 'word/document.xml', 'word/_rels/document.xml.rels', 'docProps/core.xml']) expect(zip[part], part).toBeDefined();
  const media = Object.keys(zip).filter((k) => k.startsWith('word/media/'));
  expect(media).toHaveLength(3);
  for (const m of media) expect(pngSize(zip[m]!).width).toBe(1890);
  expect(doc).toContain('<w:pgSz w:w="11906" w:h="16838"');
  // Cover: title, organisation, date, classification; then the contents as TOC fields.
  const cover = ['Lancashire board pack', 'NHS Lancashire and South Cumbria ICB', '24 November 2026', 'Classification: OFFICIAL-SENSITIVE'].map((t) => doc.indexOf(t));
  expect(cover.every((i) => i > 0)).toBe(true);
  expect(doc).toMatch(/TOC \\h \\o "1-2"|TOC \\o "1-2" \\h/);
  // The contents' entries and pages are written with it (so they show before Word updates the field).
  const toc = doc.slice(doc.indexOf('TOC \\h'), doc.indexOf('</w:sdtContent>'));
  for (const t of ['Figures and tables', 'Chart 1 <b>&</b>', 'Chart 3 <b>&</b>', 'Annex: methods and sources']) expect(toc).toContain(t);
  expect(toc.match(/PAGEREF _Toc\d+ \\h<\/w:instrText><w:fldChar w:fldCharType="separate"\/><w:t xml:space="preserve">\d+</g)?.length).toBeGreaterThanOrEqual(5);
  // Captions are Word's: "Figure" then a SEQ Figure field, in order, with the user's words.
  expect(doc.match(/SEQ Figure/g)?.length).toBe(3);
  const at = [1, 2, 3].map((n) => doc.indexOf(`CAPTION-${n}`));
  expect(at.every((i) => i > 0) && at[0]! < at[1]! && at[1]! < at[2]!).toBe(true);
  for (const n of [1, 2, 3]) {
    expect(doc).toContain(`descr="Alt text ${n}"`);
    expect(doc).toContain(`Chart ${n} <b>&</b>`);
    expect(doc).toContain(`Note ${n}`);
  }
  // The image fills the 160 mm column: docx's pixels are 96 to the inch.
  expect(doc).toContain(`<wp:extent cx="${COLUMN_PX * 9525}"`);
  // Page X of Y in the footer, the classification in the header; British English throughout.
  const footers = Object.keys(zip).filter((k) => /^word\/footer\d+\.xml$/.test(k)).map(text).join('');
  expect(footers).toMatch(/PAGE/);
  expect(footers).toMatch(/NUMPAGES/);
  expect(Object.keys(zip).filter((k) => /^word\/header\d+\.xml$/.test(k)).map(text).join('')).toContain('OFFICIAL-SENSITIVE');
  expect(text('word/styles.xml')).toContain('w:lang w:val="en-GB"');
  expect(text('docProps/core.xml')).toContain('<dc:title>Lancashire board pack</dc:title>');
  expect(text('docProps/core.xml')).toContain('<cp:lastModifiedBy>NHS Lancashire and South Cumbria ICB</cp:lastModifiedBy>');
  expect(text('docProps/core.xml')).not.toContain('Un-named');
  // Items flow on: no item forces a page of its own (the contents, the items and the annex do).
  expect(doc.match(/<w:pageBreakBefore\/>/g)).toHaveLength(2);
});

test('Word: a methods annex names each item with its method and source, the small-number rule and the licences', async () => {
  const { doc } = await docxParts([item(1), item(2, { show: 'both' })]);
  const annex = doc.slice(doc.indexOf('Annex: methods and sources'));
  expect(annex.length).toBeGreaterThan(100);
  expect(annex).toContain('Figure 1: Chart 1 <b>&</b>');
  expect(annex).toContain('Figure 2: Chart 2 <b>&</b>');
  for (const n of [1, 2]) {
    expect(annex).toContain(`METHOD-${n}: how chart ${n} is calculated.`);
    expect(annex).toContain(`Source: file-${n}.csv`);
  }
  expect(annex).toContain('Small numbers');
  expect(annex).toContain('Counts of 1 to 7 are shown as *');
  expect(annex).toContain('Open Government Licence v3.0');
});

test('annex: an item points to an earlier one only when both say how they are calculated, the same way, from the same source', () => {
  const same = { method: ['Rate per 1,000.'], source: 'Source: a.csv' };
  const items = numberItems([
    item(1, same), item(2, { kind: 'table', show: 'table', png: new Uint8Array(), slide: null, ...same }),
    item(3, { method: [], source: 'Source: b.csv' }), item(4, { kind: 'table', show: 'table', png: new Uint8Array(), slide: null, method: [], source: 'Source: b.csv' })
  ]);
  expect(annexEntries(items).map((e) => [e.label, e.same])).toEqual([['Figure 1', null], ['Table 1', 'Figure 1'], ['Figure 2', null], ['Table 2', null]]);
});

test('Word: a table as on screen: formatted, numbers right-aligned, header repeated, rows never split, a Table caption', async () => {
  const { zip, doc } = await docxParts([item(1, { kind: 'table', show: 'table', png: new Uint8Array(), slide: null }), item(2, { show: 'both' })]);
  expect(Object.keys(zip).filter((k) => k.startsWith('word/media/'))).toHaveLength(1);
  expect(doc.match(/<w:tbl>/g)).toHaveLength(2);
  expect(doc.match(/<w:tblHeader\/>/g)).toHaveLength(2);
  expect(doc.match(/<w:cantSplit\/>/g)?.length).toBe(8);
  expect(doc.match(/SEQ Table/g)?.length).toBe(2);
  expect(doc).toContain('Chart 1 <b>&</b>: table');
  expect(doc).toContain('The numbers drawn in figure 1.');
  // Cells as shown: £ and separators, the minus sign, * for suppressed; never the raw value.
  const cells = [...doc.matchAll(/<w:tc>.*?<\/w:tc>/g)].map((m) => m[0]);
  const cellText = (c: string) => [...c.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  expect(cells.map(cellText)).toContain('£1,001,000');
  expect(cells.map(cellText)).toContain('−1.5%');
  expect(cells.map(cellText)).toContain('*');
  expect(doc).not.toContain('1001000.123');
  const money = cells.find((c) => cellText(c) === '£1,001,000')!;
  expect(money).toContain('<w:jc w:val="right"/>');
  expect(cells.find((c) => cellText(c) === 'Area 1')!).not.toContain('<w:jc w:val="right"/>');
});

test('PowerPoint: title slide, contents, one slide per figure with alt text, caption, slide number and notes, then methods', async () => {
  const zip = unzipSync(await boardPackPptx([item(1), item(2), item(3)], info));
  const slides = Object.keys(zip).filter((k) => /^ppt\/slides\/slide\d+\.xml$/.test(k));
  // Title, contents, three figures, methods.
  expect(slides).toHaveLength(6);
  const slide = (n: number) => unescape(strFromU8(zip[`ppt/slides/slide${n}.xml`]!));
  expect(slide(1)).toContain('Lancashire board pack');
  expect(slide(1)).toContain('NHS Lancashire and South Cumbria ICB');
  expect(slide(1)).toContain('OFFICIAL-SENSITIVE');
  expect(slide(2)).toContain('Contents');
  expect(slide(2)).toContain('Figure 2: Chart 2 <b>&</b>');
  expect(slide(2)).toContain('slide 4');
  for (const n of [1, 2, 3]) {
    const s = slide(n + 2);
    expect(s).toContain(`CAPTION-${n}`);
    expect(s).toContain(`Figure ${n}. `);
    expect(s).toMatch(/<p:cNvPr [^>]*descr="Alt text \d"/);
    expect(s).toContain('type="slidenum"');
    expect(s).toContain('OFFICIAL-SENSITIVE · Lancashire board pack');
    expect(unescape(strFromU8(zip[`ppt/notesSlides/notesSlide${n + 2}.xml`]!))).toContain(`CAPTION-${n}`);
  }
  expect(slide(6)).toContain('Methods and sources');
  expect(slide(6)).toContain('METHOD-3');
  // Every slide's title is in a title placeholder (PowerPoint's outline and accessibility checker read it), with its text.
  const titles = slides.map((_, i) => /<p:sp>(?:(?!<\/p:sp>).)*<p:ph[^>]*type="title"[^>]*\/>(?:(?!<\/p:sp>).)*<\/p:sp>/s.exec(slide(i + 1))?.[0] ?? '');
  expect(titles.map((t) => /<a:t>(.*?)<\/a:t>/.exec(t)?.[1])).toEqual(['Lancashire board pack', 'Contents', 'Chart 1 <b>&</b>', 'Chart 2 <b>&</b>', 'Chart 3 <b>&</b>', 'Methods and sources']);
  // The pictures are the slide layouts, not the print ones.
  expect(Object.keys(zip).filter((k) => k.startsWith('ppt/media/') && k.endsWith('.png')).map((k) => pngSize(zip[k]!).width)).toEqual([2000, 2000, 2000]);
});

test('PowerPoint: a long table runs over slides with "continued", header on each; no shape off a slide or over another', async () => {
  const long = item(1, { kind: 'table', show: 'table', png: new Uint8Array(), slide: null, table: table(60) });
  const zip = unzipSync(await boardPackPptx([long, item(2, { show: 'both' })], info));
  const names = Object.keys(zip).filter((k) => /^ppt\/slides\/slide\d+\.xml$/.test(k)).sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));
  const xml = names.map((k) => unescape(strFromU8(zip[k]!)));
  const parts = xml.filter((s) => s.includes('<a:t>Distance from target</a:t>') && s.includes('Chart 1 <b>&</b>'));
  expect(parts.length).toBeGreaterThan(1);
  expect(parts.slice(1).every((s) => s.includes('continued'))).toBe(true);
  // Every data row once, in order, and the header row on every part.
  const rows = parts.flatMap((s) => [...s.matchAll(/<a:t>(Area \d+)<\/a:t>/g)].map((m) => m[1]));
  expect(rows).toEqual(Array.from({ length: 60 }, (_, i) => `Area ${i + 1}`));
  for (const s of parts) expect(s).toContain('<a:t>Distance from target</a:t>');
  for (const [i, s] of xml.entries()) {
    const shapes = slideShapes(s);
    expect(shapes.length, `slide ${i + 1} has shapes`).toBeGreaterThan(0);
    for (const a of shapes) {
      expect(a.x >= 0 && a.y >= 0 && a.x + a.w <= SLIDE.w + 1e-6 && a.y + a.h <= SLIDE.h + 1e-6, `slide ${i + 1}: ${a.name} on the slide`).toBe(true);
    }
    for (const [j, a] of shapes.entries()) for (const b of shapes.slice(j + 1)) {
      const overlap = a.x < b.x + b.w - 1e-6 && b.x < a.x + a.w - 1e-6 && a.y < b.y + b.h - 1e-6 && b.y < a.y + a.h - 1e-6;
      expect(overlap, `slide ${i + 1}: ${a.name} and ${b.name} overlap`).toBe(false);
    }
  }
});

test('table geometry: widths fill the slide, wrapped rows are taller, each part fits the body under its header', () => {
  const t = table(40);
  const widths = columnWidths(t);
  expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(SLIDE.w - 1, 6);
  const tall = rowHeight([{ text: 'x'.repeat(200) }, { text: '1' }, { text: '2' }], widths);
  expect(tall).toBeGreaterThan(rowHeight(t[1]!, widths) * 2);
  const pages = tablePages(t, widths);
  expect(pages.flat()).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  for (const p of pages) expect(rowHeight(t[0]!, widths) + p.reduce((a, r) => a + rowHeight(t[r]!, widths), 0)).toBeLessThanOrEqual(GRID.body.h);
});

test('pictures keep their shape and fit the column or the slide', () => {
  expect(placedSize(1890, 900)).toEqual({ width: COLUMN_PX, height: Math.round((900 * COLUMN_PX) / 1890) });
  const tall = placedSize(1890, 2717);
  expect(tall.height).toBeLessThanOrEqual(Math.round((175 / 25.4) * 96));
  expect(tall.width / tall.height).toBeCloseTo(1890 / 2717, 2);
  const box = fitImage(1000, 440);
  expect(box.w / box.h).toBeCloseTo(1000 / 440, 6);
  expect(box.y).toBeGreaterThanOrEqual(GRID.body.y);
  expect(box.y + box.h).toBeLessThanOrEqual(GRID.body.y + GRID.body.h + 1e-9);
  expect(box.x + box.w).toBeLessThanOrEqual(SLIDE.w);
});


test('a Word table\'s column widths are shared out by what each column holds, within the text column', async () => {
  const { tableColumnWidths } = await import('../../src/lib/export/board-pack-docx');
  const table = [
    [{ text: 'Area' }, { text: 'Distance before' }, { text: 'Allocation' }],
    [{ text: 'Blackburn with Darwen' }, { text: '−38.9%' }, { text: '£1,400,905' }],
    [{ text: 'Wyre' }, { text: '+2.0%' }, { text: '£694,176' }]
  ];
  // A name wraps (12 characters' worth), "Distance" is the heading's longest word (8), money its longest cell (10);
  // 160 twips of padding each, the other 8520 shared 12 : 8 : 10.
  const widths = tableColumnWidths(table, [false, true, true], 9000);
  expect(widths).toEqual([160 + Math.floor((12 / 30) * 8520), 160 + Math.floor((8 / 30) * 8520), 160 + Math.floor((10 / 30) * 8520)]);
  expect(widths.reduce((s, w) => s + w, 0)).toBeLessThanOrEqual(9000);
});
