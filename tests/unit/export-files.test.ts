// Pure parts of the chart exports: file names, PNG size and dpi, the standalone SVG, CSV of the numbers
// drawn (raw values, suppression, formula injection), the map's table, and board-pack storage.
import { describe, expect, test } from 'vitest';
import { parseItems, serializeItems, type BoardItem } from '../../src/lib/export/board-item';
import { exportFileName, periodPart, slugify, subtitleParts } from '../../src/lib/export/file-name';
import { areaMeasureTable } from '../../src/lib/charts/area-table';
import { makePng } from './support/export-png';
import { crc32, pngDpi, pngSize, PRINT_WIDTH_PX, withDpi } from '../../src/lib/export/png';
import { PRINT_LAYOUT, PRINT_MAX_HEIGHT_PX, PRINT_PT_PER_PX, printPixels } from '../../src/lib/export/layout';
import { composeSvg, escapeXml, withFontFallbacks, wrapText } from '../../src/lib/export/svg-compose';
import { cellValue, tableCsv, tableCsvWithNotes, twinMatrix } from '../../src/lib/export/table-csv';

describe('file names', () => {
  test('slugs are lower-case ASCII with hyphens', () => {
    expect(slugify('Blackburn with Darwen')).toBe('blackburn-with-darwen');
    expect(slugify('Ynys Môn & Gwynedd / "Test"')).toBe('ynys-mon-and-gwynedd-test');
    expect(slugify('<script>alert(1)</script>')).toBe('script-alert-1-script');
  });

  test('periods become sortable name parts', () => {
    expect(periodPart('Apr 2022 to Mar 2025')).toBe('2022-04-to-2025-03');
    expect(periodPart('2024/25')).toBe('2024-25');
    expect(periodPart('all areas')).toBeNull();
  });

  test('the subtitle gives the period and the filters, not defaults or descriptions', () => {
    expect(subtitleParts('Apr 2022 to Mar 2025 · all areas')).toEqual(['2022-04-to-2025-03']);
    expect(subtitleParts('Apr 2022 to Mar 2025 · areas: Blackpool, Lancashire · service: physical activity · age band filter does not apply'))
      .toEqual(['2022-04-to-2025-03', 'blackpool-lancashire', 'physical-activity']);
    expect(subtitleParts('2024/25 · 23 areas · need weights: deprivation 0.5, age 65+ 0.25 · by IMD decile')).toEqual(['2024-25']);
  });

  test('names: id, period, area, suffix, extension', () => {
    expect(exportFileName({ id: 'dft-by-area', period: '2024/25', area: 'Lancashire' }, 'png')).toBe('dft-by-area_2024-25_lancashire.png');
    expect(exportFileName({ id: 'waiting-trend', subtitle: 'Apr 2022 to Mar 2025 · areas: Blackpool' }, 'csv')).toBe('waiting-trend_2022-04-to-2025-03_blackpool.csv');
    expect(exportFileName({ id: 'waiting-trend', subtitle: 'Apr 2022 to Mar 2025', suffix: '300dpi' }, '.png')).toBe('waiting-trend_2022-04-to-2025-03_300dpi.png');
    expect(exportFileName({ id: '' }, 'svg')).toBe('chart.svg');
    const long = exportFileName({ id: 'provider-utilisation', subtitle: `Apr 2022 to Mar 2025 · areas: ${'Blackburn with Darwen, '.repeat(8)}Bolton · service: x` }, 'png');
    expect(long.length).toBeLessThanOrEqual(104);
    expect(long).toMatch(/^provider-utilisation_2022-04-to-2025-03_blackburn-with-darwen[a-z0-9-]*\.png$/);
  });
});

describe('PNG', () => {
  test('size comes from IHDR; the dpi mark is a pHYs chunk after it', () => {
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
    const png = makePng(PRINT_WIDTH_PX, 40);
    expect(PRINT_WIDTH_PX).toBe(1890);
    expect(pngSize(png)).toEqual({ width: 1890, height: 40 });
    expect(pngDpi(png)).toBeNull();
    const marked = withDpi(png, 300);
    expect(pngSize(marked)).toEqual({ width: 1890, height: 40 });
    expect(pngDpi(marked)).toBe(300);
    expect(new TextDecoder().decode(marked.subarray(37, 41))).toBe('pHYs');
    // Marking again replaces the chunk rather than adding a second one.
    const again = withDpi(marked, 192);
    expect(pngDpi(again)).toBe(192);
    expect(again.length).toBe(marked.length);
    expect(() => pngSize(new Uint8Array(40))).toThrow(/Not a PNG/);
  });
});

