// Field completeness (db/sql/quality.ts) on hand-made rows in a real DuckDB: blanks, invalid deciles,
// age bands that do not tell a child from an adult, first contacts expected only of referrals seen;
// overall, by area and by month. Every expected count is worked out in the comments.
import { beforeAll, describe, expect, test } from 'vitest';
import type { DbClient } from '../../src/lib/db/client';
import { fieldSqlType } from '../../src/lib/db/sql/ingest';
import { fieldCompleteness, qualityChecks, type CompletenessRow } from '../../src/lib/db/sql/quality';
import { EXTRACTS, type ExtractKind } from '../../src/lib/domain/extracts';
import { openNodeDb } from '../../scripts/lib/node-db';

let db: DbClient;
const lit = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v}'`);

async function table(kind: ExtractKind, cols: string[], rows: (string | number | null)[][]) {
  const defs = EXTRACTS[kind].fields.map((f) => `${f.name} ${fieldSqlType(f.kind)}`);
  if (kind === 'funding') defs.push('period_start DATE', 'fy VARCHAR');
  await db.exec(`CREATE OR REPLACE TABLE ${kind} (${defs.join(', ')});
    INSERT INTO ${kind} (${cols.join(', ')}) VALUES ${rows.map((r) => `(${r.map(lit).join(', ')})`).join(', ')};`);
  if (kind === 'funding') await db.exec(`UPDATE funding SET period_start = fs_period_start(period), fy = fs_fy_of(fs_period_start(period))`);
}

const COLS = ['referral_id', 'referral_date', 'area_code', 'age_band', 'imd_decile', 'status', 'first_contact_date', 'sex', 'wellbeing_pre', 'wellbeing_post'];
// Area A: 4 referrals in April, 2 in May; area B: 2 in May.
const REFERRALS: (string | number | null)[][] = [
  ['a1', '2024-04-02', 'A', '18-29', 3, 'completed', '2024-04-10', 'F', 30, 40],
  ['a2', '2024-04-05', 'A', '0-17', 11, 'completed', null, '  ', 30, null], // decile 11 invalid; seen, no first contact; sex blank
  ['a3', '2024-04-09', 'A', '16-24', null, 'waiting', null, 'M', null, null], // band across 18: not usable; no decile; not seen
  ['a4', '2024-04-20', 'A', null, 0, 'accepted', '2024-04-01', 'F', null, null], // no band; decile 0 invalid; first contact before referral
  ['a5', '2024-05-01', 'A', '75+', 10, 'declined', null, null, null, null], // not seen
  ['a6', '2024-05-03', 'A', '45-64', 1, 'accepted', '2024-05-04', 'F', null, null],
  ['b1', '2024-05-06', 'B', '30-44', null, 'completed', '2024-05-09', 'M', 20, 25],
  ['b2', '2024-05-07', 'B', '18-29', 5, null, null, 'F', null, null] // no status: not seen
];

const pick = (rows: CompletenessRow[], check: string, where: Partial<CompletenessRow>) => {
  const r = rows.filter((x) => x.check === check && Object.entries(where).every(([k, v]) => x[k as keyof CompletenessRow] === v));
  expect(r).toHaveLength(1);
  return { of: r[0]!.of, ok: r[0]!.ok };
};

beforeAll(async () => {
  db = await openNodeDb();
  await table('population', ['area_code', 'area_name', 'population', 'imd_decile'], [['A', 'Alpha', 1000, 2], ['B', 'Beta', 500, null], ['C', null, 0, 12]]);
  await table('referrals', COLS, REFERRALS);
});

