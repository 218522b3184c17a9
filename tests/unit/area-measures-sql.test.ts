// The Map's per-area SQL and measures on a small hand-made dataset in a real DuckDB, every expected
// value worked out by hand in the comments.
import { beforeAll, describe, expect, test } from 'vitest';
import type { DbClient } from '../../src/lib/db/client';
import { areaAggregates, measureYears, parentLevel } from '../../src/lib/db/queries';
import { computeAreaMeasures, type AreaMeasures, type MeasureId } from '../../src/lib/domain/measures';
import { DEFAULT_NEED_WEIGHTS } from '../../src/lib/domain/need';
import { openNodeDb } from '../../scripts/lib/node-db';

// The hand-made counts are small on purpose; suppression has its own test at the end.
const NO_SUPPRESSION = { maxSuppressed: 0 };

let db: DbClient;
beforeAll(async () => {
  db = await openNodeDb();
  // Columns in a different physical order from the canonical one on purpose: the SQL names them.
  await db.exec(`
    CREATE TABLE population AS SELECT * FROM (VALUES
      (40.0, 'A', 'Alpha', 300::BIGINT, 1000::BIGINT, 'R1', 'Region', NULL::INTEGER),
      (20.0, 'B', 'Beta', 300::BIGINT, 3000::BIGINT, 'R1', 'Region', NULL::INTEGER),
      (NULL, 'C', 'Gamma', NULL::BIGINT, 2000::BIGINT, 'R1', 'Region', NULL::INTEGER)
    ) t(imd_score, area_code, area_name, pop_65_plus, population, parent_code, parent_name, imd_decile);

    CREATE TABLE funding AS SELECT area_code, amount::DECIMAL(18,2) AS amount_gbp, fy,
        contract_start::DATE AS contract_start, contract_end::DATE AS contract_end FROM (VALUES
      ('A', 100, '2024/25', '2024-04-01', '2025-03-31'),  -- 1 April to 31 March: a full year, not short-term
      ('A', 50, '2024/25', '2024-06-01', '2024-11-30'),   -- 6 months: short-term
      ('B', 300, '2024/25', NULL, NULL),                  -- no dates: not short-term
      ('B', 60, '2024/25', '2024-04-01', '2025-03-30'),   -- a day short of a year: short-term
      ('B', 999, '2023/24', '2023-04-01', '2024-03-31'),  -- another year
      ('X', 40, '2024/25', NULL, NULL)                    -- a code not in the population extract
    ) t(area_code, amount, fy, contract_start, contract_end);

    CREATE TABLE referrals AS SELECT referral_id, referral_date::DATE AS referral_date, area_code, status,
        first_contact_date::DATE AS first_contact_date, end_date::DATE AS end_date FROM (VALUES
      ('a1', '2024-04-10', 'A', 'completed', '2024-04-20', '2024-06-01'), -- wait 10
      ('a2', '2024-05-01', 'A', 'accepted', '2024-05-31', NULL),          -- wait 30
      ('a3', '2024-06-01', 'A', 'waiting', NULL, NULL),                   -- waiting
      ('a4', '2024-06-15', 'A', 'declined', NULL, '2024-06-20'),          -- closed by its end date
      ('a5', '2024-07-01', 'A', 'dna', NULL, NULL),                       -- closed by status (no end date)
      ('a6', '2024-08-01', 'A', 'completed', '2024-10-01', '2024-12-01'), -- wait 61; still waiting on 30 Sep
      ('a7', '2024-03-15', 'A', 'completed', '2024-04-05', '2024-05-01'), -- last year's referral, first contact this year: wait 21
      ('a8', '2024-02-01', 'A', 'waiting', NULL, NULL),                   -- last year's backlog, still waiting
      ('a9', '2024-09-01', 'A', 'accepted', '2024-08-25', NULL),          -- first contact before referral: not a wait
      ('a10', '2025-04-02', 'A', 'waiting', NULL, NULL),                  -- next year
      ('b25', '2024-09-30', 'B', 'waiting', NULL, NULL)                   -- the year's last referral: as_of = 2024-09-30
    ) t(referral_id, referral_date, area_code, status, first_contact_date, end_date)
    UNION ALL
    -- Beta: 24 referrals on the 1st of April to September (4 a month), each first contacted 7 days later.
    SELECT 'b' || i, (DATE '2024-04-01' + INTERVAL (i % 6) MONTH)::DATE, 'B', 'accepted',
      (DATE '2024-04-01' + INTERVAL (i % 6) MONTH + INTERVAL 7 DAY)::DATE, NULL::DATE
    FROM range(24) r(i);

    CREATE TABLE providers AS SELECT provider_id, area_code, monthly_capacity::BIGINT AS monthly_capacity,
        contract_start::DATE AS contract_start, contract_end::DATE AS contract_end FROM (VALUES
      ('pA1', 'A', 10, '2023-01-01', '2026-01-01'),
      ('pA2', 'A', 5, NULL, NULL),                   -- no dates: counted
      ('pA3', 'A', 100, '2020-01-01', '2024-03-31'), -- ended before the year: not counted
      ('pB1', 'B', 25, '2025-01-01', '2027-12-31'),  -- starts within the year: counted
      ('pZ', 'Z', 7, NULL, NULL)                     -- providers alone do not add an area
    ) t(provider_id, area_code, monthly_capacity, contract_start, contract_end);
    -- Partnership reach: who referred Alpha's referrals of the year, and to which sectors' providers.
    ALTER TABLE providers ADD COLUMN sector VARCHAR;
    UPDATE providers SET sector = CASE provider_id WHEN 'pA1' THEN 'VCSE' WHEN 'pA2' THEN 'NHS' WHEN 'pZ' THEN 'VCSE' END;
    ALTER TABLE referrals ADD COLUMN referral_source VARCHAR;
    ALTER TABLE referrals ADD COLUMN provider_id VARCHAR;
    UPDATE referrals SET referral_source = CASE referral_id WHEN 'a1' THEN 'GP' WHEN 'a2' THEN 'hospital' WHEN 'a3' THEN 'GP practice'
        WHEN 'a4' THEN 'VCSE' WHEN 'a6' THEN 'self' WHEN 'a9' THEN 'PCN' WHEN 'a7' THEN 'council' END,
      provider_id = CASE referral_id WHEN 'a1' THEN 'pA1' WHEN 'a2' THEN 'pA2' WHEN 'a6' THEN 'pZ' WHEN 'a9' THEN 'pNone' END;`);
});