describe('standalone SVG', () => {
  const text = {
    title: 'Provider <script>alert(1)</script> & "friends"',
    subtitle: 'Apr 2022 to Mar 2025 · areas: =HYPERLINK("http://x","y")',
    notes: ['The 25 largest are drawn; the table lists all 138.'],
    footnote: 'Counts of 1 to 7 are shown as * to protect privacy.',
    source: 'Source: providers.csv (loaded 24 Nov 2026); Fairshare',
    exported: 'Exported 24 Nov 2026'
  };
  const body = { markup: '<rect width="300" height="100" fill="#005eb8"/>', width: 300, height: 100 };

  test('carries the words as escaped <text>, with the namespace and fonts that any renderer needs', () => {
    const { svg, width, height } = composeSvg(text, body);
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(width).toBe(480);
    expect(svg).toContain(`width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"`);
    expect(svg).not.toMatch(/<script/i);
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('<title>Provider &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;friends&quot;</title>');
    for (const t of [text.notes[0]!, 'Exported 24 Nov 2026']) expect(svg).toContain(`>${escapeXml(t)}</text>`);
    expect(svg).toContain('font-family="system-ui, -apple-system');
    expect(svg).toContain('sans-serif"');
    expect(svg).toContain('<g class="chart" transform="translate(16 ');
    // Tags balance (a cheap well-formedness check; the e2e test parses real exports as XML).
    const open = (svg.match(/<(svg|g|text|title|desc)\b/g) ?? []).length;
    const close = (svg.match(/<\/(svg|g|text|title|desc)>/g) ?? []).length;
    expect(open).toBe(close);
  });

  test('without words (for a board pack) it is the drawing with a margin', () => {
    const { svg, width, height } = composeSvg(text, body, undefined, { words: false });
    expect(width).toBe(332);
    expect(height).toBe(132);
    expect(svg).not.toContain('<text');
    expect(svg).toContain('<title>');
  });

  test('long words wrap to the width; fonts get fallbacks with the generic family last', () => {
    const lines = wrapText('one two three four five six seven', 60, 10, false, (t) => t.length * 5);
    expect(lines).toEqual(['one two', 'three four', 'five six', 'seven']);
    expect(withFontFallbacks('system-ui, sans-serif')).toMatch(/^system-ui, -apple-system, 'Segoe UI', Roboto, .*Arial, 'Liberation Sans', sans-serif$/);
    expect(withFontFallbacks('"Fira Code", monospace')).toBe("'Fira Code', 'DejaVu Sans Mono', 'Courier New', monospace");
    expect(escapeXml('a\u0000b\u0007c')).toBe('abc');
  });
});

