// Every extract's table exists from the start, empty (ingest/commit.ts canonicalTablesSql), so a view's
// queries run whatever is loaded: here every query of every view, with every branch taken (each table
// named as present), answers on the empty tables without an error, and with nothing in it.
import { beforeAll, describe, expect, test } from 'vitest';
import type { DbClient } from '../../src/lib/db/client';
import { areaAggregates, ensureCanonicalTables, filterValues, lookupGroups, overviewFigures, tableCounts, tablesWithData, waitingMonthRange, waitingSeries } from '../../src/lib/db/queries';
import { areaCapacity, providerCapacity, providerUtilisation } from '../../src/lib/db/sql/capacity';
import { equityDsrBands, equityGradient, equityLongWaits } from '../../src/lib/db/sql/equity';
import { cypGapByArea, fundingContinuity, shortTermFunding, wellbeingChangeBy } from '../../src/lib/db/sql/provision';
import { canonicalColumns } from '../../src/lib/db/sql/ingest';
import { EXTRACT_KINDS } from '../../src/lib/domain/extracts';
import { openNodeDb } from '../../scripts/lib/node-db';

let db: DbClient;
beforeAll(async () => {
  db = await openNodeDb();
  await ensureCanonicalTables(db);
});

describe('the canonical tables, empty', () => {
  test('exist with the columns a load gives them, and count as not loaded', async () => {
    for (const kind of EXTRACT_KINDS) {
      const cols = await db.query<{ column_name: string }>(`SELECT column_name FROM duckdb_columns() WHERE table_name = '${kind}' ORDER BY column_index`);
      expect(cols.map((c) => c.column_name), kind).toEqual(canonicalColumns(kind));
    }
    expect(await tableCounts(db)).toEqual({});
    expect([...(await tablesWithData(db))].filter((t) => (EXTRACT_KINDS as string[]).includes(t))).toEqual([]);
    // Made again, they are left as they are.
    await db.exec(`INSERT INTO lookup (area_code, group_code, group_name) VALUES ('E1', 'G1', 'Group')`);
    await ensureCanonicalTables(db);
    expect(await tableCounts(db)).toEqual({ lookup: 1 });
    expect(await lookupGroups(db)).toHaveLength(1);
    await db.exec('DELETE FROM lookup');
  });

  test('a table kept by an earlier version gains the fields added since, its rows kept', async () => {
    await db.exec(`DROP TABLE providers; CREATE TABLE providers (provider_id VARCHAR, provider_name VARCHAR, latitude DOUBLE);
      INSERT INTO providers VALUES ('P1', 'Old', 53.8)`);
    await ensureCanonicalTables(db);
    const cols = await db.query<{ column_name: string }>(`SELECT column_name FROM duckdb_columns() WHERE table_name = 'providers'`);
    expect(cols.map((c) => c.column_name)).toEqual(expect.arrayContaining(['easting', 'northing', 'sector', 'contract_start']));
    expect(await db.query(`SELECT provider_id, latitude, easting FROM providers`)).toEqual([{ provider_id: 'P1', latitude: 53.8, easting: null }]);
    await db.exec(`DROP TABLE providers`);
    await ensureCanonicalTables(db);
  });

  test('every view\'s queries answer empty on them, every branch taken', async () => {
    const all = new Set(['referrals', 'funding', 'providers', 'population']);
    const period = { from: '2024-04', to: '2025-03' };
    const answers = {
      utilisation: await providerUtilisation(db, period, all),
      providers: (await providerCapacity(db, period, all)).providers,
      areaCapacity: await areaCapacity(db, period, all),
      byMonth: (await providerCapacity(db, period, all)).months,
      cyp: await cypGapByArea(db, period, all),
      shortTerm: await shortTermFunding(db, period, all),
      continuity: await fundingContinuity(db, period, all),
      wellbeing: await wellbeingChangeBy(db, period, all),
      gradient: await equityGradient(db, '2024/25', 'decile'),
      dsr: await equityDsrBands(db, '2024/25'),
      longWaits: await equityLongWaits(db, '2024/25'),
      aggregates: await areaAggregates(db, '2024/25'),
      waiting: await waitingSeries(db, period),
      lookup: await lookupGroups(db)
    };
    for (const [name, rows] of Object.entries(answers)) expect(rows, name).toEqual([]);
    expect(await waitingMonthRange(db)).toBeNull();
    expect(await filterValues(db)).toEqual({ area: [], service: [], source: [], age: [] });
    const overview = await overviewFigures(db);
    expect(overview).toMatchObject({ fy: null, referrals: null, fundingTotal: null, largestGaps: [] });
  });
});
