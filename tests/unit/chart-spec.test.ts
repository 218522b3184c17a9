// A chart is one value (charts/spec.ts): its table twin, its CSV and its notes come from the spec, and a
// cell the disclosure step hid is `*` on screen and in every export alike. Figures here are hand-made.
import { describe, expect, test } from 'vitest';
import { funnelSpec } from '../../src/lib/charts/funnel-spec';
import { lineAt } from '../../src/lib/charts/funnel-chart';
import { frameState, lineText, samePlot } from '../../src/lib/charts/spec';
import { trendSpec } from '../../src/lib/charts/trend-chart';
import { cellText, columnsFor } from '../../src/lib/charts/twin-table';
import { FUNNEL_MEASURES, type FunnelAreaRow, type FunnelData } from '../../src/lib/domain/equity/funnel-data';
import { fmtInt } from '../../src/lib/domain/format';
import { suppressTable } from '../../src/lib/domain/stats/suppression';
import { tableCsv, twinMatrix } from '../../src/lib/export/table-csv';

const base = { id: 'x', title: 'T', subtitle: 'S', source: 'Source: test', footnote: 'F' };

describe('the frame state', () => {
  test('an error wins; a first load is loading; otherwise ready only when something is drawn (the spec says which)', () => {
    expect(frameState('boom', true, true, true)).toBe('error');
    expect(frameState(null, true, false, false)).toBe('loading');
    expect(frameState(null, true, true, true)).toBe('ready'); // a reload keeps the old chart
    expect(frameState(null, false, true, false)).toBe('empty');
  });
});

describe('the plot of a spec made again', () => {
  test('is the same function while what it is drawn from is the same, so the chart is not redrawn', () => {
    const rows = [{ v: 1 }];
    const a = samePlot('t-1', [rows, 'unit'], () => () => ({ marks: [] }));
    const b = samePlot('t-1', [rows, 'unit'], () => () => ({ marks: [] }));
    expect(b).toBe(a);
    expect(samePlot('t-1', [[...rows], 'unit'], () => () => ({}))).not.toBe(a); // new rows
    expect(samePlot('t-2', [rows, 'unit'], () => () => ({}))).not.toBe(a); // another chart
  });
});

describe('the funnel spec', () => {
  const rate = FUNNEL_MEASURES.find((m) => m.id === 'referral_rate')!;
  const rows: FunnelAreaRow[] = [
    { code: 'E2', name: 'Bee', denominator: 50_000, events: 4, value: 0.1234, lower: 0.03, upper: 0.31, significance: 'Low (0.001)' },
    { code: 'E1', name: 'Ay', denominator: 120_000, events: 1500, value: 12.345678, lower: 11.7, upper: 13.0, significance: 'Not significant' }
  ];
  const shown = suppressTable(rows, { countColumns: ['events'], derived: { value: 'events', lower: 'events', upper: 'events', significance: 'events' } });
  const data: FunnelData = { measure: 'referral_rate', baseline: 12, lines: [], rows };
  const spec = funnelSpec(base, rate, data, shown);

  test('the table lists every area by name; the suppressed one reads * in every figure that rests on its count', () => {
    const screen = columnsFor(spec.table.columns, 'screen');
    expect(screen.map((c) => c.label)).toEqual(['Area', 'Population', 'Referrals in year', 'Referral rate', '95% CI', 'Compared with all areas']);
    const [ay, bee] = spec.table.rows;
    expect(screen.map((c) => cellText(c, ay!))).toEqual(['Ay', '120,000', '1,500', '12.3', '11.7 to 13.0', 'Within 95%']);
    expect(screen.map((c) => cellText(c, bee!))).toEqual(['Bee', '50,000', '*', '*', '*', '*']);
  });

  test('the CSV is the same table: the interval as two unrounded numbers, the code added, * kept, then the centre line and limits', () => {
    // The fixture draws no limit lines, so the limits are blank; the centre line is the all-areas figure.
    expect(tableCsv(twinMatrix(spec.table.columns, spec.table.rows))).toBe(
      '\ufeffArea,Code,Population,Referrals in year,Referral rate,Lower 95% CI,Upper 95% CI,Compared with all areas,' +
      'All areas (centre line),Lower 95% control limit,Upper 95% control limit,Lower 99.8% control limit,Upper 99.8% control limit\r\n' +
      'Ay,E1,120000,1500,12.345678,11.7,13,Within 95%,12,,,,\r\n' +
      'Bee,E2,50000,*,*,*,*,*,12,,,,\r\n'
    );
  });

  test('a limit line is read at an area\'s denominator as drawn: straight between its points, nothing outside them', () => {
    const points = [{ x: 1000, y: 20 }, { x: 2000, y: 16 }, { x: 4000, y: 14 }];
    expect(lineAt(points, 1000)).toBe(20);
    expect(lineAt(points, 1500)).toBe(18);
    expect(lineAt(points, 3000)).toBe(15);
    expect(lineAt(points, 4000)).toBe(14);
    expect(lineAt(points, 999)).toBeNull();
    expect(lineAt(points, 4001)).toBeNull();
    expect(lineAt([], 1)).toBeNull();
  });

  test('the notes say how many areas are outliers; the key names every colour and line', () => {
    // Bee's value is hidden, so it is not drawn, labelled or counted.
    expect(lineText(spec.notes![0]!)).toBe('0 areas are outside the 99.8% limits and labelled where there is room; every area is in the table.');
    expect(spec.key!.map((k) => k.label)).toContain('99.8% limits');
    expect(spec.state).toBe('ready');
  });
});