describe('CSV of the numbers drawn', () => {
  interface Row { name: string; referrals: number; rate: number | null; suppressed: boolean }
  const rows: Row[] = [
    { name: 'Blackpool', referrals: 1234, rate: 0.25612, suppressed: false },
    { name: '=HYPERLINK("http://x","y")', referrals: 5, rate: 0.5, suppressed: true },
    { name: '-Minus Ltd', referrals: 0, rate: null, suppressed: false }
  ];
  const columns = [
    { key: 'name', label: 'Provider', value: (r: Row) => r.name },
    { key: 'referrals', label: 'Referrals', num: true, value: (r: Row) => (r.suppressed ? '*' : r.referrals.toLocaleString('en-GB')) },
    { key: 'rate', label: 'Rate', num: true, value: (r: Row) => (r.suppressed ? '*' : r.rate === null ? '–' : `${(r.rate * 100).toFixed(1)}%`), raw: (r: Row) => r.rate }
  ];

  test('raw values where the column gives them, plain grouped numbers unformatted, * for suppressed, safe in Excel', () => {
    const csv = tableCsv(twinMatrix(columns, rows));
    expect(csv).toBe('\ufeffProvider,Referrals,Rate\r\nBlackpool,1234,0.25612\r\n"\'=HYPERLINK(""http://x"",""y"")",*,*\r\n\'-Minus Ltd,0,\r\n');
  });

  test('cells: dashes are missing, percentages and money stay as shown', () => {
    expect(cellValue({ text: '–' })).toBe('');
    expect(cellValue({ text: '−1,234.5' })).toBe(-1234.5);
    expect(cellValue({ text: '25.6%' })).toBe('25.6%');
    expect(cellValue({ text: '£1,200' })).toBe('£1,200');
    expect(cellValue({ text: ' * ', raw: '12' })).toBe('*');
    expect(cellValue({ text: '1,2345' })).toBe('1,2345');
  });

  test('the Excel form puts the words above the table', () => {
    const csv = tableCsvWithNotes({ title: 'T', subtitle: 'S', notes: ['N'], footnote: 'F', source: 'Source: x', exported: 'Exported 1 Jan 2026' }, twinMatrix(columns, rows.slice(0, 1)));
    expect(csv).toBe('\ufeffT\r\nS\r\nN\r\nF\r\nSource: x\r\nExported 1 Jan 2026\r\n\r\nProvider,Referrals,Rate\r\nBlackpool,1234,0.25612\r\n');
  });

  test('the map table: rank order, the unrounded value each area is coloured by, * when suppressed', () => {
    const row = { population: 1000, funding: 5000.5, fair_share: 6000, referrals: 12, referrals_suppressed: false };
    const areas = [
      { code: 'E2', name: 'Bee', value: 0.1, lower: null, upper: null, rank: 2, suppressed: false, row },
      { code: 'E1', name: 'Ay', value: -0.123456789, lower: null, upper: null, rank: 1, suppressed: false, row },
      { code: 'E3', name: 'Cee', value: null, lower: null, upper: null, rank: null, suppressed: true, row: { ...row, referrals: null, referrals_suppressed: true } }
    ];
    const mapMatrix = (list: typeof areas, measure: Parameters<typeof areaMeasureTable>[1], ranked: number) => {
      const t = areaMeasureTable(list, measure, ranked, 'caption');
      return twinMatrix(t.columns, t.rows);
    };
    const m = mapMatrix(areas, { id: 'dft', label: 'Distance from target', unit: '%', hasCi: false, source: 'funding', format: (v) => `${v}` }, 2);
    expect(tableCsv(m)).toBe('\ufeffArea,Code,Distance from target (%),Rank of 2,Population,Funding (£),Fair share (£)\r\n' +
      'Ay,E1,-12.3456789,1,1000,5000.5,6000\r\nBee,E2,10,2,1000,5000.5,6000\r\nCee,E3,*,,1000,5000.5,6000\r\n');
    const rate = mapMatrix(areas.slice(2), { id: 'referral_rate', label: 'Rate', unit: 'per 1,000', hasCi: true, source: 'referrals', format: String }, 0);
    expect(tableCsv(rate)).toBe('\ufeffArea,Code,Rate (per 1,000),Lower 95% CI,Upper 95% CI,Rank of 0,Population,Referrals in year\r\nCee,E3,*,*,*,,1000,*\r\n'.replace('Rate (per 1,000)', '"Rate (per 1,000)"'));
  });
});

test('board-pack items survive sessionStorage as JSON; anything unreadable is an empty pack', () => {
  const item: BoardItem = {
    id: 'a', chartId: 'waiting-trend', kind: 'chart', title: 'T', subtitle: 'S', finding: 'F1', notes: ['n'], method: ['m'], footnote: 'F', source: 'Src', alt: 'A',
    png: makePng(3, 2), pngWidth: 3, pngHeight: 2, svg: '<svg/>', slide: { png: makePng(4, 2), width: 4, height: 2 },
    fileBase: 'waiting-trend', table: [[{ text: 'h', num: true }], [{ text: '1', raw: '1' }]],
    caption: 'C', show: 'both', addedAt: '2026-01-01T00:00:00Z'
  };
  const back = parseItems(serializeItems([item]));
  expect(back).toEqual([item]);
  expect(parseItems('not json')).toEqual([]);
  expect(parseItems('{"a":1}')).toEqual([]);
  expect(parseItems(null)).toEqual([]);
});

test('print pictures: 160 mm wide at 300 dpi, or narrower to be at most 230 mm tall; 11 px type prints at 7 pt or more', () => {
  expect(PRINT_MAX_HEIGHT_PX).toBe(2717); // 230 / 25.4 × 300 = 2716.5
  expect(printPixels(700, 400)).toEqual({ width: 1890, height: 1080 });
  for (const [w, h] of [[700, 1500], [482, 1313], [700, 1007], [553, 1999]] as const) {
    const p = printPixels(w, h);
    expect(p.height, `${w} × ${h}`).toBe(2717);
    expect(p.width).toBeLessThanOrEqual(1890);
    expect(Math.abs(p.width / p.height - w / h)).toBeLessThan(0.002);
  }
  // The layout: 700 px printed 160 mm wide; 11 px = 11 × 160 / 700 mm = 2.51 mm = 7.13 pt.
  expect(PRINT_LAYOUT.width).toBe(700);
  expect(11 * PRINT_PT_PER_PX).toBeGreaterThanOrEqual(7);
  expect(PRINT_LAYOUT.height).toBe(Math.floor((700 * 2717) / 1890));
});
