// The Overview's queries run against a small hand-made dataset in a real DuckDB, in canonical tables.
import { beforeAll, expect, test } from 'vitest';
import type { DbClient } from '../../src/lib/db/client';
import { overviewFigures } from '../../src/lib/db/queries';
import { fieldSqlType } from '../../src/lib/db/sql/ingest';
import { EXTRACTS, type ExtractKind } from '../../src/lib/domain/extracts';
import { openNodeDb } from '../../scripts/lib/node-db';

let db: DbClient;

/** An empty canonical table (as a load creates it) filled with the given columns' rows. */
async function table(kind: ExtractKind, cols: string[], rows: string[]) {
  const defs = EXTRACTS[kind].fields.map((f) => `${f.name} ${fieldSqlType(f.kind)}`);
  if (kind === 'funding') defs.push('period_start DATE', 'fy VARCHAR');
  await db.exec(`CREATE TABLE ${kind} (${defs.join(', ')}); INSERT INTO ${kind} (${cols.join(', ')}) VALUES ${rows.join(', ')};`);
}

beforeAll(async () => {
  db = await openNodeDb();
  await table('population', ['area_code', 'area_name', 'population'], [`('A', 'Alpha', 1000)`, `('B', 'Beta', 3000)`]);
  await table('funding', ['area_code', 'amount_gbp', 'fy'], [`('A', 100, '2024/25')`, `('B', 100, '2024/25')`, `('B', 999, '2023/24')`]);
  await table('referrals', ['referral_id', 'area_code', 'referral_date', 'first_contact_date', 'end_date', 'status'], [
    `('r1', 'A', DATE '2024-04-10', DATE '2024-04-20', NULL, 'completed')`,
    `('r2', 'B', DATE '2024-05-01', DATE '2024-05-31', NULL, 'accepted')`,
    `('r3', 'B', DATE '2024-06-01', NULL, NULL, 'waiting')`,
    `('r4', 'A', DATE '2024-06-15', NULL, DATE '2024-06-20', 'declined')`,
    `('r5', 'B', DATE '2023-06-15', DATE '2023-07-15', NULL, 'completed')`
  ]);
});

test('overview figures from hand-made tables', async () => {
  const f = await overviewFigures(db);
  expect(f.fy).toBe('2024/25');
  expect(f.referrals).toBe(4);
  expect(f.months).toBe(3);
  // 4 referrals in 3 months over 4,000 people: 4/4000*1000*12/3 = 4 per 1,000 a year.
  expect(f.referralRatePer1000).toBeCloseTo(4, 10);
  expect(f.medianWaitDays).toBe(20); // waits of 10 and 30 days
  expect(f.waitingNow).toBe(2); // r3, and r4 (declined on 20 June, still open on the 15th)
  expect(f.waitingAsOf).toBe('2024-06-15');
  expect(f.fundingFy).toBe('2024/25');
  expect(f.fundingTotal).toBe(200);
  // No need data: need index 1 everywhere, so fair shares 50 and 150 and Beta is 33% under.
  expect(f.largestGaps[0]).toMatchObject({ area_code: 'B', fair_share: 150, funding: 100 });
  expect(f.largestGaps[0]!.dft).toBeCloseTo(-1 / 3, 10);
});

test('deprivation moves the fair share', async () => {
  await db.exec(`UPDATE population SET imd_score = CASE area_code WHEN 'A' THEN 40 ELSE 20 END`);
  const f = await overviewFigures(db);
  // Mean score (40×1000 + 20×3000)/4000 = 25: d = 1.6 and 0.8; need = 1.3 and 0.9;
  // weighted 1300 and 2700 of 4000: fair shares 65 and 135.
  const beta = f.largestGaps.find((g) => g.area_code === 'B')!;
  expect(beta.fair_share).toBeCloseTo(135, 10);
  await db.exec(`UPDATE population SET imd_score = NULL`);
});
