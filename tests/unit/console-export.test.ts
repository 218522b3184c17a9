// The SQL console's files and chart, made from fixed results: the CSV's label and Excel safety, the chart's
// kind, rows (same x added together) and table twin, and the warning on the first line of the chart's CSV.
import { describe, expect, test } from 'vitest';
import { consoleChartKind, consoleChartRows, consoleChartSpec } from '../../src/lib/charts/console-chart';
import { specSubject } from '../../src/lib/charts/spec-export';
import type { ResultColumn } from '../../src/lib/db/arrow-cells';
import { consoleCsv } from '../../src/lib/export/console-csv';
import { csvOf } from '../../src/lib/export/subject';

const cols: ResultColumn[] = [
  { name: 'area', type: 'VARCHAR', kind: 'text' },
  { name: 'month', type: 'DATE', kind: 'date' },
  { name: 'n', type: 'BIGINT', kind: 'number' }
];
const rows = [['A', '2024-01-01', 3], ['B', '2024-02-01', 5], ['A', '2024-02-01', 4], [null, '2024-03-01', null]];

describe('the console CSV', () => {
  const csv = consoleCsv({ sql: 'SELECT *\n  FROM t', columns: cols, rows: [...rows, ['=HYPERLINK("x")', '2024-04-01', -2]] }, '2026-12-01');
  const lines = csv.slice(1).split('\r\n');

  test('starts with the byte-order mark and the unsuppressed label, then the query on one line', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(lines[0]).toBe('Unsuppressed record-level output: check it before sharing. The small-number rule is not applied to SQL console results.');
    expect(lines[1]).toBe('Query: SELECT * FROM t');
    expect(lines[2]).toBe('"Source: Fairshare SQL console, exported 2026-12-01; 5 rows"'); // quoted: it holds a comma
    expect(lines[3]).toBe('');
    expect(lines[4]).toBe('area,month,n');
  });

  test('rows as they are, a NULL blank, a formula neutralised, a negative number left a number', () => {
    expect(lines.slice(5, 10)).toEqual(['A,2024-01-01,3', 'B,2024-02-01,5', 'A,2024-02-01,4', ',2024-03-01,', `"'=HYPERLINK(""x"")",2024-04-01,-2`]);
  });
});

describe('the quick chart', () => {
  test('bars for text, a line for dates and numbers', () => {
    expect(consoleChartKind(cols[0]!)).toBe('bar');
    expect(consoleChartKind(cols[1]!)).toBe('line');
    expect(consoleChartKind(cols[2]!)).toBe('line');
  });

  test('rows of the same x are added together; rows without a number are left out and counted', () => {
    const out = consoleChartRows(cols, rows, 0, 2);
    expect(out.rows.map((r) => [r.label, r.value])).toEqual([['A', 7], ['B', 5]]);
    expect(out.merged).toBe(1);
    expect(out.skipped).toBe(1);
    const byMonth = consoleChartRows(cols, rows, 1, 2);
    expect(byMonth.rows.map((r) => [r.label, r.at, r.value])).toEqual([['2024-01-01', Date.UTC(2024, 0, 1), 3], ['2024-02-01', Date.UTC(2024, 1, 1), 9]]);
  });

  test('the spec: its twin, its notes, the unsuppressed footnote, and the warning first in its CSV', () => {
    const spec = consoleChartSpec({ sql: 'SELECT area, month, n FROM t', columns: cols, rows, x: 0, y: 2, truncated: true });
    expect(spec.title).toBe('n by area');
    expect(spec.footnote).toMatch(/^Unsuppressed record-level output: check it before sharing\./);
    expect(spec.notes!.map((l) => l.text).join(' ')).toMatch(/1 rows share an x value.*1 rows have no number in n.*first 1,000 rows/);
    const csv = csvOf(specSubject(spec), false).slice(1).split('\r\n');
    expect(csv.slice(0, 4)).toEqual(['Unsuppressed record-level output: check it before sharing', 'area,n', 'A,7', 'B,5']);
  });
});
