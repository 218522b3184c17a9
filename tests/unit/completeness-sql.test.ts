// The incomplete-month rule's inputs (db/sql/completeness.ts) from hand-made referrals in a real DuckDB:
// the extract's latest date and the days from referral to being taken on, worked out in the comments.
import { beforeAll, expect, test } from 'vitest';
import type { DbClient } from '../../src/lib/db/client';
import { fieldSqlType } from '../../src/lib/db/sql/ingest';
import { completenessInputs } from '../../src/lib/db/sql/completeness';
import { EXTRACTS } from '../../src/lib/domain/extracts';
import { openNodeDb } from '../../scripts/lib/node-db';

let db: DbClient;

// Latest date 31 Dec 2024. 2024 has 366 days, so a year before is 1 Jan 2024 and two years 31 Dec 2022:
// the delays are those of referrals received from 31 Dec 2022 to 1 Jan 2024, of up to 365 days.
const ROWS: [string, string, string, string | null, string | null][] = [
  // id, status, referral, first contact, end
  ['m1', 'completed', '2023-06-01', '2023-06-11', '2023-08-01'], // 10 days
  ['m2', 'accepted', '2023-06-01', '2023-07-01', null], // 30 days
  ['m3', 'dna', '2023-03-01', null, '2023-03-21'], // accepted without a first contact: its end date, 20 days
  ['m4', 'accepted', '2023-03-01', '2024-06-01', null], // 458 days: over a year, left out
  ['m5', 'declined', '2023-05-01', null, '2023-05-05'], // never taken on
  ['m6', 'accepted', '2023-05-01', '2023-04-20', null], // first contact before the referral: a data error
  ['old', 'completed', '2022-01-01', '2022-01-05', '2022-02-01'], // before the two years
  ['r1', 'accepted', '2024-11-01', '2024-11-03', null], // recent: not in the delays while older ones exist
  ['r2', 'waiting', '2024-12-31', null, null] // the latest date
];

beforeAll(async () => {
  db = await openNodeDb();
  const defs = EXTRACTS.referrals.fields.map((f) => `${f.name} ${fieldSqlType(f.kind)}`);
  const d = (s: string | null) => (s ? `DATE '${s}'` : 'NULL');
  await db.exec(`CREATE TABLE referrals (${defs.join(', ')});
    INSERT INTO referrals (referral_id, status, referral_date, first_contact_date, end_date) VALUES
    ${ROWS.map(([id, st, rd, fc, ed]) => `('${id}', '${st}', ${d(rd)}, ${d(fc)}, ${d(ed)})`).join(', ')};`);
});

test('the latest date and the delays of referrals a year or two old', async () => {
  expect(await completenessInputs(db)).toEqual({
    asOf: '2024-12-31',
    delays: [{ days: 10, n: 1 }, { days: 20, n: 1 }, { days: 30, n: 1 }],
    mature: true
  });
});

test('under two years of data: every referral taken on counts (mature false)', async () => {
  await db.exec(`DELETE FROM referrals WHERE referral_date < DATE '2024-06-01'`);
  // Left: r1 (2 days) and r2 (waiting).
  expect(await completenessInputs(db)).toEqual({ asOf: '2024-12-31', delays: [{ days: 2, n: 1 }], mature: false });
});

test('no referrals: no date and no delays', async () => {
  await db.exec(`DELETE FROM referrals`);
  expect(await completenessInputs(db)).toEqual({ asOf: null, delays: [], mature: false });
});