const byCode = (m: AreaMeasures, code: string) => m.rows.find((r) => r.area_code === code)!;
const v = (m: AreaMeasures, code: string, id: MeasureId) => byCode(m, code).measures[id];

describe('per-area aggregates for 2024/25', () => {
  test('the SQL sums, counts and medians', async () => {
    const rows = await areaAggregates(db, '2024/25');
    expect(rows.map((r) => r.area_code)).toEqual(['A', 'B', 'C', 'X']);
    const [a, b, c, x] = rows;
    expect(a).toMatchObject({ area_name: 'Alpha', parent_code: 'R1', population: 1000, imd_score: 40, pop_65_plus: 300,
      funding: 150, funding_short_term: 50, referrals: 7, months: 6, waiting: 3, waiting_as_of: '2024-09-30',
      first_contacts: 4, median_wait_days: 25.5, monthly_capacity: 15 });
    expect(b).toMatchObject({ funding: 360, funding_short_term: 60, referrals: 25, waiting: 1, median_wait_days: 7, monthly_capacity: 25 });
    expect(c).toMatchObject({ population: 2000, imd_score: null, funding: 0, referrals: 0, waiting: 0, median_wait_days: null, monthly_capacity: 0 });
    expect(x).toMatchObject({ population: null, area_name: null, funding: 40, funding_short_term: 0 });
  });

  test('every measure with the default need weights', async () => {
    const m = computeAreaMeasures(await areaAggregates(db, '2024/25'), DEFAULT_NEED_WEIGHTS, NO_SUPPRESSION);
    // Need: mean IMD score (40×1000 + 20×3000)/4000 = 25 → d = 1.6, 0.8; mean 65+ share 600/4000 = 0.15 → a = 2, 2/3;
    // Gamma has neither, so counts as average (1). need A = 1 + 0.5×0.6 + 0.25×1 = 1.55;
    // need B = 1 + 0.5×(−0.2) + 0.25×(−1/3) = 0.81667; weighted 1550, 2450, 2000 (total 6000).
    expect(byCode(m, 'A').need_index).toBeCloseTo(1.55, 12);
    expect(m.needMissing).toEqual({ deprivation: 1, age: 1 });
    // Fair shares of £510 (X's £40 is not in the pot): 131.75, 208.25, 170.
    expect(byCode(m, 'A').fair_share).toBeCloseTo(131.75, 9);
    expect(byCode(m, 'B').fair_share).toBeCloseTo(208.25, 9);
    expect(byCode(m, 'C').fair_share).toBeCloseTo(170, 9);
    expect(v(m, 'A', 'dft').value).toBeCloseTo(150 / 131.75 - 1, 12); // +13.85%
    expect(v(m, 'B', 'dft').value).toBeCloseTo(360 / 208.25 - 1, 12); // +72.87%
    expect(v(m, 'C', 'dft').value).toBe(-1);
    expect(v(m, 'X', 'dft').value).toBeNull();
    expect(v(m, 'A', 'gap_gbp').value).toBeCloseTo(18.25, 9);
    expect(v(m, 'C', 'gap_gbp').value).toBeCloseTo(-170, 9);
    // Funding per head: 150/1000, 360/3000, 0/2000.
    expect([v(m, 'A', 'funding_per_head').value, v(m, 'B', 'funding_per_head').value, v(m, 'C', 'funding_per_head').value]).toEqual([0.15, 0.12, 0]);
    // Referral rate: 7/1000×1000×12/6 = 14 and 25/3000×1000×2 = 16.667 per 1,000 a year; Gamma 0.
    expect(v(m, 'A', 'referral_rate').value).toBeCloseTo(14, 12);
    expect(v(m, 'B', 'referral_rate').value).toBeCloseTo(50 / 3, 12);
    expect(v(m, 'C', 'referral_rate').value).toBe(0);
    // Alpha's 7 is below 10: exact limits qchisq(0.025, 14)/2 and qchisq(0.975, 16)/2, × 1000/1000 × 2 = 5.628726, 28.845350 (chi-square tables).
    expect(v(m, 'A', 'referral_rate').lower).toBeCloseTo(5.628726, 5);
    expect(v(m, 'A', 'referral_rate').upper).toBeCloseTo(28.845350, 5);
    // Beta's 25: Byar's 25(1 − 1/225 − 1.959964/15)³ = 16.174266 and 26(1 − 1/234 + 1.959964/(3√26))³ = 36.906451, × 1000/3000 × 2.
    expect(v(m, 'B', 'referral_rate').lower).toBeCloseTo(16.174266 * (2 / 3), 5);
    expect(v(m, 'B', 'referral_rate').upper).toBeCloseTo(36.906451 * (2 / 3), 5);
    // Gamma's 0: exact 0 to −ln(0.025) = 3.688879, × 1000/2000 × 2.
    expect(v(m, 'C', 'referral_rate').lower).toBe(0);
    expect(v(m, 'C', 'referral_rate').upper).toBeCloseTo(3.688879, 5);
    expect(v(m, 'X', 'referral_rate').value).toBeNull();
    // Waiting on 30 Sep 2024 (a3, a6, a8 in Alpha; b25 in Beta): 3/1000×1000 = 3, 1/3000×1000.
    expect(v(m, 'A', 'waiting_per_1000').value).toBeCloseTo(3, 12);
    expect(v(m, 'B', 'waiting_per_1000').value).toBeCloseTo(1 / 3, 12);
    expect(v(m, 'C', 'waiting_per_1000').value).toBe(0);
    expect(m.waitingAsOf).toBe('2024-09-30');
    // Median wait: Alpha 10, 21, 30, 61 → 25.5 days; Beta 7; Gamma none.
    expect(v(m, 'A', 'median_wait_days').value).toBe(25.5);
    expect(v(m, 'B', 'median_wait_days').value).toBe(7);
    expect(v(m, 'C', 'median_wait_days').value).toBeNull();
    // Capacity: 15×12/1000×1000 = 180, 25×12/3000×1000 = 100, 0.
    expect(v(m, 'A', 'capacity_per_1000').value).toBeCloseTo(180, 12);
    expect(v(m, 'B', 'capacity_per_1000').value).toBeCloseTo(100, 12);
    expect(v(m, 'C', 'capacity_per_1000').value).toBe(0);
    // Short-term share: 50/150, 60/360; none for Gamma (no money); 0 for X (undated lines).
    expect(v(m, 'A', 'short_term_share').value).toBeCloseTo(1 / 3, 12);
    expect(v(m, 'B', 'short_term_share').value).toBeCloseTo(1 / 6, 12);
    expect(v(m, 'C', 'short_term_share').value).toBeNull();
    expect(v(m, 'X', 'short_term_share').value).toBe(0);
  });

  test('ranks: 1 = worst by each measure\'s direction, N = areas with a value', async () => {
    const m = computeAreaMeasures(await areaAggregates(db, '2024/25'), DEFAULT_NEED_WEIGHTS, NO_SUPPRESSION);
    const ranks = (id: MeasureId) => ['A', 'B', 'C', 'X'].map((c) => v(m, c, id).rank);
    expect(ranks('dft')).toEqual([2, 3, 1, null]); // lowest first
    expect(ranks('funding_per_head')).toEqual([3, 2, 1, null]);
    expect(ranks('referral_rate')).toEqual([2, 1, 3, null]); // no direction: highest first
    expect(ranks('waiting_per_1000')).toEqual([1, 2, 3, null]); // highest first
    expect(ranks('median_wait_days')).toEqual([1, 2, null, null]);
    expect(ranks('capacity_per_1000')).toEqual([3, 2, 1, null]);
    expect(ranks('short_term_share')).toEqual([1, 2, null, 3]);
    expect(m.counts.dft).toBe(3);
    expect(m.counts.short_term_share).toBe(3);
  });

  test('need weights move the fair share and DfT', async () => {
    const rows = await areaAggregates(db, '2024/25');
    // Deprivation only: need 1.6, 0.8, 1 → weighted 1600, 2400, 2000; fair shares 136, 204, 170.
    const dep = computeAreaMeasures(rows, { deprivation: 1, age: 0 }, NO_SUPPRESSION);
    expect(byCode(dep, 'A').fair_share).toBeCloseTo(136, 9);
    expect(v(dep, 'A', 'dft').value).toBeCloseTo(14 / 136, 12);
    expect(v(dep, 'B', 'dft').value).toBeCloseTo(156 / 204, 12);
    // No need adjustment: per head, fair shares 85, 255, 170.
    const flat = computeAreaMeasures(rows, { deprivation: 0, age: 0 }, NO_SUPPRESSION);
    expect(v(flat, 'A', 'dft').value).toBeCloseTo(65 / 85, 12);
    expect(v(flat, 'B', 'gap_gbp').value).toBeCloseTo(105, 9);
    // Weights touch nothing else.
    expect(v(flat, 'A', 'referral_rate')).toEqual(v(dep, 'A', 'referral_rate'));
  });
});

