// The Map view in the URL: what a copied link carries, and how bad values fall back to defaults.
import { describe, expect, test } from 'vitest';
import { defaultYear, parseMapView, writeMapView } from '../../src/lib/state/map-url';

describe('map view in the query string', () => {
  test('defaults for an empty or unreadable query', () => {
    const blank = { measure: 'dft', fy: null, classing: 'continuous', weights: { deprivation: 0.5, age: 0.25 }, level: 'area', area: null, shape: 'map', providers: false };
    expect(parseMapView(new URLSearchParams(''))).toEqual(blank);
    expect(parseMapView(new URLSearchParams('measure=nope&fy=2024&classing=x&wd=2&wa=-1&area=%20&level=county'))).toEqual(blank);
    // The reference's levels are read as they are written.
    for (const level of ['sicbl', 'icb', 'nhser', 'rgn', 'parent']) expect(parseMapView(new URLSearchParams(`level=${level}`)).level).toBe(level);
  });

  test('a written view reads back the same, keeping unrelated parameters', () => {
    const view = { measure: 'referral_rate' as const, fy: '2023/24', classing: 'quantile' as const, weights: { deprivation: 1, age: 0 }, level: 'parent' as const, area: 'E54000048', shape: 'hex' as const, providers: true };
    const params = writeMapView(new URLSearchParams('other=1&area=OLD'), view);
    expect(params.toString()).toBe('other=1&area=E54000048&measure=referral_rate&fy=2023%2F24&classing=quantile&wd=1&wa=0&level=parent&shape=hex&providers=1');
    expect(parseMapView(params)).toEqual(view);
    expect(writeMapView(params, { ...view, area: null, fy: null }).has('area')).toBe(false);
    // Providers off: no parameter at all.
    expect(writeMapView(params, { ...view, providers: false }).has('providers')).toBe(false);
  });

  test('the default year is the latest with the measure\'s source extract', () => {
    const years = [
      { fy: '2023/24', has_funding: true, has_referrals: true },
      { fy: '2024/25', has_funding: true, has_referrals: false },
      { fy: '2025/26', has_funding: false, has_referrals: true }
    ];
    expect(defaultYear(years, 'funding')).toBe('2024/25');
    expect(defaultYear(years, 'referrals')).toBe('2025/26');
    expect(defaultYear(years, 'providers')).toBe('2025/26');
    expect(defaultYear([], 'funding')).toBeNull();
  });
});
