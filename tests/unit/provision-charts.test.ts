// Option builders of the Capacity view's charts: ranked bars, dots with intervals, the contract timeline.
import { describe, expect, test } from 'vitest';
import { barOptions, barRowsDrawn } from '../../src/lib/charts/bar-chart';
import { dotCiOptions } from '../../src/lib/charts/dot-ci-chart';
import { timelineOptions } from '../../src/lib/charts/timeline-chart';

describe('capacity charts', () => {
  test('bars: ranked largest first, missing values left out, capped, with a reference rule', () => {
    const rows = [{ key: 'a', label: 'A', value: 0.5 }, { key: 'b', label: 'B', value: 1.4, highlight: true }, { key: 'c', label: 'C', value: null }];
    expect(barRowsDrawn(rows).map((r) => r.key)).toEqual(['b', 'a']);
    expect(barRowsDrawn(rows, 1).map((r) => r.key)).toEqual(['b']);
    // bars, zero rule, reference rule and its label
    expect(barOptions(rows, { unit: 'x', rule: { value: 1, label: 'full' } }).marks).toHaveLength(4);
    // The rule's label on the side with room: before a rule near the right of the scale (a 90% threshold ran off the edge).
    const anchor = (value: number) => (barOptions(rows, { unit: 'x', rule: { value, label: 'r' } }).marks![3] as unknown as { textAnchor: string }).textAnchor;
    const top = Math.max(...rows.map((r) => r.value ?? 0));
    expect(anchor(top * 0.9)).toBe('end');
    expect(anchor(top * 0.2)).toBe('start');
    expect(barOptions(rows, { unit: 'x' }).height).toBe(120);
  });

  test('dots: ranked by value on the y domain; intervals only where both ends exist', () => {
    const o = dotCiOptions([
      { key: 'a', label: 'A', value: 0.1, lower: 0.05, upper: 0.15 },
      { key: 'b', label: 'B', value: -0.2, lower: null, upper: null },
      { key: 'c', label: 'C', value: null, lower: null, upper: null }
    ], { unit: 'gap', zeroLine: true });
    expect((o.y as { domain: string[] }).domain).toEqual(['B', 'A']);
    expect(o.marks).toHaveLength(3);
  });

  test('timeline: one row per provider, open-ended contracts run to the period end', () => {
    const o = timelineOptions([
      { provider: 'P1', start: '2022-04-01', end: '2023-03-31', shortTerm: false, gapBefore: false },
      { provider: 'P1', start: '2023-06-01', end: null, shortTerm: false, gapBefore: true },
      { provider: 'P2', start: '2024-01-01', end: '2024-06-30', shortTerm: true, gapBefore: false }
    ], { from: '2022-04', to: '2025-03' });
    expect((o.y as { domain: string[] }).domain).toEqual(['P1', 'P2']);
    expect(o.marks).toHaveLength(2);
    expect((o.x as { domain: Date[] }).domain.map((d) => d.toISOString().slice(0, 10))).toEqual(['2022-04-01', '2025-04-01']);
    // Provider names get a margin from their widths; a name too long for 40% of the width is cut with ….
    const long = timelineOptions([{ provider: 'Fleetwood and Thornton-Cleveleys Community Wellbeing Service', start: '2022-04-01', end: null, shortTerm: false, gapBefore: false }],
      { from: '2022-04', to: '2025-03' }, { width: 400 });
    expect(long.marginLeft).toBe(160);
    expect(((long.y as { tickFormat: (s: string) => string }).tickFormat)('Fleetwood and Thornton-Cleveleys Community Wellbeing Service')).toMatch(/…$/);
  });
});
