import { expect, test } from 'vitest';
import { sourceLine } from '../../src/lib/export/source-line';

test('the source line names the files behind the chart, with the day they were loaded', () => {
  const sources = [
    { table_name: 'referrals', file_name: 'refs Q1.csv', origin: 'upload' as const, loaded_at: '2026-11-24T09:15:00Z' },
    { table_name: 'referrals', file_name: 'refs Q2.csv', origin: 'upload' as const, loaded_at: '2026-11-24T09:16:00Z' },
    { table_name: 'funding', file_name: 'ledger.csv', origin: 'upload' as const, loaded_at: '2026-11-23T10:00:00Z' }
  ];
  expect(sourceLine(sources, ['referrals'])).toBe('Source: refs Q1.csv (loaded 24 Nov 2026), refs Q2.csv (loaded 24 Nov 2026); Fairshare');
  expect(sourceLine(sources, ['population'])).toBe('Source: no data loaded; Fairshare');
  expect(sourceLine([{ ...sources[0]!, origin: 'demo' }], ['referrals'])).toMatch(/synthetic demo data/);
});

test('the built-in reference is named with its vintage, beside the files, when it supplies population', () => {
  const refs = { table_name: 'referrals', file_name: 'refs.csv', origin: 'upload' as const, loaded_at: '2026-11-24T09:15:00Z' };
  const reference = { table_name: 'population', file_name: 'population ONS mid-2020 and IMD 2019 (built in) for 15 areas', origin: 'reference' as const, loaded_at: '' };
  expect(sourceLine([refs, reference], ['referrals', 'population'])).toBe(
    'Source: refs.csv (loaded 24 Nov 2026); population ONS mid-2020 and IMD 2019 (built in) for 15 areas; Fairshare'
  );
  expect(sourceLine([refs, reference], ['referrals'])).toBe('Source: refs.csv (loaded 24 Nov 2026); Fairshare');
  expect(sourceLine([{ ...refs, origin: 'demo' }, reference], ['referrals', 'population'])).toBe(
    'Source: Fairshare synthetic demo data (not real); population ONS mid-2020 and IMD 2019 (built in) for 15 areas; Fairshare'
  );
});

test('a mix of the user files and demo tables is named as a mix, table by table', () => {
  const refs = { table_name: 'referrals', file_name: 'refs.csv', origin: 'upload' as const, loaded_at: '2026-12-03T09:15:00Z' };
  const funding = { table_name: 'funding', file_name: 'funding.csv', origin: 'demo' as const, loaded_at: '2026-12-03T09:00:00Z' };
  const pop = { table_name: 'population', file_name: 'population.csv', origin: 'demo' as const, loaded_at: '2026-12-03T09:00:00Z' };
  expect(sourceLine([refs, funding, pop], ['referrals', 'funding', 'population'])).toBe(
    'Source: a mix of your files and synthetic demo data: refs.csv (loaded 3 Dec 2026); funding, population: Fairshare synthetic demo data (not real); Fairshare'
  );
  // A figure that reads only the user's table is not called a mix.
  expect(sourceLine([refs, funding, pop], ['referrals'])).toBe('Source: refs.csv (loaded 3 Dec 2026); Fairshare');
});
