// The demo as the app ships it (issue 18, a fast first visit): each table written as an Arrow stream
// (scripts/demo/arrow.mjs) loads into exactly the table its CSV twin makes through the typed CSV path: every
// row, every value and every column type, computed columns included. A stream that cannot be read says so and
// leaves the table as it was.
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { toArrowStream } from '../../scripts/demo/arrow.mjs';
import { COLUMNS, DECIMALS, generateDemo } from '../../scripts/demo/generate.mjs';
import { toCsv } from '../../scripts/lib/csv.mjs';
import { readReferenceDistricts } from '../../scripts/lib/reference.mjs';
import type { DbClient } from '../../src/lib/db/client';
import { listSources } from '../../src/lib/db/queries';
import { keptColumnsSql } from '../../src/lib/db/sql/workspace';
import type { ExtractKind } from '../../src/lib/domain/extracts';
import { loadCanonicalFile, prepareAnyFile } from '../../src/lib/ingest/load';
import { loadArrowExtract } from '../../src/lib/ingest/load-arrow';
import { openNodeDb } from '../../scripts/lib/node-db';

let db: DbClient;
beforeAll(async () => {
  db = await openNodeDb();
});

// ~6,000 referrals: every column kind the demo has (dates with gaps, money, deciles, dictionary text, nulls).
const demo = generateDemo({ seed: 11, scale: 0.02, areas: readReferenceDistricts(path.resolve(__dirname, '../..')) });
const KINDS = Object.keys(COLUMNS) as (keyof typeof COLUMNS & ExtractKind)[];

/** Every row of a table in a fixed order, each value as text, and its column types. */
async function snapshot(table: string) {
  const types = await db.query<{ name: string; type: string }>(keptColumnsSql, [table]);
  const row = types.map((t) => `coalesce("${t.name}"::VARCHAR, '∅')`).join(` || '|' || `);
  const rows = await db.query<{ r: string }>(`SELECT ${row} AS r FROM "${table}" ORDER BY 1`);
  return { types, rows: rows.map((r) => r.r) };
}

describe('the demo as Arrow streams', () => {
  test.each(KINDS)('%s: the same table as its CSV twin, value for value and type for type', async (kind) => {
    const csv = new TextEncoder().encode(toCsv(COLUMNS[kind], demo[kind], DECIMALS[kind]));
    const prepared = await prepareAnyFile(`${kind}.csv`, csv);
    if (!prepared.ok) throw new Error(prepared.message);
    expect((await loadCanonicalFile(db, prepared.file, { kind, today: '2026-12-03', origin: 'demo' })).validated).toBe(false);
    const fromCsv = await snapshot(kind);

    const report = await loadArrowExtract(db, `${kind}.arrow`, toArrowStream(COLUMNS[kind], demo[kind]), { kind, origin: 'demo' });
    expect(report).toMatchObject({ ok: true, loaded: demo[kind].length, rowsRead: demo[kind].length, message: null });
    const fromArrow = await snapshot(kind);
    expect(fromArrow.types).toEqual(fromCsv.types);
    expect(fromArrow.rows.length).toBe(demo[kind].length);
    expect(fromArrow.rows).toEqual(fromCsv.rows);
    const sources = await listSources(db);
    expect(sources.filter((s) => s.table_name === kind).map((s) => [s.file_name, s.origin])).toEqual([[`${kind}.arrow`, 'demo']]);
    // The stream was staged in DuckDB's uncompressed scratch database, and the stage is gone from every database.
    const left = await db.query<{ t: string }>(`SELECT database_name || '.' || table_name AS t FROM duckdb_tables() WHERE table_name LIKE '%arrow%'`);
    expect(left).toEqual([]);
  });

  test('bytes that are not an Arrow stream: a message naming the file, and the table as it was', async () => {
    const before = await snapshot('funding');
    const report = await loadArrowExtract(db, 'funding.arrow', new TextEncoder().encode('funding_id,area_code\nF1,E06000009\n'), { kind: 'funding', origin: 'demo' });
    expect(report.ok).toBe(false);
    expect(report.message).toMatch(/^funding\.arrow could not be read as Arrow: /);
    expect(await snapshot('funding')).toEqual(before);
  });
});
