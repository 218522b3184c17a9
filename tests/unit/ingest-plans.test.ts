// Fast plans (db/sql/ingest.ts FieldPlans, ingest/stage.ts): a column whose first texts are clean skips the
// cleaning macros (dates and numbers typed by DuckDB's CSV reader, text taken as it is). A plan must never
// change a result: for every fixture, and for files made messy below the sampled rows, the stage built with
// plans equals the stage built through the full chain, row for row, with the same suppressed counts; a plan
// survives only where no cell of its column needs cleaning, is a marker, or is read differently.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { DbClient } from '../../src/lib/db/client';
import { dropStageSql, STAGE, stageSql, stageSummarySql, type FieldPlans, type ReadOptions } from '../../src/lib/db/sql/ingest';
import type { ExtractKind } from '../../src/lib/domain/extracts';
import { toUtf8 } from '../../src/lib/ingest/decode';
import { loadFile, prepareFile } from '../../src/lib/ingest/load';
import { guessPlans } from '../../src/lib/ingest/plans';
import { findDuplicates, stageFile } from '../../src/lib/ingest/stage';
import { openNodeDb } from '../../scripts/lib/node-db';

const TODAY = '2026-11-23';
let db: DbClient;
let n = 0;
beforeAll(async () => {
  db = await openNodeDb();
});

const text = (s: string) => new TextEncoder().encode(s);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));
const demo = readFileSync(new URL('../../static/data/demo/referrals.csv', import.meta.url), 'utf8').split('\n');

/** The stage's rows in file order, and its summary. */
async function stageRows(kind: ExtractKind, mapping: Record<string, number>, plans: FieldPlans) {
  const rows = await db.query<Record<string, unknown>>(`SELECT * FROM ${STAGE} ORDER BY rowid`);
  await findDuplicates(db, kind, null);
  const [s] = await db.query<{ suppressed: Record<string, number> | null }>(stageSummarySql(kind, mapping, plans));
  // A planned field has no marker (else its plan fails), so its count is left out rather than 0.
  const summary = { ...s, suppressed: Object.entries(s?.suppressed ?? {}).filter(([, n]) => n > 0) };
  return { rows, summary };
}

/** Stage a file with plans (as loadFile does) and through the full chain; both stages must be equal. */
async function compare(name: string, bytes: Uint8Array): Promise<FieldPlans> {
  const p = prepareFile(name, bytes);
  if (!p.ok) throw new Error(p.message);
  const f = p.file;
  const file = `plans_${++n}.csv`;
  await db.exec(dropStageSql());
  await db.registerFile(file, toUtf8(bytes, f).slice());
  const read: ReadOptions = { file, delimiter: f.layout.delimiter, skip: f.layout.headerRecord, columnCount: f.layout.columnCount };
  const kind = f.kind as ExtractKind;
  const mapping = f.mapping as Record<string, number>;
  const plans = await stageFile(db, kind, mapping, [read], TODAY, f.layout.sampleRows);
  const fast = await stageRows(kind, mapping, plans);
  await db.exec(stageSql(kind, mapping, read, TODAY, { store: false }));
  const full = await stageRows(kind, mapping, {});
  expect(fast.rows.length).toBeGreaterThan(0);
  expect(fast.rows).toEqual(full.rows);
  expect(fast.summary).toEqual(full.summary);
  return plans;
}