describe('other years and missing extracts', () => {
  test('years with funding or referrals, oldest first', async () => {
    expect(await measureYears(db)).toEqual([
      { fy: '2023/24', has_funding: true, has_referrals: true },
      { fy: '2024/25', has_funding: true, has_referrals: true },
      { fy: '2025/26', has_funding: false, has_referrals: true }
    ]);
  });

  test('a year with referrals but no funding: funding measures are empty, not zero', async () => {
    const m = computeAreaMeasures(await areaAggregates(db, '2025/26'), DEFAULT_NEED_WEIGHTS, NO_SUPPRESSION);
    expect(v(m, 'A', 'dft').value).toBeNull();
    expect(v(m, 'A', 'funding_per_head').value).toBeNull();
    // One referral in one month: 1/1000 × 1000 × 12 = 12.
    expect(v(m, 'A', 'referral_rate').value).toBeCloseTo(12, 12);
    expect(m.months).toBe(1);
  });

  test('only the population extract: areas listed, every measure empty', async () => {
    await db.exec(`ALTER TABLE funding RENAME TO funding_off; ALTER TABLE referrals RENAME TO referrals_off; ALTER TABLE providers RENAME TO providers_off`);
    try {
      expect(await measureYears(db)).toEqual([]);
      const m = computeAreaMeasures(await areaAggregates(db, '2024/25'), DEFAULT_NEED_WEIGHTS, NO_SUPPRESSION);
      expect(m.rows.map((r) => r.area_code)).toEqual(['A', 'B', 'C']);
      expect(Object.values(m.counts).every((n) => n === 0)).toBe(true);
      // With no year at all (nothing to choose from) the areas still come back.
      expect((await areaAggregates(db, null)).map((r) => r.area_code)).toEqual(['A', 'B', 'C']);
    } finally {
      await db.exec(`ALTER TABLE funding_off RENAME TO funding; ALTER TABLE referrals_off RENAME TO referrals; ALTER TABLE providers_off RENAME TO providers`);
    }
  });

  test('no population extract: codes from the other extracts, no per-head measures', async () => {
    await db.exec(`ALTER TABLE population RENAME TO population_off`);
    try {
      const m = computeAreaMeasures(await areaAggregates(db, '2024/25'), DEFAULT_NEED_WEIGHTS, NO_SUPPRESSION);
      expect(m.rows.map((r) => r.area_code)).toEqual(['A', 'B', 'X']);
      expect(m.counts.dft).toBe(0);
      expect(m.counts.referral_rate).toBe(0);
      expect(v(m, 'A', 'short_term_share').value).toBeCloseTo(1 / 3, 12);
      expect(v(m, 'A', 'median_wait_days').value).toBe(25.5);
    } finally {
      await db.exec(`ALTER TABLE population_off RENAME TO population`);
    }
  });
});

