// Fast plans (db/sql/ingest.ts fieldPlansSql): a column whose every value is already clean is typed with a
// plain cast instead of the cleaning macros. The plan must never change a result: for every fixture, the
// stage built with plans equals the stage built without, row for row; and a plan is chosen only when no
// value of the column needs cleaning, is a marker, or fails to parse.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { DbClient } from '../../src/lib/db/client';
import { choosePlans, fieldPlansSql, stageSql, STAGE, valuesSql, type FieldPlans, type ReadOptions } from '../../src/lib/db/sql/ingest';
import { toUtf8 } from '../../src/lib/ingest/decode';
import { prepareFile } from '../../src/lib/ingest/load';
import type { ExtractKind } from '../../src/lib/domain/extracts';
import { openNodeDb } from './support/node-db';

const TODAY = '2026-11-23';
let db: DbClient;
let n = 0;
beforeAll(async () => {
  db = await openNodeDb();
});

/** Register the file and take its first read (the column values); returns what stageSql needs. */
async function source(name: string, bytes: Uint8Array) {
  const p = prepareFile(name, bytes);
  if (!p.ok) throw new Error(p.message);
  const f = p.file;
  const file = `plans_${++n}.csv`;
  await db.registerFile(file, toUtf8(f.bytes, f).slice());
  const read: ReadOptions = { file, delimiter: f.layout.delimiter, skip: f.layout.headerLine, columnCount: f.layout.headers.length };
  const kind = f.kind as ExtractKind;
  const mapping = f.mapping as Record<string, number>;
  await db.exec(valuesSql(kind, mapping, read));
  const sql = fieldPlansSql(kind, mapping);
  const plans = sql ? choosePlans(await db.query<{ field: string; fits: boolean[] }>(sql)) : {};
  return { kind, mapping, plans, read };
}

/** The stage, with the plans or without, as rows in file order. */
async function stage(s: { kind: ExtractKind; mapping: Record<string, number>; read: ReadOptions }, plans: FieldPlans) {
  await db.exec(stageSql(s.kind, s.mapping, s.read, TODAY, { plans }));
  return db.query(`SELECT * FROM ${STAGE} ORDER BY rowid`);
}

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));
const text = (s: string) => new TextEncoder().encode(s);

describe('fast plans give the same stage as the full cleaning', () => {
  const files = ['referrals-excel-messy.csv', 'referrals-iso-tab.tsv', 'providers-utf16.txt', 'funding-ledger.csv', 'population-small.csv'];
  for (const name of files) {
    test(name, async () => {
      const src = await source(name, fixture(name));
      const fast = await stage(src, src.plans);
      const full = await stage(src, {});
      expect(fast.length).toBeGreaterThan(0);
      expect(fast).toEqual(full);
    });
  }

  test('the demo referrals (clean, canonical): every field on a fast plan, same stage', async () => {
    const lines = readFileSync(new URL('../../static/data/demo/referrals.csv', import.meta.url), 'utf8').split('\n').slice(0, 3001).join('\n');
    const src = await source('referrals.csv', text(lines));
    expect(Object.keys(src.plans).sort()).toEqual(Object.keys(src.mapping).sort());
    expect(await stage(src, src.plans)).toEqual(await stage(src, {}));
  });
});

describe('which plan a column gets', () => {
  test('ISO and UK dates get their casts; an impossible date, a marker or a space leaves the column on the full path', async () => {
    const csv = [
      'referral_id,referral_date,first_contact_date,end_date,area_code,status,age_band,wellbeing_pre,imd_decile',
      'r1,2024-01-05,05/01/2024,2024-02-30,E06000001,accepted,18-29,40,3',
      'r2,2024-01-06,06/01/2024,2024-03-01,e06000002,Accepted,18 to 29,*,4',
      'r3,2024-01-07,07/01/2024,,E06000003,waiting, 30-44,41,11'
    ].join('\n');
    const { plans } = await source('plans.csv', text(csv));
    expect(plans).toEqual({ referral_id: 0, referral_date: 0, first_contact_date: 1 });
  });

  test('money with a £ sign or thousands separator is cleaned by the macros; plain decimals are cast', async () => {
    const csv = ['funder,provider_id,area_code,period,amount_gbp', 'ICB,P1,E06000001,2023/24,1200.50', 'ICB,P2,E06000002,2023/24,300'].join('\n');
    const plain = await source('funding.csv', text(csv));
    expect(plain.plans.amount_gbp).toBe(0);
    const messy = await source('funding.csv', text(csv.replace('1200.50', '"£1,200.50"')));
    expect(messy.plans.amount_gbp).toBeUndefined();
    expect(await stage(messy, messy.plans)).toEqual(await stage(messy, {}));
    // DuckDB reads NaN and 1e300 as doubles; the chain refuses them (no mean poisoned, no failed cast).
    for (const odd of ['1e300', 'NaN', '-inf']) {
      const src = await source('funding.csv', text(csv.replace('1200.50', odd)));
      expect(src.plans.amount_gbp).toBeUndefined();
      expect(await stage(src, src.plans)).toEqual(await stage(src, {}));
    }
  });
});

describe('a clean file end to end', () => {
  test('is staged in the compressed storage and becomes the table by renaming; appending a second clean file adds to it', async () => {
    const { loadFile } = await import('../../src/lib/ingest/load');
    const all = readFileSync(new URL('../../static/data/demo/referrals.csv', import.meta.url), 'utf8').split('\n');
    const part = (from: number, to: number) => text([all[0], ...all.slice(from, to)].join('\n'));
    const first = prepareFile('first.csv', part(1, 2001));
    const second = prepareFile('second.csv', part(2001, 2501));
    if (!first.ok || !second.ok) throw new Error('not prepared');
    const r1 = await loadFile(db, first.file, { kind: 'referrals', mapping: first.file.mapping, mode: 'replace', today: TODAY });
    expect(r1.message).toBe(null);
    expect(r1).toMatchObject({ ok: true, loaded: 2000, rejected: 0 });
    const r2 = await loadFile(db, second.file, { kind: 'referrals', mapping: second.file.mapping, mode: 'append', today: TODAY });
    expect(r2).toMatchObject({ ok: true, loaded: 500, rejected: 0 });
    const [t] = await db.query<{ database_name: string; temporary: boolean }>(
      `SELECT database_name, temporary FROM duckdb_tables() WHERE table_name = 'referrals'`);
    expect(t).toEqual({ database_name: 'fairshare', temporary: false });
    expect(await db.query(`SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '_fs_stage%' OR table_name LIKE '_fs_values%'`)).toEqual([]);
    // The same numbers DuckDB's own typed reader gives for those 2,500 rows.
    await db.registerFile('check.csv', part(1, 2501).slice());
    const sums = `count(*)::INTEGER AS n, count(DISTINCT referral_id)::INTEGER AS ids, sum(wellbeing_post)::DOUBLE AS post,
      strftime(max(end_date), '%Y-%m-%d') AS last_end, count(*) FILTER (WHERE status = 'completed')::INTEGER AS completed`;
    expect(await db.query(`SELECT ${sums} FROM referrals`)).toEqual(await db.query(`SELECT ${sums} FROM read_csv('check.csv')`));
  });
});
