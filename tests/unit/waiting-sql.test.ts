// The Waiting lists view's monthly SQL on a small hand-made dataset in a real DuckDB; every expected
// value is worked out by hand in the comments. Range: January to April 2024.
import { beforeAll, describe, expect, test } from 'vitest';
import type { DbClient } from '../../src/lib/db/client';
import { fieldSqlType } from '../../src/lib/db/sql/ingest';
import { waitingMonthRange, waitingSeries, waitingSeriesSql, type WaitingMonthRow } from '../../src/lib/db/sql/waiting';
import { EXTRACTS } from '../../src/lib/domain/extracts';
import { openNodeDb } from '../../scripts/lib/node-db';

let db: DbClient;

beforeAll(async () => {
  db = await openNodeDb();
  const defs = EXTRACTS.referrals.fields.map((f) => `${f.name} ${fieldSqlType(f.kind)}`);
  const d = (s: string | null) => (s ? `DATE '${s}'` : 'NULL');
  const q = (s: string | null) => (s ? `'${s}'` : 'NULL');
  // id, area, provider, category, source, age band, status, referral, first contact, end
  const rows: (string | null)[][] = [
    ['r1', 'A', 'P1', 'arts', 'GP', '18-29', 'completed', '2023-12-10', '2024-02-05', '2024-03-20'], // waits 57 days; waiting 31 Jan (52 days)
    ['r2', 'A', 'P1', 'arts', 'GP', '30-44', 'waiting', '2024-01-15', null, null], // waiting from January on
    ['r3', 'A', 'P2', 'green', 'self', '18-29', 'declined', '2024-01-20', null, null], // declined, no end date: closed, never waiting
    ['r4', 'B', 'P2', 'green', 'self', '45-64', 'accepted', '2024-01-31', '2024-01-31', null], // seen the day received: wait 0, never on a month-end list
    ['r5', 'B', 'P1', 'arts', 'GP', '45-64', 'completed', '2023-06-01', null, '2024-03-05'], // long waiter, ended unseen 5 March
    ['r6', 'B', 'P2', 'green', 'GP', '65-74', 'withdrawn', '2024-02-10', null, '2024-04-02'], // waiting end of Feb and Mar, withdrawn in April
    ['r7', 'A', null, null, 'GP', null, 'accepted', '2024-03-01', '2024-04-15', null], // blank provider, category and age; wait 45
    ['r8', 'A', 'P0', 'arts', 'GP', '18-29', 'completed', '2023-11-01', '2023-11-20', '2023-12-15'], // all before the range
    ['r9', 'B', 'P1', 'arts', 'GP', '30-44', 'accepted', '2024-02-01', '2024-02-11', null], // wait 10
    ['r10', 'A', 'P1', 'arts', 'GP', '18-29', 'accepted', '2024-02-20', '2024-02-22', null], // wait 2
    ['r11', 'B', 'P3', 'food', 'hospital', '75+', 'waiting', '2024-05-03', null, null], // after the range (the data's last date)
    ['r12', 'A', 'P2', 'green', 'GP', '30-44', 'accepted', '2024-03-10', '2024-03-01', null], // first contact before referral: a data error
    ['r13', 'A', 'P2', 'green', 'self', '65-74', 'waiting', '2023-12-01', null, null], // waiting throughout
    ['r14', 'B', 'P1', 'arts', 'self', '30-44', 'waiting', '2024-04-02', null, null] // exactly 28 days on 30 April: not over 4 weeks
  ];
  const values = rows.map(([id, area, prov, cat, src, age, status, rd, fc, ed]) =>
    `(${q(id!)}, ${q(area!)}, ${q(prov!)}, ${q(cat!)}, ${q(src!)}, ${q(age!)}, ${q(status!)}, ${d(rd!)}, ${d(fc!)}, ${d(ed!)})`);
  await db.exec(`CREATE TABLE referrals (${defs.join(', ')});
    INSERT INTO referrals (referral_id, area_code, provider_id, service_category, referral_source, age_band, status,
      referral_date, first_contact_date, end_date) VALUES ${values.join(', ')};`);
});

const JAN_APR = { from: '2024-01', to: '2024-04' };
const col = <K extends keyof WaitingMonthRow>(rows: WaitingMonthRow[], k: K) => rows.map((r) => r[k]);
const ofGroup = (rows: WaitingMonthRow[], g: string | null) => rows.filter((r) => r.group === g);

