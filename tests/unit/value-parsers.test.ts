// The SQL value parsers (db/sql/macros.ts) run in a real DuckDB, exactly as the app runs them.
import { beforeAll, describe, expect, test } from 'vitest';
import type { DbClient } from '../../src/lib/db/client';
import { openNodeDb } from '../../scripts/lib/node-db';

let db: DbClient;
beforeAll(async () => {
  db = await openNodeDb();
});

async function one(expr: string, value: string | null): Promise<unknown> {
  const [r] = await db.query<{ v: unknown }>(`SELECT ${expr} AS v FROM (SELECT ?::VARCHAR AS x)`, [value]);
  return r!.v;
}

describe('dates', () => {
  test.each([
    ['2024-05-13', '2024-05-13'],
    ['13/05/2024', '2024-05-13'],
    ['04/03/2024', '2024-03-04'], // day first: 4 March, never 3 April
    ['4/3/2024', '2024-03-04'],
    ['13-05-2024', '2024-05-13'],
    ['13.05.2024', '2024-05-13'],
    ['13/05/24', '2024-05-13'],
    ['13 May 2024', '2024-05-13'],
    ['13-May-2024', '2024-05-13'],
    ['2024-05-13 09:30:00', '2024-05-13'],
    ['2024-05-13T09:30:00.000Z', '2024-05-13'],
    ['13/05/2024 09:30', '2024-05-13'],
    ['45425', '2024-05-13'], // Excel serial day number
    ['2024/05/13', '2024-05-13'],
    // Excel's default display formats and their variants, as saved to CSV
    ['13-May-24', '2024-05-13'],
    ['1-Apr-24', '2024-04-01'],
    ['01 Apr 24', '2024-04-01'],
    ['01-Apr-99', '1999-04-01'],
    ['13.05.24', '2024-05-13'],
    ['13 May 2024 00:00', '2024-05-13'],
    ['13-May-2024 09:30:15', '2024-05-13'],
    ['13/05/2024 9:30', '2024-05-13'],
    ['13 September 2024', '2024-09-13'],
    ['13 Sept 2024', '2024-09-13'],
    ['May 13, 2024', '2024-05-13'],
    ['September 13, 2024', '2024-09-13'],
    ['20240513', '2024-05-13'],
    ['45425.5', '2024-05-13'] // a date-time as an Excel serial
  ])('%s parses as %s', async (raw, iso) => {
    expect(await one(`strftime(fs_date(x), '%Y-%m-%d')`, raw)).toBe(iso);
  });
  test.each(['31/02/2024', '2024-13-01', 'next tuesday', '12345', '05/13/2024', '20241301', '12345678', '45425.5.1'])('%s is not a date', async (raw) => {
    expect(await one('fs_date(x)', raw)).toBeNull();
  });
});

describe('money', () => {
  test.each([
    ['1234.5', 1234.5],
    ['£1,234.50', 1234.5],
    ['£900.00', 900],
    ['(1,200.00)', -1200],
    ['(£250.00)', -250],
    ['-£250', -250],
    ['£-250', -250],
    ['250.00-', -250],
    ['1,000 CR', -1000],
    ['GBP 12,000', 12000],
    ['1.2E+05', 120000],
    [' £ 3 000.10 ', 3000.1],
    ['£12,50', 12.5], // a decimal comma (European exports), never 1250
    ['1,5', 1.5],
    ['£(50.00)', -50], // Excel's accounting format: the symbol outside the brackets
    ['£ (1,250.00) ', -1250],
    ['500.00 DR', 500],
    ['£ -', 0], // the accounting format's zero
    ['£12k', 12000],
    ['£1.2m', 1200000],
    ['1.5 M', 1500000]
  ])('%s is %d', async (raw, n) => {
    expect(await one('fs_money(x)', raw)).toBeCloseTo(n, 2);
  });
  test.each(['twelve', '£', '1.2.3', '12a', 'NaN', 'inf', '-Infinity', '1.200,00', '12,34,5', '12 kg', '£1.2bn', 'DR'])('%s is not money', async (raw) => {
    expect(await one('fs_money(x)', raw)).toBeNull();
  });
  test.each([
    ['1,234', 1234],
    ['12,345.6', 12345.6],
    ['-1,234,567', -1234567],
    ['12 345', 12345],
    ['30,5', 30.5], // a decimal comma, never 305
    ['53,7632', 53.7632],
    ['25 per month', 25], // as typed into provider directories
    ['30/month', 30],
    ['approx 20', 20],
    ['approximately 20', 20],
    ['up to 40 places', 40],
    ['0.6 WTE', 0.6]
  ])('number %s is %d', async (raw, n) => {
    expect(await one('fs_number(x)', raw)).toBeCloseTo(n, 6);
  });
  test.each(['1.234,5', '1,23,4', '12,3456,7', 'TBC', 'Unlimited', '25 per week', 'per month'])('%s is not a number (separators that cannot be told apart)', async (raw) => {
    expect(await one('fs_number(x)', raw)).toBeNull();
  });
  test.each(['NaN', 'nan', 'inf', '-inf', 'Infinity'])('%s is not a number (it would poison every mean)', async (raw) => {
    expect(await one('fs_number(x)', raw)).toBeNull();
  });
});