describe('staging with plans gives the stage of the full chain', () => {
  for (const name of ['referrals-excel-messy.csv', 'referrals-iso-tab.tsv', 'providers-utf16.txt', 'funding-ledger.csv', 'population-small.csv']) {
    test(name, async () => {
      await compare(name, fixture(name));
    });
  }

  test('the demo referrals (clean): every field but the identifiers on a plan', async () => {
    const plans = await compare('referrals.csv', text(demo.slice(0, 3001).join('\n')));
    expect(Object.keys(plans).sort()).toEqual(['age_band', 'area_code', 'end_date', 'ethnic_group', 'first_contact_date', 'imd_decile',
      'referral_date', 'referral_source', 'service_category', 'sex', 'status', 'wellbeing_post', 'wellbeing_pre']);
  });

  test('texts below the sampled rows that a cast would misread send their columns back through the full chain', async () => {
    const header = demo[0]!.split(',');
    const col = (name: string) => header.indexOf(name);
    const lines = demo.slice(1, 3001).map((l) => l.split(','));
    // Rows past the sniffer's 20-row sample, without quoted commas (so a plain split gives their cells).
    const [late, later] = lines.filter((l, i) => i > 2500 && l.length === header.length);
    late![col('status')] = 'Did not attend';
    late![col('referral_date')] = '5 March 2024';
    late![col('wellbeing_pre')] = '*';
    later![col('area_code')] = ' e06000009';
    later![col('wellbeing_post')] = 'NaN';
    // Texts a cast reads but the chain spells differently or refuses: kept beside the typed value and checked.
    later![col('first_contact_date')] = '2024-1-5';
    late![col('imd_decile')] = '3.0';
    const plans = await compare('referrals.csv', text([header, ...lines].map((l) => l.join(',')).join('\n')));
    // A text the plan would misread fails its own column; a cell the reader could not type dropped its row
    // from the first read, so every typed column goes back through the chain; untouched text columns keep theirs.
    for (const f of ['status', 'area_code', 'referral_date', 'end_date', 'wellbeing_pre', 'wellbeing_post', 'imd_decile']) expect(plans[f]).toBeUndefined();
    expect(plans).toMatchObject({ referral_source: 0, sex: 0, service_category: 0 });
  });

  test('the sampled rows choose: ISO or UK dates typed by the reader (one format per file), messy columns none', async () => {
    const csv = [
      'referral_id,referral_date,first_contact_date,end_date,area_code,status,age_band,wellbeing_pre,imd_decile',
      'r1,2024-01-05,05/01/2024,2024-02-03,E06000001,accepted,18-29,40,3',
      'r2,2024-01-06,06/01/2024,2024-03-01,e06000002,Accepted,18 to 29,*,4',
      'r3,2024-01-07,07/01/2024,,E06000003,waiting, 30-44,41,11'
    ].join('\n');
    // imd_decile looks plain but holds 11: a problem in a typed column is shown as the file spells it, so
    // the column is staged again as text.
    expect(await compare('plans.csv', text(csv))).toEqual({ referral_date: 0, end_date: 0 });
    const uk = csv.replace(/2024-0(\d)-(\d\d)/g, '$2/0$1/2024');
    expect(await compare('plans-uk.csv', text(uk))).toEqual({ referral_date: 1, first_contact_date: 1, end_date: 1 });
    // A date the reader cannot read drops its row from the first read: every typed column goes back.
    expect(await compare('plans-bad.csv', text(csv.replace('2024-02-03', '2024-02-30')))).toEqual({});
  });

  test('a date in the first column stays text to the reader (the stage reads the first cell as text too) and loads', async () => {
    const csv = ['referral_date,referral_id,area_code,status', '2024-01-05,r1,E06000001,accepted', '2024-01-06,r2,E06000002,waiting', 'Total,,,'].join('\n');
    const plans = await compare('date-first.csv', text(csv));
    expect(plans.referral_date).toBeUndefined();
    expect(plans.status).toBe(0);
    const p = prepareFile('date-first.csv', text(csv));
    if (!p.ok) throw new Error(p.message);
    const r = await loadFile(db, p.file, { kind: 'referrals', mapping: p.file.mapping, mode: 'replace', today: TODAY });
    expect(r).toMatchObject({ ok: true, loaded: 2, rejected: 0, skipped: [{ line: 4, text: 'totals row ("Total")' }] });
  });

  test('odd spellings of dates and numbers below the sample: read as the chain reads them, or the column goes back to it', async () => {
    const header = 'referral_id,referral_date,first_contact_date,area_code,wellbeing_pre,wellbeing_post,imd_decile';
    const clean = Array.from({ length: 40 }, (_, i) => `r${i},2024-01-${String((i % 28) + 1).padStart(2, '0')},2024-02-01,E06000001,${40 + (i % 9)},41,${(i % 10) + 1}`);
    const odd: [string, string][] = [
      ['referral_date', '2024-1-5'], ['referral_date', ' 2024-01-05'], ['referral_date', '24-01-05'], ['referral_date', '2024/01/05'],
      ['first_contact_date', '2024-02-01T10:00:00'], ['wellbeing_pre', '1e3'], ['wellbeing_pre', '+42'], ['wellbeing_pre', '0x1F'],
      ['wellbeing_pre', '1_000'], ['wellbeing_pre', 'Infinity'], ['imd_decile', '3.0'], ['imd_decile', '11']
    ];
    const cols = header.split(',');
    for (const [field, value] of odd) {
      const row = clean[0]!.split(',');
      row[cols.indexOf(field)] = value.includes(' ') ? `"${value}"` : value;
      await compare('odd.csv', text([header, ...clean, `r_odd,${row.slice(1).join(',')}`].join('\n')));
    }
  }, 60_000);

  test('money: plain decimals are cast; £ signs, NaN and amounts too large to store go through the chain', async () => {
    const csv = ['funder,provider_id,area_code,period,amount_gbp', 'ICB,P1,E06000001,2023/24,1200.50', 'ICB,P2,E06000002,2023/24,300'].join('\n');
    expect((await compare('funding.csv', text(csv))).amount_gbp).toBe(0);
    for (const odd of ['"£1,200.50"', '1e300', 'NaN', '-inf']) {
      expect((await compare('funding.csv', text(csv.replace('1200.50', odd)))).amount_gbp).toBeUndefined();
    }
  });
});

