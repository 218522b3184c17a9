// A table twin's plain rows (charts/twin-rows.ts) carry what the Svelte rows did: the row's key and attributes,
// the row header as a th with scope="row", the number and small classes, `*` and data-suppressed="true" for a
// hidden cell (and no data-value, so no export or test can read the hidden figure), the raw value otherwise;
// and every name from a user's file is escaped.
import { describe, expect, test } from 'vitest';
import { twinRowsHtml } from '../../src/lib/charts/twin-rows';
import { escapeXml } from '../../src/lib/export/svg-compose';
import type { TwinColumn, TwinSpec } from '../../src/lib/charts/twin-table';

interface Row { code: string; name: string; n: number | null; share: number | null }
const columns: TwinColumn<Row>[] = [
  { key: 'area', label: 'Area', rowHeader: true, value: (r) => r.name },
  { key: 'n', label: 'Referrals', num: true, testid: 'n-cell', value: (r) => String(r.n), raw: (r) => r.n, hidden: (r) => (r.n ?? 0) < 8 },
  { key: 'share', label: 'Share', num: true, small: true, value: (r) => (r.share === null ? '–' : `${(r.share * 100).toFixed(1)}%`), raw: (r) => r.share }
];
const spec = (rows: Row[]): TwinSpec<Row> => ({ rows, columns, rowKey: (r) => r.code, caption: 'c', testid: 't', rowAttrs: (r) => ({ 'data-code': r.code, 'data-big': (r.n ?? 0) > 100 }) });
const html = (rows: Row[]) => { const t = spec(rows); return twinRowsHtml(rows, columns, t.rowKey, t.rowAttrs); };

describe('a twin row as drawn', () => {
  test('the row header, a number cell and a small number cell; the row\'s key and attributes, booleans as text', () => {
    expect(html([{ code: 'E1', name: 'Alpha', n: 120, share: 0.256 }])).toBe(
      '<tr data-key="E1" data-code="E1" data-big="true">'
      + '<th scope="row" data-col="area">Alpha</th>'
      + '<td class="num" data-col="n" data-testid="n-cell" data-suppressed="false" data-value="120">120</td>'
      + '<td class="num small" data-col="share" data-value="0.256">25.6%</td></tr>');
  });
  test('a hidden cell reads * and carries no value; a missing value is an empty data-value', () => {
    expect(html([{ code: 'E2', name: 'Beta', n: 3, share: null }])).toBe(
      '<tr data-key="E2" data-code="E2" data-big="false">'
      + '<th scope="row" data-col="area">Beta</th>'
      + '<td class="num" data-col="n" data-testid="n-cell" data-suppressed="true">*</td>'
      + '<td class="num small" data-col="share" data-value="">–</td></tr>');
  });
  test('names from a file are escaped in text and in attributes', () => {
    const evil = '<img src=x onerror="alert(1)"> & "Co"';
    const out = html([{ code: evil, name: evil, n: 9, share: 0.5 }]);
    expect(out).not.toContain('<img');
    expect(out).toContain(`data-key="${escapeXml(evil)}"`);
    expect(out).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &quot;Co&quot;</th>');
  });
  test('an attribute name that is not one is refused', () => {
    const bad: TwinSpec<Row> = { ...spec([]), rowAttrs: () => ({ 'onclick="x"': 'y' }) };
    expect(() => twinRowsHtml([{ code: 'E', name: 'n', n: 1, share: 0 }], columns, bad.rowKey, bad.rowAttrs)).toThrow(/not an attribute name/);
  });
});