describe('the trend spec', () => {
  test('a month per row and a column per group (also groups not drawn); a suppressed month is *', () => {
    const groups = Array.from({ length: 10 }, (_, i) => `g${i}`);
    const rows = groups.flatMap((g, i) => ['2024-04', '2024-05'].map((month) => ({ group: g, month, value: i * 10 + (month === '2024-05' ? 1 : 0) })));
    rows[0] = { ...rows[0]!, value: null as unknown as number, suppressed: true } as typeof rows[0];
    const spec = trendSpec(base, rows, { unit: 'referrals', format: fmtInt, groupName: (g) => g ?? 'All' });
    expect(spec.table.columns).toHaveLength(11);
    expect(spec.table.rows).toHaveLength(2);
    const matrix = twinMatrix(spec.table.columns, spec.table.rows);
    expect(matrix[1]!.slice(0, 3).map((c) => c.text)).toEqual(['Apr 2024', '*', '10']);
    expect(matrix[2]!.slice(0, 3).map((c) => c.text)).toEqual(['May 2024', '1', '11']);
    const notes = spec.notes!.map(lineText);
    expect(notes).toContain('Suppressed months are gaps in the lines.');
    expect(notes).toContain('2 more groups are in the table, not drawn: choose fewer with the filters to compare them.');
  });

  test('nothing with a value: the frame says empty', () => {
    const spec = trendSpec(base, [{ group: null, month: '2024-04', value: null }], { unit: 'u', format: fmtInt, groupName: () => 'All' });
    expect(spec.state).toBe('empty');
  });
});

test('a picture column (a sparkline on screen) is in no table made as text, the screen version the board pack takes included', () => {
  const columns = [
    { key: 'name', label: 'Measure', value: (r: { name: string }) => r.name },
    { key: 'trend', label: 'Trend', only: 'screen' as const, picture: true, value: () => '' },
    { key: 'note', label: 'Note', only: 'screen' as const, value: () => 'shown' }
  ];
  const rows = [{ name: 'Referral rate' }];
  expect(twinMatrix(columns, rows, 'screen')).toEqual([[{ text: 'Measure' }, { text: 'Note' }], [{ text: 'Referral rate' }, { text: 'shown' }]]);
  expect(twinMatrix(columns, rows)).toEqual([[{ text: 'Measure' }], [{ text: 'Referral rate' }]]);
});