describe('referrals', () => {
  let rows: CompletenessRow[];
  beforeAll(async () => {
    rows = await fieldCompleteness(db, 'referrals', true);
  });

  test('deprivation decile: 1 to 10 only (11, 0 and blank are not usable)', () => {
    // Usable: a1 (3), a5 (10), a6 (1), b2 (5) = 4 of 8. A: a1, a5, a6 = 3 of 6; B: b2 = 1 of 2.
    expect(pick(rows, 'imd_decile', { level: 'all' })).toEqual({ of: 8, ok: 4 });
    expect(pick(rows, 'imd_decile', { level: 'area', area: 'A' })).toEqual({ of: 6, ok: 3 });
    expect(pick(rows, 'imd_decile', { level: 'area', area: 'B' })).toEqual({ of: 2, ok: 1 });
    // April: a1..a4, usable a1 only; May: a5, a6, b1, b2, usable a5, a6, b2.
    expect(pick(rows, 'imd_decile', { level: 'month', month: '2024-04' })).toEqual({ of: 4, ok: 1 });
    expect(pick(rows, 'imd_decile', { level: 'month', month: '2024-05' })).toEqual({ of: 4, ok: 3 });
  });

  test('age band: one that tells a child from an adult', () => {
    // Not usable: a3 (16-24), a4 (blank). A: 4 of 6.
    expect(pick(rows, 'age_band', { level: 'all' })).toEqual({ of: 8, ok: 6 });
    expect(pick(rows, 'age_band', { level: 'area', area: 'A' })).toEqual({ of: 6, ok: 4 });
  });

  test('first-contact date: expected of referrals seen, usable on or after the referral', () => {
    // Seen (accepted, completed): a1, a2, a4, a6, b1 = 5. Usable: a1, a6, b1 (a2 none, a4 before its referral).
    expect(pick(rows, 'first_contact_date', { level: 'all' })).toEqual({ of: 5, ok: 3 });
    expect(pick(rows, 'first_contact_date', { level: 'area', area: 'A' })).toEqual({ of: 4, ok: 2 });
    expect(pick(rows, 'first_contact_date', { level: 'area', area: 'B' })).toEqual({ of: 1, ok: 1 });
    expect(pick(rows, 'first_contact_date', { level: 'month', month: '2024-04' })).toEqual({ of: 3, ok: 1 });
  });

  test('text fields: blank is missing; status must be a known one; wellbeing pair on completed referrals', () => {
    // sex: a2 blank (spaces), a5 null → 6 of 8.
    expect(pick(rows, 'sex', { level: 'all' })).toEqual({ of: 8, ok: 6 });
    expect(pick(rows, 'status', { level: 'all' })).toEqual({ of: 8, ok: 7 });
    // Completed: a1, a2, b1. Both scores: a1, b1; before: a1, a2, b1.
    expect(pick(rows, 'wellbeing_both', { level: 'all' })).toEqual({ of: 3, ok: 2 });
    expect(pick(rows, 'wellbeing_pre', { level: 'all' })).toEqual({ of: 3, ok: 3 });
    expect(pick(rows, 'wellbeing_post', { level: 'area', area: 'A' })).toEqual({ of: 2, ok: 1 });
    expect(pick(rows, 'referral_id', { level: 'all' })).toEqual({ of: 8, ok: 8 });
  });

  test('areas carry their names; one row per check per group', () => {
    expect(rows.find((r) => r.level === 'area' && r.area === 'A')?.areaName).toBe('Alpha');
    const groups = 1 + 2 + 2; // all, two areas, two months
    expect(rows).toHaveLength(groups * qualityChecks('referrals').length);
  });
});

test('population: one row per area, decile and population rules', async () => {
  const rows = await fieldCompleteness(db, 'population', false);
  // Decile usable: A (2) only; B null, C 12. Population > 0: A, B.
  expect(pick(rows, 'imd_decile', { level: 'all' })).toEqual({ of: 3, ok: 1 });
  expect(pick(rows, 'population', { level: 'all' })).toEqual({ of: 3, ok: 2 });
  expect(pick(rows, 'area_name', { level: 'area', area: 'C' })).toEqual({ of: 1, ok: 0 });
  expect(rows.some((r) => r.level === 'month')).toBe(false);
});

test('funding: months from the period; debit and credit are not checked; contract end after start', async () => {
  await table('funding', ['area_code', 'period', 'amount_gbp', 'contract_start', 'contract_end'], [
    ['A', '2024-04', 100, '2024-04-01', '2025-03-31'],
    ['A', '2024-04', 50, '2024-04-01', '2024-03-01'], // ends before it starts
    ['B', '2024-05', 70, null, '2025-03-31'] // no start: cannot be judged
  ]);
  const rows = await fieldCompleteness(db, 'funding', false);
  expect(pick(rows, 'contract_end', { level: 'all' })).toEqual({ of: 3, ok: 1 });
  expect(pick(rows, 'contract_start', { level: 'month', month: '2024-05' })).toEqual({ of: 1, ok: 0 });
  expect(rows.some((r) => r.check === 'debit_gbp')).toBe(false);
});

test('an empty table gives no rows', async () => {
  await db.exec('DELETE FROM referrals');
  expect(await fieldCompleteness(db, 'referrals', true)).toEqual([]);
});
