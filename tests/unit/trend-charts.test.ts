// Option builders for the monthly trend and SPC charts: what is drawn, in which colours.
import { describe, expect, test } from 'vitest';
import { ROLE, SPC_COLOURS, monthDate } from '../../src/lib/charts/palette';
import { spcData, spcOptions } from '../../src/lib/charts/spc-chart';
import { drawnGroups, trendOptions } from '../../src/lib/charts/trend-chart';
import { spc } from '../../src/lib/domain/spc';
import { WAITING_SERIES, isWaitingSeriesId } from '../../src/lib/domain/waiting-measures';

const months = Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`);

describe('trend chart', () => {
  test('at most eight groups are drawn, the largest by their latest value first', () => {
    const rows = Array.from({ length: 10 }, (_, g) => months.map((month, i) => ({ group: `G${g}`, month, value: g * 10 + i }))).flat();
    const { drawn, hidden } = drawnGroups(rows);
    expect(drawn).toEqual(['G9', 'G8', 'G7', 'G6', 'G5', 'G4', 'G3', 'G2']);
    expect(hidden).toBe(2);
    const o = trendOptions(rows, { unit: 'people', groupName: (g) => `Name ${g}` });
    expect((o.color as { domain: string[] }).domain).toEqual(drawn.map((g) => `Name ${g}`));
  });

  test('one series: a single colour, no legend; months on a UTC axis', () => {
    const o = trendOptions(months.map((month, i) => ({ group: null, month, value: i })), { unit: 'people' });
    expect(o.color).toBeUndefined();
    expect((o.y as { label: string }).label).toBe('people');
    expect(monthDate('2024-03').toISOString()).toBe('2024-03-01T00:00:00.000Z');
  });
});

describe('SPC chart', () => {
  test('special-cause points coloured by improvement or concern; gaps not drawn; limits and target as rules', () => {
    const values = [10, 11, 9, 10, 11, 9, 10, null, 11, 9, 40, 10];
    // Limits from the first seven months, so the spike does not lift the mean above every other month (a run).
    const result = spc(values, { higherIsBetter: false, baseline: { start: 0, end: 7 } });
    const data = spcData(months, result);
    expect(data).toHaveLength(11);
    const spike = data.find((d) => d.month === '2024-11')!;
    expect(spike).toMatchObject({ variation: 'concern', special: true });
    expect(data.filter((d) => d.special)).toHaveLength(1);
    expect(SPC_COLOURS[spike.variation]).toBe(ROLE.worse); // a concern is the palette's 'worse'
    const o = spcOptions(months, result, { unit: 'referrals', target: 12 });
    // mean, upper, lower, target, line, dots, tip
    expect(o.marks).toHaveLength(7);
    expect(spcOptions(months, spc([1]), { unit: 'x' }).marks).toHaveLength(3);
  });

  test('the waiting series catalogue: ids known, directions set for the SPC', () => {
    expect(WAITING_SERIES.map((s) => s.id)).toContain('waiting');
    expect(isWaitingSeriesId('share_over_18w')).toBe(true);
    expect(isWaitingSeriesId('nope')).toBe(false);
    expect(WAITING_SERIES.find((s) => s.id === 'waiting')!.higherIsBetter).toBe(false);
  });
});

describe('small numbers in the waiting series', () => {
  const row = (group: string | null, month: string, n: number) => ({
    group, month, waiting: n, received: n, accepted: n, first_contacts: n, closures: n, median_wait_days: 10, p90_wait_days: 20,
    share_over_4w: 0.5, share_over_8w: 0.2, share_over_18w: 0.1
  });
  test('a count of 1-7 hides the value; a lone suppressed group in a month takes the next smallest with it', async () => {
    const { seriesPoints } = await import('../../src/lib/domain/waiting-measures');
    const rows = [row('A', '2024-01', 5), row('B', '2024-01', 30), row('C', '2024-01', 12), row('A', '2024-02', 0), row('B', '2024-02', 40), row('C', '2024-02', 9)];
    const pts = seriesPoints(rows, 'received');
    expect(pts.map((p) => p.suppressed)).toEqual([true, false, true, false, false, false]);
    expect(pts[0]!.value).toBeNull();
    expect(pts[4]!.value).toBe(40);
    // The median wait rests on first contacts: hidden where they are few, shown where they are not.
    expect(seriesPoints([row(null, '2024-01', 3), row(null, '2024-02', 50)], 'median_wait_days').map((p) => p.value)).toEqual([null, 10]);
    // Threshold 0 turns suppression off.
    expect(seriesPoints(rows, 'received', { maxSuppressed: 0 }).some((p) => p.suppressed)).toBe(false);
  });
});
