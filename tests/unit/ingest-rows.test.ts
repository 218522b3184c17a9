// One definition of a totals row (macros.ts TOTAL_WORDS): the stage's fs_is_total, which tests a staged row's
// cells, and load.ts's isTotalsLine, which tests a line DuckDB's reader could not read, read the same words;
// the line check also takes a longer label after them, as a line that is not a record has no provider name.
// And the derived fields described in the extract definitions (extracts.ts derive) load as the old special
// cases did: ONS's 65+ from the bands a file has, a ledger's amount as debit minus credit.
import { beforeAll, describe, expect, test } from 'vitest';
import type { DbClient } from '../../src/lib/db/client';
import { commitSql } from '../../src/lib/db/sql/ingest';
import { isTotalsLine } from '../../src/lib/ingest/load';
import { openNodeDb } from '../../scripts/lib/node-db';

let db: DbClient;
beforeAll(async () => {
  db = await openNodeDb();
});

const CELLS = ['Total', 'TOTAL', 'Totals', 'Grand total', 'Sub-total:', 'subtotal', 'Total all', 'Total Wellbeing Ltd', 'Totally Active', 'R0001', 'Blackpool', 'grand totals:'];

describe('a totals row', () => {
  test('the stage and the line check read the same words as totals', async () => {
    const sql = await db.query<{ v: string; t: boolean }>(`SELECT v, fs_is_total(v) AS t FROM (VALUES ${CELLS.map((c) => `('${c}')`).join(', ')}) AS x(v)`);
    const stage = new Map(sql.map((r) => [r.v, r.t]));
    // Hand-read: the totals words, alone or with one more word, and nothing else.
    expect(CELLS.filter((c) => stage.get(c))).toEqual(['Total', 'TOTAL', 'Totals', 'Grand total', 'Sub-total:', 'subtotal', 'Total all', 'grand totals:']);
    // Every cell the stage reads as totals, the line check does too; beyond them, only longer labels after the words.
    for (const cell of CELLS) if (stage.get(cell)) expect(isTotalsLine(`${cell},123,,`, ','), cell).toBe(true);
    expect(CELLS.filter((c) => !stage.get(c) && isTotalsLine(`${c},1`, ','))).toEqual(['Total Wellbeing Ltd']);
    for (const label of ['Total for all areas', 'Grand Total (England)', '*Total', 'Total - Lancashire', 'TOTAL 2023/24']) expect(isTotalsLine(`${label},1,2`, ','), label).toBe(true);
  });

  test('the line check looks at the first cell with text, quoted or not', () => {
    expect(isTotalsLine(',"Total",1,2', ',')).toBe(true);
    expect(isTotalsLine('Blackpool,Total,1', ',')).toBe(false);
  });
});

describe('fields derived on load from the extract definitions', () => {
  test('population 65+ from the population and the two younger bands; a ledger amount from debit minus credit', async () => {
    await db.exec(`CREATE OR REPLACE TABLE _fs_stage AS SELECT * FROM (VALUES ('E1', 100::BIGINT, 20::BIGINT, 50::BIGINT, NULL::STRUCT("column" VARCHAR, "value" VARCHAR, reason VARCHAR)[]))
      AS s(area_code, population, pop_0_17, pop_18_64, _notes); CREATE OR REPLACE TABLE _fs_dups (id BIGINT); CREATE OR REPLACE TABLE _fs_subtotals (id BIGINT)`);
    await db.exec(commitSql('population', { area_code: 0, population: 1, pop_0_17: 2, pop_18_64: 3 }, 'replace', false));
    expect(await db.query(`SELECT pop_65_plus::INTEGER AS p FROM population`)).toEqual([{ p: 30 }]);

    await db.exec(`CREATE OR REPLACE TABLE _fs_stage AS SELECT * FROM (VALUES ('E1', '2024/25', 120.50::DECIMAL(18, 2), NULL::DECIMAL(18, 2), NULL::STRUCT("column" VARCHAR, "value" VARCHAR, reason VARCHAR)[]),
      ('E1', '2024/25', NULL, 20.25, NULL)) AS s(area_code, period, debit_gbp, credit_gbp, _notes); CREATE OR REPLACE TABLE _fs_dups (id BIGINT); CREATE OR REPLACE TABLE _fs_subtotals (id BIGINT)`);
    await db.exec(commitSql('funding', { area_code: 0, period: 1, debit_gbp: 2, credit_gbp: 3 }, 'replace', false));
    expect(await db.query(`SELECT amount_gbp::DOUBLE AS a FROM funding ORDER BY a`)).toEqual([{ a: -20.25 }, { a: 120.5 }]);
    // Without the bands there is nothing to derive 65+ from: it stays empty.
    await db.exec(`CREATE OR REPLACE TABLE _fs_stage AS SELECT * FROM (VALUES ('E1', 100::BIGINT, NULL::STRUCT("column" VARCHAR, "value" VARCHAR, reason VARCHAR)[])) AS s(area_code, population, _notes)`);
    await db.exec(commitSql('population', { area_code: 0, population: 1 }, 'replace', true));
    expect(await db.query(`SELECT pop_65_plus FROM population`)).toEqual([{ pop_65_plus: null }]);
  });
});
