// The Equity view's SQL (db/sql/equity.ts) on a small hand-made dataset in a real DuckDB, every expected
// value worked out by hand in the comments.
import { beforeAll, describe, expect, test } from 'vitest';
import type { DbClient } from '../../src/lib/db/client';
import { areaAggregates } from '../../src/lib/db/queries';
import { dsrBandsSql, equityDsrBands, equityGradient, equityLongWaits, gradientSql, longWaitsSql, OVER_18_WEEKS_DAYS } from '../../src/lib/db/sql/equity';
import { quantileOf } from '../../src/lib/domain/equity/gradient';
import { openNodeDb } from '../../scripts/lib/node-db';

let db: DbClient;
beforeAll(async () => {
  db = await openNodeDb();
  await db.exec(`
    CREATE TABLE population AS SELECT * FROM (VALUES
      ('A', 'Alpha', 1000::BIGINT, 200::BIGINT, 1::INTEGER, 40.0, 100::BIGINT),
      ('B', 'Beta', 3000::BIGINT, 600::BIGINT, 2::INTEGER, 30.0, 400::BIGINT),
      ('C', 'Gamma', 2000::BIGINT, NULL::BIGINT, 2::INTEGER, 28.0, 300::BIGINT),
      ('D', 'Delta', 4000::BIGINT, 1000::BIGINT, 9::INTEGER, 10.0, 900::BIGINT),
      ('E', 'Epsilon', 500::BIGINT, 50::BIGINT, NULL::INTEGER, NULL, 50::BIGINT)
    ) t(area_code, area_name, population, pop_0_17, imd_decile, imd_score, pop_65_plus);
    -- The Map's aggregates (compared with below) read these too.
    ALTER TABLE population ADD COLUMN parent_code VARCHAR;
    ALTER TABLE population ADD COLUMN parent_name VARCHAR;

    CREATE TABLE funding AS SELECT area_code, amount::DECIMAL(18,2) AS amount_gbp, fy FROM (VALUES
      ('A', 100, '2024/25'), ('B', 300, '2024/25'), ('B', 60, '2024/25'), ('C', 40, '2024/25'),
      ('D', 1000, '2024/25'), ('A', 999, '2023/24')
    ) t(area_code, amount, fy);
    ALTER TABLE funding ADD COLUMN contract_start DATE;
    ALTER TABLE funding ADD COLUMN contract_end DATE;

    CREATE TABLE referrals AS SELECT referral_id, referral_date::DATE AS referral_date, area_code, age_band, service_category,
        first_contact_date::DATE AS first_contact_date FROM (VALUES
      ('a1', '2024-04-10', 'A', '0-17', 'arts', '2024-04-20'),       -- wait 10
      ('a2', '2024-05-01', 'A', '45-64', 'arts', '2024-10-01'),      -- wait 153: over 18 weeks
      ('a3', '2024-06-01', 'A', NULL, 'green', NULL),                -- no age band: not in the CYP denominator
      ('a4', '2023-12-01', 'A', '30-44', 'debt', '2024-05-01'),      -- last year's referral: a first contact this year (wait 152)
      ('b1', '2024-04-02', 'B', '0-17', 'arts', '2024-04-12'),       -- wait 10
      ('b2', '2024-07-02', 'B', '18-29', NULL, '2024-06-30'),        -- first contact before referral: not a wait
      ('c1', '2024-09-30', 'C', '65-74', 'arts', '2024-10-30'),      -- wait 30
      ('d1', '2025-03-31', 'D', '0-17', 'arts', NULL),
      ('e1', '2024-08-15', 'E', '0-17', 'arts', '2024-08-16'),       -- wait 1, area with no decile
      ('x1', '2024-08-15', 'X', '75+', 'arts', NULL),                -- a code not in the population extract
      ('n1', '2025-04-01', 'A', '0-17', 'arts', NULL)                -- next year
    ) t(referral_id, referral_date, area_code, age_band, service_category, first_contact_date);
    ALTER TABLE referrals ADD COLUMN status VARCHAR;
    ALTER TABLE referrals ADD COLUMN end_date DATE;

    CREATE TABLE providers AS SELECT provider_id, area_code, service_category, monthly_capacity::BIGINT AS monthly_capacity,
        contract_start::DATE AS contract_start, contract_end::DATE AS contract_end FROM (VALUES
      ('p1', 'A', 'arts', 10, NULL, NULL),
      ('p2', 'A', 'green', 5, '2024-01-01', '2026-01-01'),
      ('p3', 'A', 'debt', 5, '2020-01-01', '2024-03-31'),     -- ended before the year
      ('p4', 'A', 'arts', 5, NULL, NULL),                     -- a second arts service: still one category
      ('p5', 'B', 'children and young people', 0, NULL, NULL), -- no capacity
      ('p6', 'D', 'arts', 20, NULL, NULL)
    ) t(provider_id, area_code, service_category, monthly_capacity, contract_start, contract_end);
    ALTER TABLE providers ADD COLUMN sector VARCHAR;`);
});

