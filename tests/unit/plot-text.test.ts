import { expect, test } from 'vitest';
import { barOptions } from '../../src/lib/charts/bar-chart';
import { CHART_FONT, CHART_FONT_PX } from '../../src/lib/charts/label-fit';
import { atLeastPx, MIN_CHART_FONT_PX, readableText } from '../../src/lib/charts/plot-text';
import { timelineOptions } from '../../src/lib/charts/timeline-chart';
import { trendOptions } from '../../src/lib/charts/trend-chart';

test('a font size below the minimum becomes the charts\' size; larger and relative sizes are kept', () => {
  expect(MIN_CHART_FONT_PX).toBe(11);
  expect(atLeastPx(undefined)).toBe(`${CHART_FONT_PX}px`);
  expect(atLeastPx('10px')).toBe('12px');
  expect(atLeastPx(10)).toBe('12px');
  expect(atLeastPx('10.5px')).toBe('12px');
  expect(atLeastPx('11px')).toBe('11px');
  expect(atLeastPx(14)).toBe('14px');
  expect(atLeastPx('1.1em')).toBe('1.1em');
});

test("Plot's 10 px default is never drawn: the drawing gets the charts' font and size", () => {
  const out = readableText({ marks: [] });
  expect(out.style).toEqual({ fontFamily: CHART_FONT, fontSize: '12px' });
  // A chart's own style is kept, its size raised only when too small.
  expect(readableText({ style: { fontSize: '9px', color: 'red' } }).style).toMatchObject({ fontSize: '12px', color: 'red' });
  expect(readableText({ style: { fontSize: '13px' } }).style).toMatchObject({ fontSize: '13px' });
});

test('a colour key (legend) beside the plot gets the same size; scales without a key are left alone', () => {
  const timeline = readableText(timelineOptions([{ provider: 'A', start: '2024-01-01', end: null, shortTerm: false, gapBefore: false }], { from: '2024-01', to: '2024-12' }, { width: 360 }));
  expect(timeline.color).toMatchObject({ legend: true, style: { fontSize: '12px', fontFamily: CHART_FONT } });
  const trend = readableText(trendOptions([
    { group: 'a', month: '2024-01', value: 1 }, { group: 'b', month: '2024-01', value: 2 }
  ], { unit: 'referrals', width: 360 }));
  expect(trend.color).toMatchObject({ legend: true, style: { fontSize: '12px' } });
  const bar = barOptions([{ key: 'a', label: 'A', value: 1 }], { unit: 'u', width: 360 });
  expect(readableText(bar).color).toEqual(bar.color);
  // Pure: the options given are not changed.
  const given = { style: { fontSize: '10px' } };
  readableText(given);
  expect(given.style.fontSize).toBe('10px');
});