describe('all referrals, January to April 2024', () => {
  test('month-end waiting list and its waits over 4, 8 and 18 weeks', async () => {
    const rows = await waitingSeries(db, JAN_APR);
    expect(col(rows, 'month')).toEqual(['2024-01', '2024-02', '2024-03', '2024-04']);
    expect(col(rows, 'month_end')).toEqual(['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30']);
    expect(col(rows, 'group')).toEqual([null, null, null, null]);
    // 31 Jan: r1 (52 days), r2 (16), r5 (244), r13 (61)          → 4; over 4 weeks r1 r5 r13, over 8 r5 r13, over 18 r5
    // 29 Feb: r2 (45), r5 (273), r6 (19), r13 (90)               → 4; over 4 r2 r5 r13, over 8 r5 r13, over 18 r5
    // 31 Mar: r2 (76), r6 (50), r7 (30), r13 (121); r5 ended     → 4; over 4 all, over 8 r2 r13, over 18 none
    // 30 Apr: r2 (106), r13 (151), r14 (28); r6 ended, r7 seen   → 3; over 4 r2 r13, over 8 r2 r13, over 18 r13
    // Never counted: r3 (declined, no end date), r4 (seen the day it came), r12 (contact date before referral).
    expect(col(rows, 'waiting')).toEqual([4, 4, 4, 3]);
    expect(col(rows, 'waiting_over_4w')).toEqual([3, 3, 4, 2]);
    expect(col(rows, 'waiting_over_8w')).toEqual([2, 2, 2, 2]);
    expect(col(rows, 'waiting_over_18w')).toEqual([1, 1, 0, 1]);
    expect(col(rows, 'share_over_4w')).toEqual([0.75, 0.75, 1, 2 / 3]);
    expect(col(rows, 'share_over_8w')).toEqual([0.5, 0.5, 0.5, 2 / 3]);
    expect(col(rows, 'share_over_18w')).toEqual([0.25, 0.25, 0, 1 / 3]);
    expect(col(rows, 'partial_month')).toEqual([false, false, false, false]);
  });

  test('flows in each month, and median and p90 waits of those first contacted', async () => {
    const rows = await waitingSeries(db, JAN_APR);
    // Received: Jan r2 r3 r4; Feb r6 r9 r10; Mar r7 r12; Apr r14.
    expect(col(rows, 'received')).toEqual([3, 3, 2, 1]);
    // Accepted, by the month received: Jan r4 (not r2 waiting, r3 declined); Feb r9 r10 (not r6, withdrawn
    // unseen); Mar r7 r12 (a first contact dated before the referral still shows it was taken on); Apr none (r14 waiting).
    expect(col(rows, 'accepted')).toEqual([1, 2, 2, 0]);
    // First contacts: Jan r4; Feb r1 r9 r10; Mar none (r12's is before its referral); Apr r7.
    expect(col(rows, 'first_contacts')).toEqual([1, 3, 0, 1]);
    // Closures (end date in the month): Mar r1 r5; Apr r6. r3's declined status has no date.
    expect(col(rows, 'closures')).toEqual([0, 0, 2, 1]);
    // Left the list: Jan r4; Feb r1 r9 r10; Mar r5 r12 (joined and left the same month); Apr r6 r7.
    expect(col(rows, 'left_waiting')).toEqual([1, 3, 2, 2]);
    // The list balances: 3 waiting on 31 Dec (r1 r5 r13) + received − left − r3 (closed undated, January).
    expect(3 + 3 - 1 - 1).toBe(rows[0]!.waiting);
    rows.slice(1).forEach((r, i) => expect(rows[i]!.waiting + r.received - r.left_waiting).toBe(r.waiting));
    // Waits: Jan [0]; Feb [2, 10, 57] → median 10, p90 at position 1.8 = 10 + 0.8 × 47 = 47.6; Mar none; Apr [45].
    expect(col(rows, 'median_wait_days')).toEqual([0, 10, null, 45]);
    expect(rows[1]!.p90_wait_days).toBeCloseTo(47.6, 10);
    expect(col(rows, 'p90_wait_days').map((v) => (v === null ? null : Math.round(v * 10) / 10))).toEqual([0, 47.6, null, 45]);
  });

  test('months after the data\'s last referral date are flagged partial', async () => {
    const rows = await waitingSeries(db, { from: '2024-04', to: '2024-06' });
    // Last referral 3 May: May and June ends are after it. r11 joins in May.
    expect(col(rows, 'partial_month')).toEqual([false, true, true]);
    expect(col(rows, 'waiting')).toEqual([3, 4, 4]);
    expect(col(rows, 'received')).toEqual([1, 1, 0]);
  });
});

