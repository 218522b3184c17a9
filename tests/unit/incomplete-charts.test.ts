// Incomplete months on the trend and SPC specs (charts/incomplete.ts): hollow points off the line, the
// key entry, the note naming the months and why, and the table twin's completeness column.
import { describe, expect, test } from 'vitest';
import { trendSpec, trendOptions, type TrendRow } from '../../src/lib/charts/trend-chart';
import { spcSpec } from '../../src/lib/charts/spc-chart';
import { incompleteLine, monthSpan } from '../../src/lib/charts/incomplete';
import { cellText } from '../../src/lib/charts/twin-table';
import { spc } from '../../src/lib/domain/spc';
import type { IncompleteReason } from '../../src/lib/domain/completeness';

const base = { id: 't', title: 'Accepted', subtitle: 'all', source: 's', footnote: 'f' };
const fmt = (v: number | null) => (v === null ? '–' : String(v));
const months = ['2024-11', '2024-12', '2025-01', '2025-02', '2025-03'];
const reasons = new Map<string, IncompleteReason>([['2025-02', 'recent'], ['2025-03', 'recent']]);

describe('the note', () => {
  test('names the last months, the rule and the date', () => {
    expect(monthSpan(['2025-02', '2025-03'])).toBe('Feb–Mar 2025');
    expect(monthSpan(['2024-12', '2025-01'])).toBe('Dec 2024–Jan 2025');
    expect(incompleteLine({ months, incomplete: reasons, asOf: '2025-03-31', status: 'accepted', leftOutOf: 'the line' })!.text).toBe(
      'The last 2 months (Feb–Mar 2025) are incomplete: fewer than 90% of their referrals would normally have been accepted by 31 Mar 2025, ' +
        'the extract’s latest date. They are drawn hollow and left out of the line.'
    );
    expect(incompleteLine({ months, incomplete: new Map([['2025-03', 'partial']]), asOf: '2025-03-15', leftOutOf: 'the line' })!.text).toBe(
      'The last month (Mar 2025) is incomplete: it had not ended by 15 Mar 2025, the extract’s latest date. It is drawn hollow and left out of the line.'
    );
    expect(incompleteLine({ months, incomplete: new Map(), asOf: '2025-03-31', leftOutOf: 'the line' })).toBeNull();
  });
});

describe('trend', () => {
  const rows: TrendRow[] = months.map((month, i) => ({ group: null, month, value: [100, 110, 105, 60, 10][i]!, incomplete: reasons.has(month) }));
  const spec = trendSpec(base, rows, { unit: 'referrals', format: fmt, groupName: () => 'All', incomplete: { reasons, asOf: '2025-03-31', status: 'accepted' } });

  test('incomplete months are off the line and drawn as hollow points, with a key entry and a note', () => {
    const o = trendOptions(rows, { unit: 'referrals' });
    const marks = o.marks as unknown as { data: { value: number | null; incomplete: boolean }[]; ariaLabel?: string }[];
    const line = marks[1]!.data;
    expect(line.map((d) => d.value)).toEqual([100, 110, 105, null, null]);
    expect(marks[3]!.data.map((d) => d.value)).toEqual([60, 10]);
    expect(spec.key).toEqual([{ label: 'Incomplete month (left out)', colour: '#8A7D6B', mark: 'ring' }]);
    expect(spec.notes!.find((n) => n.testid === 'incomplete-note')!.attrs).toEqual({ 'data-months': '2025-02 2025-03', 'data-included': false });
  });

  test('kept in by choice: the line runs through them', () => {
    const o = trendOptions(rows, { unit: 'referrals', includeIncomplete: true });
    expect((o.marks as unknown as { data: { value: number }[] }[])[1]!.data.map((d) => d.value)).toEqual([100, 110, 105, 60, 10]);
  });

  test('the table says which months are incomplete', () => {
    const col = spec.table.columns.find((c) => c.key === 'completeness')!;
    expect(spec.table.rows.map((r) => cellText(col, r))).toEqual(['complete', 'complete', 'complete', 'incomplete', 'incomplete']);
  });
});

describe('SPC', () => {
  const values = [100, 110, 105, 60, 10];
  const result = spc(values, { exclude: [3, 4] });
  const spec = spcSpec(base, months, result, { unit: 'referrals', format: fmt, limitFormat: fmt, suppressed: [], incomplete: { reasons, asOf: '2025-03-31', status: 'accepted' } });

  test('limits from the complete months only, on the drawing and in the words', () => {
    // 100, 110, 105: mean 105; moving ranges 10, 5 → mR̄ 7.5; limits 105 ∓ 19.95 = 85.05 and 124.95.
    expect(spec.graphic!.attrs).toMatchObject({ 'data-mean': 105, 'data-lower': expect.closeTo(85.05, 10), 'data-upper': expect.closeTo(124.95, 10), 'data-points': 3 });
    expect(spec.lead!.find((l) => l.testid === 'spc-limits')!.text).toContain('leaving out the 2 incomplete months');
    // The key names every kind of point and line drawn: the common-cause dots, the mean, the limits, and the months left out.
    expect(spec.key!.map((k) => [k.label, k.mark])).toEqual([['Common cause', 'dot'], ['Mean', 'line'], ['Process limits', 'dashed'], ['Incomplete month (left out)', 'ring']]);
    expect(spec.key!.at(-1)).toEqual({ label: 'Incomplete month (left out)', colour: '#8A7D6B', mark: 'ring' });
  });

  test('the table marks the months left out', () => {
    const col = spec.table.columns.find((c) => c.key === 'completeness')!;
    expect(spec.table.rows.map((r) => cellText(col, r))).toEqual(['complete', 'complete', 'complete', 'incomplete: left out of the limits', 'incomplete: left out of the limits']);
    expect(spec.table.rows.map((r) => spec.table.rowAttrs!(r)['data-excluded'])).toEqual([false, false, false, true, true]);
  });
});

describe('trend, every value 0', () => {
  // A small extract whose months are all 0 (or suppressed to nothing): the y scale must still have an extent,
  // or its single tick reads "0.000000" and is cut at the chart's edge.
  test('the y scale runs 0 to 1 with whole-number ticks; with any other value it is left to Plot', () => {
    const zeros: TrendRow[] = months.map((month) => ({ group: null, month, value: 0 }));
    const y = trendOptions(zeros, { unit: 'people' }).y as { domain?: number[]; ticks?: number; label?: string };
    expect(y).toMatchObject({ domain: [0, 1], ticks: 1, label: 'people' });
    const some: TrendRow[] = months.map((month, i) => ({ group: null, month, value: i }));
    expect((trendOptions(some, { unit: 'people' }).y as { domain?: number[] }).domain).toBeUndefined();
  });
});
