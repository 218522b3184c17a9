import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { DbClient } from '../../src/lib/db/client';
import { loadFile, prepareFile } from '../../src/lib/ingest/load';
import { memoryStore } from '../../src/lib/persist/file-store';
import { MANIFEST, forgetTables, readManifest, restoreTables, saveTables } from '../../src/lib/persist/workspace';
import { openNodeDb } from '../../scripts/lib/node-db';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));

let db: DbClient;
beforeAll(async () => {
  db = await openNodeDb();
  const p = prepareFile('referrals-excel-messy.csv', fixture('referrals-excel-messy.csv'));
  if (!p.ok) throw new Error(p.message);
  const report = await loadFile(db, p.file, { kind: 'referrals', mapping: p.file.mapping, mode: 'replace', today: '2026-11-23' });
  expect(report.ok).toBe(true);
});

/** Every row of a table, as text, in storage order: the oracle for "the same table". */
const dump = async (table: string) => (await db.query<{ r: string }>(`SELECT t::VARCHAR AS r FROM "${table}" t`)).map((x) => x.r);
const types = async (table: string) => db.query<{ n: string; t: string }>(`SELECT column_name AS n, data_type AS t FROM duckdb_columns() WHERE table_name = ? AND database_name = current_database() ORDER BY column_index`, [table]);

describe('keeping the loaded tables', () => {
  test('a kept table comes back with the same rows, order and column types (money stays DECIMAL)', async () => {
    const rows = await dump('referrals');
    const cols = await types('referrals');
    expect(rows.length).toBeGreaterThan(10);
    const store = memoryStore();
    const manifest = await saveTables(db, store, null, [{ table: 'referrals', rows: rows.length, fingerprint: 'a' }], 1);
    expect(manifest.tables.map((t) => t.file)).toEqual(['referrals.1.arrow']);
    expect(store.files.get('referrals.1.arrow')!.byteLength).toBe(manifest.tables[0]!.bytes);

    await db.exec('DROP TABLE referrals; CREATE TABLE referrals (x INTEGER)');
    await restoreTables(db, store, (await readManifest(store))!);
    expect(await dump('referrals')).toEqual(rows);
    expect(await types('referrals')).toEqual(cols);
  });

  test('columns that come back from Arrow other than kept are copied into the kept types', async () => {
    const store = memoryStore();
    const n = (await dump('referrals')).length;
    const m = await saveTables(db, store, null, [{ table: 'referrals', rows: n, fingerprint: 'a' }], 1);
    const before = (await types('referrals')).find((c) => c.n === 'wellbeing_pre')!.t;
    expect(before).toBe('DOUBLE');
    const changed = { ...m, tables: m.tables.map((t) => ({ ...t, columns: t.columns.map((c) => (c.name === 'wellbeing_pre' ? { ...c, type: 'DECIMAL(6,1)' } : c)) })) };
    await restoreTables(db, store, changed);
    expect((await types('referrals')).find((c) => c.n === 'wellbeing_pre')!.t).toBe('DECIMAL(6,1)');
    expect(await db.query(`SELECT count(*)::INTEGER AS n FROM referrals`)).toEqual([{ n }]);
    // Back as it was, for the tests that follow.
    await restoreTables(db, store, m);
    expect((await types('referrals')).find((c) => c.n === 'wellbeing_pre')!.t).toBe('DOUBLE');
  });

  test('an unchanged table is not written again; a changed one gets a new file and the old one goes', async () => {
    const store = memoryStore();
    const n = (await dump('referrals')).length;
    const first = await saveTables(db, store, null, [{ table: 'referrals', rows: n, fingerprint: 'a' }], 1);
    const writes: string[] = [];
    const write = store.write.bind(store);
    store.write = async (name, data) => {
      writes.push(name);
      return write(name, data);
    };
    const second = await saveTables(db, store, first, [{ table: 'referrals', rows: n, fingerprint: 'a' }], 2);
    expect(writes).toEqual([MANIFEST]);
    expect(second.tables[0]!.file).toBe('referrals.1.arrow');
    const third = await saveTables(db, store, second, [{ table: 'referrals', rows: n, fingerprint: 'b' }], 3);
    expect(third.tables[0]!.file).toBe('referrals.3.arrow');
    expect([...store.files.keys()].sort()).toEqual(['referrals.3.arrow', MANIFEST]);
    expect(third.generation).toBe(3);
  });

  test('a table no longer kept loses its file; forgetting removes everything', async () => {
    const store = memoryStore();
    const n = (await dump('referrals')).length;
    const first = await saveTables(db, store, null, [{ table: 'referrals', rows: n, fingerprint: 'a' }], 1);
    await saveTables(db, store, first, [], 2);
    expect([...store.files.keys()]).toEqual([MANIFEST]);
    await forgetTables(store);
    expect(store.files.size).toBe(0);
    expect(await readManifest(store)).toBeNull();
  });

  test('a missing file is reported by table name and leaves no staging table behind', async () => {
    const store = memoryStore();
    const n = (await dump('referrals')).length;
    const m = await saveTables(db, store, null, [{ table: 'referrals', rows: n, fingerprint: 'a' }], 1);
    await store.remove('referrals.1.arrow');
    await expect(restoreTables(db, store, m)).rejects.toThrow(/kept copy of referrals .*missing/);
    await store.write('referrals.1.arrow', 'not arrow at all');
    await expect(restoreTables(db, store, m)).rejects.toThrow(/kept copy of referrals could not be read back/);
    const [r] = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = '_fs_restore'`);
    expect(r!.n).toBe(0);
  });

  test('a damaged manifest reads as no workspace', async () => {
    const store = memoryStore();
    await store.write(MANIFEST, '{"format": 1, "tabl');
    expect(await readManifest(store)).toBeNull();
  });
});