describe('rolled up to parents and to all areas (from sums, never averaged rates)', () => {
  test('the hand-made areas roll up to their one parent R1', async () => {
    const [r1] = await areaAggregates(db, '2024/25', 'parent');
    // X (funding 40) is not in the population extract, so it has no parent and is left out.
    // Deprivation: population-weighted mean of the scores known, (40×1000 + 20×3000) / 4000 = 25.
    // Median wait from the records: A's 10, 21, 30, 61 and B's 24 waits of 7 → 28 waits, median 7.
    expect(r1).toMatchObject({ area_code: 'R1', area_name: 'Region', parent_code: null, population: 6000, imd_score: 25,
      pop_65_plus: null, funding: 510, funding_short_term: 110, referrals: 32, waiting: 4, first_contacts: 28,
      median_wait_days: 7, monthly_capacity: 40 });
    const [all] = await areaAggregates(db, '2024/25', 'all');
    expect(all).toMatchObject({ area_code: 'ALL', area_name: 'All areas', population: 6000, referrals: 32 });
  });

  test('two parents: rates from summed counts, fair share shared between parents', async () => {
    const db2 = await openNodeDb();
    await db2.exec(`
      CREATE TABLE population AS SELECT *, NULL::INTEGER AS imd_decile FROM (VALUES
        ('A', 'Alpha', 1000, 'G1', 'Group one', 10.0, 100), ('B', 'Beta', 3000, 'G1', 'Group one', 30.0, 300),
        ('C', 'Gamma', 4000, 'G2', 'Group two', 20.0, 400)
      ) t(area_code, area_name, population, parent_code, parent_name, imd_score, pop_65_plus);
      CREATE TABLE referrals AS SELECT 'r' || i AS referral_id, DATE '2024-05-01' AS referral_date,
        CASE WHEN i < 10 THEN 'A' WHEN i < 15 THEN 'B' ELSE 'C' END AS area_code, 'accepted' AS status,
        DATE '2024-05-08' AS first_contact_date, NULL::DATE AS end_date FROM range(35) r(i);
      CREATE TABLE funding AS SELECT *, NULL::DATE AS contract_start, NULL::DATE AS contract_end FROM (VALUES ('A', 100.0, '2024/25'), ('B', 100.0, '2024/25'), ('C', 600.0, '2024/25'))
        t(area_code, amount_gbp, fy);`);
    const parents = await areaAggregates(db2, '2024/25', 'parent');
    expect(parents.map((p) => [p.area_code, p.area_name, p.population, p.referrals, p.funding])).toEqual([
      ['G1', 'Group one', 4000, 15, 200], ['G2', 'Group two', 4000, 20, 600]
    ]);
    // G1's score (10×1000 + 30×3000) / 4000 = 25; G2's 20.
    expect(parents[0]!.imd_score).toBe(25);
    const m = computeAreaMeasures(parents, { deprivation: 0, age: 0 }, NO_SUPPRESSION);
    const g1 = m.rows.find((r) => r.area_code === 'G1')!;
    // Per head alone: fair share = 800 × 4000/8000 = 400 → DfT (200 − 400)/400 = −0.5.
    expect(g1.measures.dft.value).toBeCloseTo(-0.5, 12);
    // 15 referrals in one month, annualised × 12, per 1,000 of 4,000 = 45 a year (not the mean of A's 120 and B's 20).
    expect(g1.measures.referral_rate.value).toBeCloseTo(45, 9);
    const areas = computeAreaMeasures(await areaAggregates(db2, '2024/25'), { deprivation: 0, age: 0 }, NO_SUPPRESSION);
    const mean = (areas.rows[0]!.measures.referral_rate.value! + areas.rows[1]!.measures.referral_rate.value!) / 2;
    expect(mean).not.toBeCloseTo(45, 3);
    expect(await parentLevel(db2)).toEqual({ parents: 2, sample: expect.arrayContaining(['G1', 'G2']) });
  });
});