describe('the first guess, from the sniffer\'s rows', () => {
  test('clean-looking columns get a plan; identifiers, periods and messy columns none', () => {
    const mapping = { referral_id: 0, referral_date: 1, first_contact_date: 2, status: 3, age_band: 4, area_code: 5, wellbeing_pre: 6, sex: 7 };
    const rows = [
      ['r1', '2024-01-05', '05/01/2024', 'accepted', '18-29', 'E06000001', '40', 'F'],
      ['r2', '2024-01-06', '', 'Accepted', '18 to 29', 'E06000002', '41.5', 'n/a'],
      ['r3', '', '07/01/2024', 'waiting', '30-44', 'e06000003', '*', 'M']
    ];
    expect(guessPlans('referrals', mapping, rows)).toEqual({ referral_date: 0, first_contact_date: 1 });
    expect(guessPlans('funding', { period: 0, amount_gbp: 1 }, [['2023/24', '100.5']])).toEqual({ amount_gbp: 0 });
  });
});

describe('a clean file end to end', () => {
  test('is staged once in the compressed storage, becomes the table by renaming, and a second clean file appends to it', async () => {
    const part = (from: number, to: number) => text([demo[0], ...demo.slice(from, to)].join('\n'));
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
    // No helper column (_notes) and no working table is left behind.
    expect(await db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'referrals' AND starts_with(column_name, '_')`)).toEqual([]);
    expect(await db.query(`SELECT table_name FROM duckdb_tables() WHERE table_name IN ('_fs_stage', '_fs_dups', '_fs_dupkeys', '_fs_rejects', '_fs_reject_scans')`)).toEqual([]);
    // The same numbers DuckDB's own typed reader gives for those 2,500 rows.
    await db.registerFile('check.csv', part(1, 2501).slice());
    const sums = `count(*)::INTEGER AS n, count(DISTINCT referral_id)::INTEGER AS ids, sum(wellbeing_post)::DOUBLE AS post,
      strftime(max(end_date), '%Y-%m-%d') AS last_end, count(*) FILTER (WHERE status = 'completed')::INTEGER AS completed`;
    expect(await db.query(`SELECT ${sums} FROM referrals`)).toEqual(await db.query(`SELECT ${sums} FROM read_csv('check.csv')`));
  });

  test('repeated keys: within the file, and (appending) already loaded, each reported on its line; the rest loads', async () => {
    const header = demo[0]!;
    const rows = demo.slice(1, 31);
    const first = prepareFile('keys-1.csv', text([header, ...rows.slice(0, 20)].join('\n')));
    // Lines 2-11 are new; line 12 repeats a key already loaded (row 5); line 13 repeats line 2's key.
    const again = [...rows.slice(20, 30), rows[4]!, rows[20]!];
    const second = prepareFile('keys-2.csv', text([header, ...again].join('\n')));
    if (!first.ok || !second.ok) throw new Error('not prepared');
    expect(await loadFile(db, first.file, { kind: 'referrals', mapping: first.file.mapping, mode: 'replace', today: TODAY })).toMatchObject({ ok: true, loaded: 20 });
    const r = await loadFile(db, second.file, { kind: 'referrals', mapping: second.file.mapping, mode: 'append', today: TODAY });
    expect(r).toMatchObject({ ok: true, loaded: 10, rejected: 2 });
    expect(r.problems.map((p) => [p.line, p.column, p.reason])).toEqual([
      [12, 'referral_id', 'duplicate referral id (already loaded in the referrals table)'],
      [13, 'referral_id', 'duplicate referral id (already on an earlier line)']
    ]);
    expect(await db.query('SELECT count(*)::INTEGER AS n, count(DISTINCT referral_id)::INTEGER AS ids FROM referrals')).toEqual([{ n: 30, ids: 30 }]);
  });
});
