// Tables that do not belong together: the sentences (domain/coverage.ts) and the SQL behind them
// (db/sql/coverage.ts) on a fixture whose overlaps are counted by hand.
import { beforeAll, describe, expect, test } from 'vitest';
import type { DbClient } from '../../src/lib/db/client';
import { ensureCanonicalTables, tableCoverage } from '../../src/lib/db/queries';
import { coverageWarnings, type CoverageInput } from '../../src/lib/domain/coverage';
import { openNodeDb } from '../../scripts/lib/node-db';

let db: DbClient;
beforeAll(async () => {
  db = await openNodeDb();
  await ensureCanonicalTables(db);
  // Population: areas A, B, C. Funding: B, C, D in 2024/25 (March 2025 is still 2024/25). Referrals: A only, in 2022/23.
  await db.exec(`INSERT INTO population (area_code, population) VALUES ('A', 100), ('B', 200), ('C', 300);
    INSERT INTO funding (area_code, period, amount_gbp, fy) VALUES ('B', '2024/25', 10, '2024/25'), ('C', '2024/25', 10, '2024/25'), ('D', '2024/25', 5, '2024/25'), ('D', '2024/25', 5, '2024/25');
    INSERT INTO referrals (referral_id, referral_date, area_code) VALUES ('r1', DATE '2022-04-01', 'A'), ('r2', DATE '2023-03-31', 'A')`);
});

describe('which areas and years the tables share', () => {
  test('the SQL counts areas in and out of the population extract, and financial years', async () => {
    const rows = await tableCoverage(db);
    const by = Object.fromEntries(rows.map((r) => [r.table, r]));
    expect(by.funding).toEqual({ table: 'funding', areas: 3, in_population: 2, population_only: 1, years: ['2024/25'] });
    expect(by.referrals).toEqual({ table: 'referrals', areas: 1, in_population: 1, population_only: 2, years: ['2022/23'] });
    expect(by.providers).toBeUndefined();
  });

  test('sentences: a demo table beside a user file, areas not shared, years not shared', async () => {
    const input: CoverageInput = {
      sources: [
        { table_name: 'population', origin: 'demo' },
        { table_name: 'funding', origin: 'upload' },
        { table_name: 'referrals', origin: 'upload' }
      ],
      rows: await tableCoverage(db),
      populationAreas: 3
    };
    const map = coverageWarnings(input, ['population', 'funding']);
    expect(map).toEqual([
      'Population is synthetic demo data but funding comes from your files: this figure sets made-up numbers against real ones. Load your own population, or clear the data and load all your files.',
      '1 area of the 3 areas in funding is not in the population extract: its population is the built-in ONS figure instead.',
      '1 area of the 3 areas in the population extract has no funding: it counts as having none.'
    ]);
    expect(coverageWarnings(input, ['referrals', 'funding'])).toEqual(['Referrals cover 2022/23 but funding covers 2024/25: no financial year has both.']);
    // Tables that all come from the user, share their areas and years: nothing to say.
    expect(coverageWarnings({ ...input, sources: input.sources.map((s) => ({ ...s, origin: 'upload' })), rows: [] }, ['population', 'funding'])).toEqual([]);
  });
});
