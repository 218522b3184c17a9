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
