// The trend views' shared filters in the URL, and the sentence each chart carries about them.
import { describe, expect, test } from 'vitest';
import { NO_FILTERS, describeFilters, parseFilters, sqlFilters, writeFilters } from '../../src/lib/state/filters-url';

describe('trend filters in the query string', () => {
  test('empty or unreadable → no filter; reversed months are put in order', () => {
    expect(parseFilters(new URLSearchParams(''))).toEqual(NO_FILTERS);
    expect(parseFilters(new URLSearchParams('from=2024-13&to=24-01&areas=,,&svc=|'))).toEqual(NO_FILTERS);
    expect(parseFilters(new URLSearchParams('from=2025-03&to=2024-04'))).toMatchObject({ from: '2024-04', to: '2025-03' });
  });

  test('a written set reads back the same; other parameters kept, empty ones removed', () => {
    const f = { from: '2023-04', to: '2024-03', areas: ['E06000009', 'E10000017'], serviceCategories: ['arts, culture', 'physical activity'], referralSources: ['GP'], ageBands: ['0-17'] };
    const p = writeFilters(new URLSearchParams('level=parent&svc=old'), f);
    expect(parseFilters(p)).toEqual(f);
    expect(p.get('level')).toBe('parent');
    expect(writeFilters(p, NO_FILTERS).toString()).toBe('level=parent');
    expect(sqlFilters(f)).toEqual({ areaCodes: f.areas, serviceCategories: f.serviceCategories, referralSources: ['GP'], ageBands: ['0-17'] });
  });

  test('the filter sentence names the period, areas and other filters', () => {
    const names = (c: string) => ({ E06000009: 'Blackpool' })[c] ?? c;
    expect(describeFilters(NO_FILTERS, { from: '2022-04', to: '2025-03' })).toBe('Apr 2022 to Mar 2025 · all areas');
    expect(describeFilters({ ...NO_FILTERS, from: '2024-01', areas: ['E06000009'], ageBands: ['0-17'] }, { from: '2022-04', to: '2025-03' }, names))
      .toBe('Jan 2024 to Mar 2025 · areas: Blackpool · age: 0-17');
    expect(describeFilters({ ...NO_FILTERS, areas: ['a', 'b', 'c', 'd', 'e'] }, null)).toBe('areas: 5 areas');
  });
});

test('a chart that honours only some filters says which do not apply', async () => {
  const { describeApplied } = await import('../../src/lib/state/filters-url');
  const f = { ...NO_FILTERS, areas: ['E1'], ageBands: ['0-17'], referralSources: ['GP'] };
  expect(describeApplied(f, { from: '2024-04', to: '2025-03' }, ['areaCodes', 'serviceCategories']))
    .toBe('Apr 2024 to Mar 2025 · areas: E1 · referral source and age band filters do not apply');
  expect(describeApplied(f, null, ['areaCodes', 'referralSources', 'ageBands'])).toBe('areas: E1 · source: GP · age: 0-17');
});