describe('partnership reach (issue 19)', () => {
  test('kinds of referrer, provider sectors receiving and the share from outside primary care', async () => {
    const [a, b] = await areaAggregates(db, '2024/25');
    // Alpha's referrals of the year: a1 GP, a2 hospital, a3 GP practice, a4 VCSE, a5 blank, a6 self, a9 PCN (a7 is last
    // year's): 6 kinds; primary care GP, GP practice and PCN = 3, outside hospital, VCSE and self = 3. Providers pA1
    // (VCSE), pA2 (NHS) and pZ (VCSE; another area's, still a sector receiving Alpha's referral); pNone is in no extract.
    expect(a).toMatchObject({ referring_sources: 6, receiving_sectors: 2, primary_care: 3, outside_primary_care: 3 });
    // Beta: no sources, no providers named.
    expect(b).toMatchObject({ referring_sources: 0, receiving_sectors: 0, primary_care: 0, outside_primary_care: 0 });
    const m = computeAreaMeasures([a!, b!], DEFAULT_NEED_WEIGHTS, NO_SUPPRESSION);
    expect(v(m, 'A', 'referring_sources').value).toBe(6);
    expect(v(m, 'A', 'receiving_sectors').value).toBe(2);
    // 3 of 6, Wilson 95% (worked in Python): 0.187600 to 0.812400.
    expect(v(m, 'A', 'outside_primary_care')).toMatchObject({ value: 0.5 });
    expect(v(m, 'A', 'outside_primary_care').lower).toBeCloseTo(0.1876, 4);
    expect(v(m, 'A', 'outside_primary_care').upper).toBeCloseTo(0.8124, 4);
    expect(v(m, 'B', 'outside_primary_care').value).toBeNull();
    // Both counts are small (3): the share is hidden by default; its kinds and sectors are not counts of people.
    const hidden = computeAreaMeasures([a!, b!], DEFAULT_NEED_WEIGHTS);
    expect(v(hidden, 'A', 'outside_primary_care')).toMatchObject({ value: null, suppressed: true });
    expect(v(hidden, 'A', 'referring_sources').value).toBe(6);
    // The parent R1 adds up its areas' referrals (kinds are counted again, not summed).
    const [r1] = await areaAggregates(db, '2024/25', 'parent');
    expect(r1).toMatchObject({ referring_sources: 6, primary_care: 3, outside_primary_care: 3 });
  });
});

describe('small-number suppression of the Map measures', () => {
  test('a rate built on 1-7 referrals is hidden, and a second area of the same parent with it', async () => {
    const rows = await areaAggregates(db, '2024/25');
    // A has 7 referrals (suppressed), B 25, C 0 (zero is shown) under one parent R1: B goes too, or A = total − B − C.
    const m = computeAreaMeasures(rows, DEFAULT_NEED_WEIGHTS);
    expect(v(m, 'A', 'referral_rate')).toMatchObject({ value: null, suppressed: true, rank: null });
    expect(v(m, 'B', 'referral_rate')).toMatchObject({ value: null, suppressed: true });
    expect(v(m, 'C', 'referral_rate')).toMatchObject({ value: 0, suppressed: false });
    expect(byCode(m, 'A')).toMatchObject({ referrals: null, referrals_suppressed: true });
    // Funding is not a count of people: never suppressed.
    expect(v(m, 'A', 'funding_per_head').suppressed).toBe(false);
    // Off: every value shown.
    expect(computeAreaMeasures(rows, DEFAULT_NEED_WEIGHTS, { maxSuppressed: 0 }).rows[0]!.measures.referral_rate.suppressed).toBe(false);
  });
});