describe('deprivation gradient sums', () => {
  // Months of 2024/25 with any referral: Apr, May, Jun, Jul, Aug, Sep, Mar = 7.
  test('deciles: sums of the areas in each decile, the median wait of its first contacts, undecided areas last', async () => {
    const rows = await equityGradient(db, '2024/25', 'decile');
    expect(rows).toEqual([
      // Decile 1 = A: 3 referrals in the year (a1–a3); first contacts a1 (10), a2 (153), a4 (152) → median 152.
      { quantile: 1, areas: 1, population: 1000, referrals: 3, months: 7, funding: 100, first_contacts: 3, median_wait_days: 152 },
      // Decile 2 = B + C: 2 + 1 referrals; £360 + £40; first contacts b1 (10), c1 (30): b2 is before its referral.
      { quantile: 2, areas: 2, population: 5000, referrals: 3, months: 7, funding: 400, first_contacts: 2, median_wait_days: 20 },
      { quantile: 9, areas: 1, population: 4000, referrals: 1, months: 7, funding: 1000, first_contacts: 0, median_wait_days: null },
      { quantile: null, areas: 1, population: 500, referrals: 1, months: 7, funding: 0, first_contacts: 1, median_wait_days: 1 }
    ]);
  });

  test('quintiles group deciles 1–2 together, as quantileOf does', async () => {
    const rows = await equityGradient(db, '2024/25', 'quintile');
    expect(rows.map((r) => [r.quantile, r.population, r.referrals])).toEqual([[1, 6000, 6], [5, 4000, 1], [null, 500, 1]]);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((d) => quantileOf(d, 'quintile'))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  test('the same sums as the Map aggregates, area by area', async () => {
    const areas = await areaAggregates(db, '2024/25');
    const deciles = await equityGradient(db, '2024/25', 'decile');
    for (const d of deciles.filter((r) => r.quantile !== null)) {
      const members = areas.filter((a) => a.imd_decile === d.quantile);
      expect(members.reduce((s, a) => s + a.referrals!, 0)).toBe(d.referrals);
      expect(members.reduce((s, a) => s + a.funding!, 0)).toBeCloseTo(d.funding!, 9);
      expect(members.reduce((s, a) => s + a.population!, 0)).toBe(d.population);
      expect(members[0]!.months).toBe(d.months);
    }
  });

  test('a year with no referrals or funding gives nulls, not zeros', async () => {
    const rows = await equityGradient(db, '2019/20', 'decile');
    expect(rows[0]).toMatchObject({ quantile: 1, referrals: null, months: 0, funding: null, first_contacts: 0 });
  });

  test('with only a population extract the query still binds', async () => {
    const sql = gradientSql(new Set(['population']), 'decile');
    const rows = await db.query(sql, ['2024/25']);
    expect(rows).toHaveLength(4);
    expect(await db.query(gradientSql(new Set(), 'decile'), ['2024/25'])).toEqual([]);
  });
});

describe('first contacts after 18 weeks, per area', () => {
  test('counts of first contacts in the year and those after more than 126 days', async () => {
    const rows = await equityLongWaits(db, '2024/25');
    expect(rows).toEqual([
      // A: first contacts a1 (10 days), a2 (153), a4 (152, last year's referral): two after 18 weeks.
      { area_code: 'A', area_name: 'Alpha', first_contacts: 3, waited_over_18w: 2 },
      // B: b2 was first contacted before its referral: not counted.
      { area_code: 'B', area_name: 'Beta', first_contacts: 1, waited_over_18w: 0 },
      { area_code: 'C', area_name: 'Gamma', first_contacts: 1, waited_over_18w: 0 },
      { area_code: 'D', area_name: 'Delta', first_contacts: 0, waited_over_18w: 0 },
      { area_code: 'E', area_name: 'Epsilon', first_contacts: 1, waited_over_18w: 0 }
    ]);
  });

  test('exactly 126 days is not over 18 weeks; 127 is', async () => {
    // In another year and an area outside the population extract, so the other tests do not see them.
    await db.exec(`INSERT INTO referrals (referral_id, referral_date, area_code, first_contact_date) VALUES
      ('f1', DATE '2021-05-01', 'F', DATE '2021-05-01' + ${OVER_18_WEEKS_DAYS}), ('f2', DATE '2021-05-01', 'F', DATE '2021-05-01' + 127)`);
    const rows = await equityLongWaits(db, '2021/22');
    expect(rows.find((r) => r.area_code === 'F')).toEqual({ area_code: 'F', area_name: null, first_contacts: 2, waited_over_18w: 1 });
  });

  test('a year with no referrals: null counts, not zeros; binds without referrals or population', async () => {
    const rows = await equityLongWaits(db, '2019/20');
    expect(rows.map((r) => r.area_code)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(rows[0]).toMatchObject({ first_contacts: null, waited_over_18w: null });
    for (const have of [[], ['population'], ['referrals']]) {
      await expect(db.query(longWaitsSql(new Set(have)), ['2024/25'])).resolves.toBeDefined();
    }
  });
});

describe('referrals and residents by broad age band, per area (age-standardised funnel)', () => {
  test('bands classed as the CYP gap classes them; band populations null when any row lacks them', async () => {
    // The fixture has pop_0_17 and pop_65_plus; 18–64 = the rest where 0–17 is known (C has no 0–17, so no 18–64).
    await db.exec(`ALTER TABLE population ADD COLUMN pop_18_64 BIGINT;
      UPDATE population SET pop_18_64 = population - pop_0_17 - pop_65_plus WHERE pop_0_17 IS NOT NULL;`);
    const rows = await equityDsrBands(db, '2024/25');
    const band = (code: string, pops: (number | null)[], refs: number[], unknown: number, name: string | null) => ({
      area_code: code, area_name: name, pop_0_17: pops[0], pop_18_64: pops[1], pop_65_plus: pops[2],
      ref_0_17: refs[0], ref_18_64: refs[1], ref_65_plus: refs[2], ref_unknown: unknown, months: 7
    });
    expect(rows).toEqual([
      // A: a1 0-17, a2 45-64, a3 no band (unknown); 18–64 = 1000 − 200 − 100.
      band('A', [200, 700, 100], [1, 1, 0], 1, 'Alpha'),
      band('B', [600, 2000, 400], [1, 1, 0], 0, 'Beta'),
      band('C', [null, null, 300], [0, 0, 1], 0, 'Gamma'),
      band('D', [1000, 2100, 900], [1, 0, 0], 0, 'Delta'),
      band('E', [50, 400, 50], [1, 0, 0], 0, 'Epsilon'),
      // Not in the population extract: counted, no populations.
      band('X', [null, null, null], [0, 0, 1], 0, null)
    ]);
  });

  test("straddling, open adult and blank bands are unknown; '5-9' is 0–17 and '65+' is 65+", async () => {
    await db.exec(`INSERT INTO referrals (referral_id, referral_date, area_code, age_band) VALUES
      ('g1', DATE '2022-06-01', 'B', '16-24'), ('g2', DATE '2022-06-02', 'B', '18+'), ('g3', DATE '2022-06-03', 'B', '60-69'),
      ('g4', DATE '2022-06-04', 'B', ''), ('g5', DATE '2022-06-05', 'B', '5-9'), ('g6', DATE '2022-06-06', 'B', '65+'),
      ('g7', DATE '2022-06-07', 'B', '18-64')`);
    const rows = await equityDsrBands(db, '2022/23');
    expect(rows.find((r) => r.area_code === 'B')).toMatchObject({ ref_0_17: 1, ref_18_64: 1, ref_65_plus: 1, ref_unknown: 4, months: 1 });
    expect(rows.find((r) => r.area_code === 'A')).toMatchObject({ ref_0_17: 0, ref_18_64: 0, ref_65_plus: 0, ref_unknown: 0 });
  });

  test('a year with no referrals gives null counts; binds without referrals or population', async () => {
    const rows = await equityDsrBands(db, '2019/20');
    expect(rows.map((r) => r.area_code)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(rows[0]).toMatchObject({ ref_0_17: null, ref_18_64: null, ref_65_plus: null, ref_unknown: null, months: 0 });
    for (const have of [[], ['population'], ['referrals']]) {
      await expect(db.query(dsrBandsSql(new Set(have)), ['2024/25'])).resolves.toBeDefined();
    }
    expect(await db.query(dsrBandsSql(new Set(['population'])), ['2024/25'])).toEqual([]);
  });
});