describe('breakdowns and filters', () => {
  test('by area: the groups add up to the whole', async () => {
    const rows = await waitingSeries(db, { ...JAN_APR, by: 'area' });
    expect([...new Set(col(rows, 'group'))]).toEqual(['A', 'B']);
    const a = ofGroup(rows, 'A');
    const b = ofGroup(rows, 'B');
    // A: Jan r1 r2 r13; Feb r2 r13; Mar r2 r7 r13; Apr r2 r13. B: Jan r5; Feb r5 r6; Mar r6; Apr r14.
    expect(col(a, 'waiting')).toEqual([3, 2, 3, 2]);
    expect(col(b, 'waiting')).toEqual([1, 2, 1, 1]);
    expect(col(a, 'received')).toEqual([2, 1, 2, 0]);
    expect(col(b, 'received')).toEqual([1, 2, 0, 1]);
    expect(col(a, 'median_wait_days')).toEqual([null, 29.5, null, 45]); // Feb: r1 57, r10 2
    expect(col(b, 'median_wait_days')).toEqual([0, 10, null, null]);
  });

  test('by provider: a blank provider is its own group, last; providers with nothing in the range are left out', async () => {
    const rows = await waitingSeries(db, { ...JAN_APR, by: 'provider' });
    // P0 had one referral, all over by December; P3's only referral is in May.
    expect([...new Set(col(rows, 'group'))]).toEqual(['P1', 'P2', null]);
    expect(col(ofGroup(rows, null), 'waiting')).toEqual([0, 0, 1, 0]);
    expect(col(ofGroup(rows, null), 'first_contacts')).toEqual([0, 0, 0, 1]);
    // P1: Jan r1 r2 r5; Feb r2 r5; Mar r2; Apr r2 r14.
    expect(col(ofGroup(rows, 'P1'), 'waiting')).toEqual([3, 2, 1, 2]);
  });

  test('filters: service category, and areas with a breakdown by referral source', async () => {
    // Green: r3 (closed), r4 (seen at once), r6 (Feb–Mar), r12 (error), r13 (throughout).
    const green = await waitingSeries(db, { ...JAN_APR, serviceCategories: ['green'] });
    expect(col(green, 'waiting')).toEqual([1, 2, 2, 1]);
    expect(col(green, 'received')).toEqual([2, 1, 1, 0]);
    expect(col(green, 'closures')).toEqual([0, 0, 0, 1]);
    // Area A (and an unknown code) by source: GP r1 r2 r7 r8 r10 r12; self r3 r13.
    const bySource = await waitingSeries(db, { ...JAN_APR, by: 'referral_source', areaCodes: ['A', 'ZZ'] });
    expect([...new Set(col(bySource, 'group'))]).toEqual(['GP', 'self']);
    expect(col(ofGroup(bySource, 'GP'), 'waiting')).toEqual([2, 1, 2, 1]);
    expect(col(ofGroup(bySource, 'self'), 'waiting')).toEqual([1, 1, 1, 1]);
    expect(col(ofGroup(bySource, 'self'), 'received')).toEqual([1, 0, 0, 0]);
    // Several filters at once: area B, age 45-64 → r4 and r5.
    const b45 = await waitingSeries(db, { ...JAN_APR, areaCodes: ['B'], ageBands: ['45-64'], providers: ['P1', 'P2'], referralSources: ['GP', 'self'] });
    expect(col(b45, 'waiting')).toEqual([1, 1, 0, 0]);
    expect(col(b45, 'first_contacts')).toEqual([1, 0, 0, 0]);
  });

  test('filter values are bound, never spliced into the SQL', async () => {
    const evil = "A') OR 1=1 --";
    const { sql, params } = waitingSeriesSql({ ...JAN_APR, areaCodes: [evil, 'B'], by: 'age_band' });
    expect(sql).not.toContain(evil);
    expect(sql).toContain('area_code IN (?, ?)');
    // From the summary tables: each of the four inputs binds the values again.
    expect(params).toEqual(['2024-01-01', '2024-04-01', ...Array(4).fill([evil, 'B']).flat()]);
    expect(col(await waitingSeries(db, { ...JAN_APR, areaCodes: [evil] }), 'waiting')).toEqual([]);
    // From the records (a provider filter): once.
    const records = waitingSeriesSql({ ...JAN_APR, areaCodes: [evil], providers: ['P1'] });
    expect(records.sql).not.toContain(evil);
    expect(records.params).toEqual(['2024-01-01', '2024-04-01', evil, 'P1']);
  });
});

describe('edges', () => {
  test('a bad or reversed range gives no rows; the builder refuses a malformed month', async () => {
    expect(await waitingSeries(db, { from: '2024-04', to: '2024-01' })).toEqual([]);
    expect(await waitingSeries(db, { from: '2024-13', to: '2024-14' })).toEqual([]);
    expect(await waitingSeries(db, { from: "2024-01'", to: '2024-02' })).toEqual([]);
    expect(() => waitingSeriesSql({ from: '24-01', to: '2024-02' })).toThrow();
  });

  test('a range before any referral gives no rows', async () => {
    expect(await waitingSeries(db, { from: '2020-01', to: '2020-12' })).toEqual([]);
  });

  test('the months the data covers', async () => {
    expect(await waitingMonthRange(db)).toEqual({ from: '2023-06', to: '2024-05' });
  });
});