describe('financial years and periods', () => {
  test.each([
    ['2023/24', '2023/24'],
    ['2023-24', '2023/24'],
    ['FY2023/24', '2023/24'],
    ['FY 2023-24', '2023/24'],
    ['2023/2024', '2023/24'],
    ['23/24', '2023/24'],
    ['2099/00', '2099/00'],
    ['2023-04', '2023-04'],
    ['Apr-23', '2023-04'],
    ['April 2023', '2023-04'],
    ['04/2023', '2023-04'],
    ['15/04/2023', '2023-04'],
    ['202304', '2023-04'],
    ['45597', '2024-11'], // an Excel serial day number (1 November 2024), not July of the year 4559
    ['Nov 2024', '2024-11'],
    // finance ledgers: month n of the financial year, or a quarter (kept as the year)
    ['M01 2024/25', '2024-04'],
    ['M09 2024/25', '2024-12'],
    ['M10 2024/25', '2025-01'],
    ['P12 24/25', '2025-03'],
    ['Month 3, FY2023-24', '2023-06'],
    ['Q1 2024/25', '2024/25'],
    ['q4 2023-24', '2023/24']
  ])('%s is the period %s', async (raw, p) => {
    expect(await one('fs_period(x)', raw)).toBe(p);
  });
  test.each(['2023/25', '2023', 'last year', '202313', 'M13 2024/25', 'Q5 2024/25', 'M01 2024/26'])('%s is not a period', async (raw) => {
    expect(await one('fs_period(x)', raw)).toBeNull();
  });
  test('financial year of a date runs April to March', async () => {
    expect(await one(`fs_fy_of(DATE '2024-03-31')`, null)).toBe('2023/24');
    expect(await one(`fs_fy_of(DATE '2024-04-01')`, null)).toBe('2024/25');
    expect(await one(`strftime(fs_period_start('2024/25'), '%Y-%m-%d')`, null)).toBe('2024-04-01');
  });
});

describe('suppression and missing markers', () => {
  test.each(['*', '**', 'c', '[c]', '<5', '< 3', '-', '..', 'x', '[x]', '[low]', '[u]', '[w]', 'n<5', 'n< 5', 'suppressed', 'Suppressed', '~'])('%s is a suppression marker in numbers', async (raw) => {
    expect(await one('fs_is_marker(x, true)', raw)).toBe(true);
    expect(await one('fs_value(x, true)', raw)).toBeNull();
  });
  test('letters are values in text columns, * is still a marker', async () => {
    expect(await one('fs_is_marker(x, false)', 'c')).toBe(false);
    expect(await one('fs_is_marker(x, false)', '*')).toBe(true);
  });
  test.each(['n/a', 'N/A', '#N/A', 'null', 'Not known'])('%s is missing, not suppressed', async (raw) => {
    expect(await one('fs_is_marker(x, true)', raw)).toBe(false);
    expect(await one('fs_value(x, true)', raw)).toBeNull();
  });
  test('real values are kept', async () => {
    expect(await one('fs_value(x, true)', '5')).toBe('5');
    expect(await one('fs_value(x, true)', '-5')).toBe('-5');
  });
});

describe('status, age band, decile, cleaning', () => {
  test.each([
    ['Completed', 'completed'],
    ['Did Not Attend', 'dna'],
    ['DNA', 'dna'],
    ['On waiting list', 'waiting'],
    ['IN PROGRESS', 'accepted'],
    ['Rejected', 'declined'],
    ['Cancelled', 'withdrawn'],
    ['Closed – completed', 'completed'] // an en dash, as Excel autocorrects a hyphen
  ])('status %s is %s', async (raw, s) => {
    expect(await one('fs_status(x)', raw)).toBe(s);
  });
  test('unknown status is NULL', async () => {
    expect(await one('fs_status(x)', 'Lost')).toBeNull();
  });
  test.each([
    ['17', '0-17'],
    ['18', '18-29'],
    ['64', '45-64'],
    ['80', '75+'],
    ['18 to 29', '18-29'],
    ['75 and over', '75+'],
    ['65 – 74', '65-74'],
    ['Age 45-64', '45-64'],
    ['Aged 18 to 29 years', '18-29'],
    ['Aged 75 and over', '75+'],
    ['Under 18', '0-17'],
    ['<18', '0-17'],
    ['aged under 16 years', '0-15'],
    ['65+', '65+']
  ])('age %s is band %s', async (raw, b) => {
    expect(await one('fs_age_band(x)', raw)).toBe(b);
  });
  test.each([
    ['1', 1],
    ['10', 10],
    ['3.0', 3],
    ['0', null],
    ['11', null],
    ['2.5', null],
    ['1 - Most deprived', 1],
    ['Decile 3', 3],
    ['10 (least deprived)', 10],
    ['Most deprived', null],
    ['12 - x', null],
    ['3-4', null], // a range is not one decile
    ['10-20', null]
  ])('decile %s is %s', async (raw, d) => {
    expect(await one('fs_decile(x)', raw)).toBe(d);
  });
  test('cleaning trims ordinary and non-breaking spaces, blanks are NULL', async () => {
    expect(await one('fs_clean(x)', '\u00a0 Blackpool  ')).toBe('Blackpool');
    expect(await one('fs_clean(x)', '   ')).toBeNull();
  });
  test.each(['Total', 'TOTAL', 'Grand total', 'Totals:', 'Sub-total'])('%s marks a totals row', async (raw) => {
    expect(await one('fs_is_total(x)', raw)).toBe(true);
  });
  test('an ordinary value is not a totals row', async () => {
    expect(await one('fs_is_total(x)', 'Totally Active CIC')).toBe(false);
  });
});
