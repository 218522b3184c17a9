// The summary tables built once per load (db/sql/aggregates.ts, issue 18): every measure the Map, the area
// profile, Equity, the Plan and the Overview now read from them equals the same measure computed here from the
// raw referrals with the test's own SQL: on the demo data, and on hand-made rows built to hit the edge cases
// (an empty month, areas with one referral, which the disclosure rule then hides, no area, no age band, a first
// contact before its referral, an even number of waits, a year with referrals but no first contact).
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { toArrowStream } from '../../scripts/demo/arrow.mjs';
import { COLUMNS, generateDemo } from '../../scripts/demo/generate.mjs';
import { readReferenceDistricts } from '../../scripts/lib/reference.mjs';
import type { DbClient, SqlParam } from '../../src/lib/db/client';
import { areaAggregates, measureYears, overviewFigures } from '../../src/lib/db/queries';
import { histogramQuantileSql } from '../../src/lib/db/sql/aggregates';
import { equityDsrBands, equityGradient, equityLongWaits } from '../../src/lib/db/sql/equity';
import { waitingSeriesSql, type WaitingOptions } from '../../src/lib/db/sql/waiting';
import { pathwayCellsSql } from '../../src/lib/db/sql/pathways';
import { cypGapSql, wellbeingChangeSql, type WellbeingBy } from '../../src/lib/db/sql/provision';
import type { WellbeingAggregate } from '../../src/lib/domain/capacity';
import { areaCapacitySql, measureTables, providerMonthsSql } from '../../src/lib/db/sql/capacity';
import type { ExtractKind } from '../../src/lib/domain/extracts';
import { loadArrowExtract } from '../../src/lib/ingest/load-arrow';
import { openNodeDb } from '../../scripts/lib/node-db';

// The test's own definitions, from the data dictionary and docs/methods.md, written against the records.
const WAITING_ON = (d: string) =>
  `(referral_date <= ${d} AND (first_contact_date IS NULL OR first_contact_date > ${d}) AND (end_date IS NULL OR end_date > ${d})
    AND NOT (end_date IS NULL AND coalesce(status IN ('declined', 'withdrawn', 'dna', 'completed'), false)))`;
const FY_BOUNDS = (fy: string) => `DATE '${fy.slice(0, 4)}-04-01' AND DATE '${Number(fy.slice(0, 4)) + 1}-03-31'`;

/** A query asked of the summaries and of the records: the same rows, and some of them. Returns how many. */
async function expectBothWays(db: DbClient, make: (read: 'summaries' | 'records') => { sql: string; params: SqlParam[] }): Promise<number> {
  const run = (read: 'summaries' | 'records') => {
    const { sql, params } = make(read);
    return db.query(sql, params);
  };
  const records = await run('records');
  expect(records.length).toBeGreaterThan(0);
  expect(await run('summaries')).toEqual(records);
  return records.length;
}

/** 'yyyy-mm' moved by k months. */
function shiftMonth(m: string, k: number): string {
  const d = new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1 + k, 1));
  return d.toISOString().slice(0, 7);
}

interface RawArea { code: string; referrals: number; waiting: number; first_contacts: number; median: number | null; over18: number }

/** Per group (area, parent or ALL) for a year, from the records. `lk`: area → group, or null for areas themselves. */
async function rawByGroup(db: DbClient, fy: string, lk: string | null): Promise<{ months: number; asOf: string | null; rows: Map<string, RawArea> }> {
  const inFy = `referral_date BETWEEN ${FY_BOUNDS(fy)}`;
  const [year] = await db.query<{ months: number; as_of: string | null }>(
    `SELECT count(DISTINCT strftime(referral_date, '%Y-%m'))::INTEGER AS months, strftime(max(referral_date), '%Y-%m-%d') AS as_of FROM referrals WHERE ${inFy}`
  );
  const src = lk ? `(SELECT lk.grp AS area_code, r.* EXCLUDE (area_code) FROM referrals r JOIN (${lk}) lk USING (area_code))` : 'referrals';
  const asOf = year?.as_of ? `DATE '${year.as_of}'` : 'NULL::DATE';
  const rows = await db.query<{ code: string; referrals: number; waiting: number; first_contacts: number; median: number | null; over18: number }>(`
    SELECT area_code AS code,
      count(*) FILTER (WHERE ${inFy})::INTEGER AS referrals,
      count(*) FILTER (WHERE ${WAITING_ON(asOf)})::INTEGER AS waiting,
      count(*) FILTER (WHERE first_contact_date BETWEEN ${FY_BOUNDS(fy)} AND first_contact_date >= referral_date)::INTEGER AS first_contacts,
      median(first_contact_date - referral_date) FILTER (WHERE first_contact_date BETWEEN ${FY_BOUNDS(fy)} AND first_contact_date >= referral_date)::DOUBLE AS median,
      count(*) FILTER (WHERE first_contact_date BETWEEN ${FY_BOUNDS(fy)} AND first_contact_date - referral_date > 126)::INTEGER AS over18
    FROM ${src} WHERE area_code IS NOT NULL GROUP BY area_code`);
  return { months: year?.months ?? 0, asOf: year?.as_of ?? null, rows: new Map(rows.map((r) => [r.code, r])) };
}

const PARENTS = `SELECT area_code, any_value(parent_code) AS grp FROM area_population WHERE parent_code IS NOT NULL GROUP BY area_code`;
const ALL = `SELECT DISTINCT area_code, 'ALL' AS grp FROM area_population`;

/** Every figure the aggregate-backed queries give, against the records, for every year and level. */
async function expectSameAsRecords(db: DbClient): Promise<number> {
  let compared = 0;
  const years = (await measureYears(db)).filter((y) => y.has_referrals).map((y) => y.fy);
  expect(years.length).toBeGreaterThan(0);
  for (const fy of years) {
    for (const [level, lk] of [['area', null], ['parent', PARENTS], ['all', ALL]] as const) {
      const raw = await rawByGroup(db, fy, lk);
      const got = await areaAggregates(db, fy, level);
      for (const row of got) {
        const r = raw.rows.get(row.area_code);
        expect({ fy, level, code: row.area_code, referrals: row.referrals, waiting: row.waiting, first: row.first_contacts, median: row.median_wait_days, months: row.months, asOf: row.waiting_as_of })
          .toEqual({ fy, level, code: row.area_code, referrals: r?.referrals ?? 0, waiting: r?.waiting ?? 0, first: r?.first_contacts ?? 0, median: r?.median ?? null, months: raw.months, asOf: raw.asOf });
        compared++;
      }
      // No group with referrals is missing from the aggregate rows.
      for (const [code, r] of raw.rows) if (r.referrals > 0) expect(got.some((g) => g.area_code === code), `${fy} ${level} ${code}`).toBe(true);
    }

    // Equity: first contacts over 18 weeks by area, referrals by age, and each decile's median wait.
    const raw = await rawByGroup(db, fy, null);
    for (const w of await equityLongWaits(db, fy)) {
      expect([w.area_code, w.first_contacts, w.waited_over_18w]).toEqual([w.area_code, raw.rows.get(w.area_code)?.first_contacts ?? 0, raw.rows.get(w.area_code)?.over18 ?? 0]);
    }
    for (const b of await equityDsrBands(db, fy)) {
      const total = (b.ref_0_17 ?? 0) + (b.ref_18_64 ?? 0) + (b.ref_65_plus ?? 0) + (b.ref_unknown ?? 0);
      expect([b.area_code, total, b.months]).toEqual([b.area_code, raw.rows.get(b.area_code)?.referrals ?? 0, raw.months]);
    }
    const deciles = await rawByGroup(db, fy, `SELECT area_code, any_value(imd_decile)::VARCHAR AS grp FROM area_population WHERE imd_decile BETWEEN 1 AND 10 GROUP BY area_code`);
    for (const g of (await equityGradient(db, fy, 'decile')).filter((x) => x.quantile !== null)) {
      const r = deciles.rows.get(String(g.quantile));
      expect([fy, g.quantile, g.first_contacts, g.median_wait_days]).toEqual([fy, g.quantile, r?.first_contacts ?? 0, r?.median ?? null]);
      compared++;
    }
  }

  // The Waiting lists view: its series from the summaries equal its series from the records (the records path is
  // checked against hand-worked figures in waiting-sql.test.ts), for each breakdown the summaries answer, with
  // area and age filters, over the whole range and over a window that starts and ends inside it.
  const [range] = await db.query<{ a: string; b: string }>(`SELECT strftime(min(referral_date), '%Y-%m') AS a, strftime(max(referral_date), '%Y-%m') AS b FROM referrals`);
  const [someArea] = await db.query<{ c: string }>(`SELECT area_code AS c FROM referrals WHERE area_code IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
  const window = { from: shiftMonth(range!.a, 2), to: shiftMonth(range!.b, -1) };
  const asks: WaitingOptions[] = [
    { from: range!.a, to: range!.b }, { ...window }, { ...window, by: 'area' }, { ...window, by: 'age_band' },
    { ...window, areaCodes: [someArea!.c] }, { ...window, by: 'age_band', areaCodes: [someArea!.c], ageBands: ['18-29', '45-64'] }
  ];
  for (const ask of asks) compared += await expectBothWays(db, (read) => waitingSeriesSql(ask, read));

  // The children and young people gap (Capacity and Equity): referrals by age per area, from either.
  const have = await measureTables(db);
  for (const ask of [{ from: range!.a, to: range!.b }, { ...window }, { ...window, areaCodes: [someArea!.c] }]) {
    compared += await expectBothWays(db, (read) => cypGapSql(have, ask, read));
  }

  // Capacity: each provider's accepted referrals by month (the provider filters apply to the providers extract).
  expect(have.has('providers')).toBe(true);
  const [someProvider] = await db.query<{ p: string }>(`SELECT provider_id AS p FROM referrals WHERE provider_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
  for (const ask of [{ from: range!.a, to: range!.b }, { ...window }, { ...window, providers: [someProvider!.p] }, { ...window, areaCodes: [someArea!.c] }]) {
    compared += await expectBothWays(db, (read) => providerMonthsSql(have, ask, read));
  }

  // Capacity: the wellbeing change by service, by area and over all, with area and service filters: counts and means
  // the same to the last digit (whole-number scores sum exactly), the standard deviation (from Σd and Σd² in the summary,
  // stddev_samp over the records) to 12 significant digits.
  const [someService] = await db.query<{ s: string }>(`SELECT service_category AS s FROM referrals WHERE wellbeing_post IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
  const wellbeingAsks: (WaitingOptions & { by?: WellbeingBy })[] = [
    { from: range!.a, to: range!.b }, { ...window, by: 'service_category' }, { ...window, by: 'area' },
    { ...window, by: 'service_category', areaCodes: [someArea!.c] }, { ...window, by: 'area', serviceCategories: [someService!.s] }
  ];
  let withScores = 0;
  for (const ask of wellbeingAsks) {
    const both = await Promise.all((['records', 'summaries'] as const).map((read) => {
      const { sql, params } = wellbeingChangeSql(ask, read);
      return db.query<WellbeingAggregate>(sql, params);
    }));
    const [records, summaries] = both as [WellbeingAggregate[], WellbeingAggregate[]];
    expect(records.length).toBeGreaterThan(0);
    expect(summaries.map(({ sd_change: _s, ...r }) => r)).toEqual(records.map(({ sd_change: _s, ...r }) => r));
    records.forEach((r, i) => {
      const sd = summaries[i]!.sd_change;
      if (r.sd_change === null) expect(sd).toBeNull();
      else expect(Math.abs(sd! - r.sd_change)).toBeLessThanOrEqual(1e-12 * Math.max(1, r.sd_change));
      withScores += r.with_both;
    });
    compared += records.length;
  }
  expect(withScores).toBeGreaterThan(0);

  // Capacity and Equity: each area's open caseload at the period's end, from the summary by start and end month or
  // from the records, with each filter the caseload applies (area, provider, service), ending at the range's end and inside it.
  const [someCategory] = await db.query<{ s: string | null }>(`SELECT service_category AS s FROM referrals WHERE first_contact_date IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 NULLS LAST LIMIT 1`);
  const caseloadAsks: WaitingOptions[] = [
    { from: range!.a, to: range!.b }, { ...window }, { ...window, areaCodes: [someArea!.c] }, { ...window, providers: [someProvider!.p] },
    ...(someCategory?.s ? [{ ...window, serviceCategories: [someCategory.s] }] : [])
  ];
  let open = 0;
  for (const ask of caseloadAsks) {
    const rows = await expectBothWays(db, (read) => areaCapacitySql(have, ask, read));
    compared += rows;
    const [{ total }] = (await db.query<{ total: number }>(`SELECT coalesce(sum(open_caseload), 0)::INTEGER AS total FROM (${areaCapacitySql(have, ask, 'records').sql})`, areaCapacitySql(have, ask, 'records').params)) as [{ total: number }];
    open += total;
  }
  expect(open).toBeGreaterThan(0);

  // Pathways: the cube of referrals by source, service, provider sector and status, with the filters the summary answers.
  const [someSource] = await db.query<{ s: string | null }>(`SELECT referral_source AS s FROM referrals WHERE referral_source IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
  for (const ask of [{ from: range!.a, to: range!.b }, { ...window }, { ...window, areaCodes: [someArea!.c] },
    { ...window, referralSources: [someSource!.s!] }, ...(someCategory?.s ? [{ ...window, serviceCategories: [someCategory.s] }] : [])]) {
    compared += await expectBothWays(db, (read) => pathwayCellsSql(have, ask, read));
  }

  // The Overview: the latest year's referrals and median wait, and the list on the last date.
  const o = await overviewFigures(db);
  const [last] = await db.query<{ fy: string; d: string }>(`SELECT fs_fy_of(max(referral_date)) AS fy, strftime(max(referral_date), '%Y-%m-%d') AS d FROM referrals`);
  const all = await rawByGroup(db, last!.fy, `SELECT DISTINCT area_code, 'ALL' AS grp FROM referrals WHERE area_code IS NOT NULL`);
  const [nulls] = await db.query<{ n: number; w: number; f: number }>(`SELECT count(*) FILTER (WHERE referral_date BETWEEN ${FY_BOUNDS(last!.fy)})::INTEGER AS n,
      count(*) FILTER (WHERE ${WAITING_ON(`DATE '${last!.d}'`)})::INTEGER AS w FROM referrals WHERE area_code IS NULL`);
  const [m] = await db.query<{ m: number | null }>(`SELECT median(first_contact_date - referral_date)::DOUBLE AS m FROM referrals
    WHERE first_contact_date BETWEEN ${FY_BOUNDS(last!.fy)} AND first_contact_date >= referral_date`);
  expect([o.fy, o.referrals, o.medianWaitDays, o.waitingNow, o.waitingAsOf]).toEqual([
    last!.fy, (all.rows.get('ALL')?.referrals ?? 0) + nulls!.n, m!.m, (all.rows.get('ALL')?.waiting ?? 0) + nulls!.w, last!.d
  ]);
  return compared;
}

describe('a histogram quantile is DuckDB quantile_cont over the values one by one', () => {
  let db: DbClient;
  beforeAll(async () => {
    db = await openNodeDb();
  }, 60_000);

  test.each([0, 0.1, 0.25, 0.5, 0.9, 1])('q = %s on groups of 1, 2, 3, 7 and 100 values with repeats', async (q) => {
    await db.exec(`CREATE OR REPLACE TABLE vals AS SELECT * FROM (VALUES
      ('a', 5), ('b', 3), ('b', 8), ('c', 1), ('c', 1), ('c', 9),
      ('d', 0), ('d', 2), ('d', 2), ('d', 2), ('d', 7), ('d', 30), ('d', 31)) t(g, v)
      UNION ALL SELECT 'e', (i * 37) % 41 FROM range(100) r(i)`);
    const exact = await db.query<{ g: string; value: number; total: number }>(`SELECT g, quantile_cont(v, ${q})::DOUBLE AS value, count(*)::INTEGER AS total FROM vals GROUP BY g ORDER BY g`);
    const hist = await db.query<{ g: string; value: number; total: number }>(
      `SELECT grp AS g, value, total FROM (${histogramQuantileSql('SELECT g AS grp, v, count(*) AS n FROM vals GROUP BY ALL', q)}) ORDER BY g`
    );
    expect(hist).toEqual(exact);
  });
});

describe('the summary tables answer as the records do', () => {
  let db: DbClient;
  beforeAll(async () => {
    db = await openNodeDb();
  }, 60_000);

  test('on the demo data: every area, parent and all-areas row of every year, and Equity and the Overview', async () => {
    const demo = generateDemo({ seed: 18, scale: 0.1, areas: readReferenceDistricts(path.resolve(__dirname, '../..')) });
    for (const kind of Object.keys(COLUMNS) as (keyof typeof COLUMNS & ExtractKind)[]) {
      const report = await loadArrowExtract(db, `${kind}.arrow`, toArrowStream(COLUMNS[kind], demo[kind]), { kind, origin: 'demo' });
      expect(report.ok).toBe(true);
    }
    expect(await expectSameAsRecords(db)).toBeGreaterThan(100);
  }, 120_000);

  test('on hand-made edge cases', async () => {
    await db.exec(`CREATE OR REPLACE TABLE population AS SELECT * FROM (VALUES
        ('A', 'Area A', 1000, 'P1', 'Parent 1', 2, 40.0, 200, 650, 150), ('B', 'Area B', 500, 'P1', 'Parent 1', 9, 8.5, 100, 310, 90),
        ('C', 'Area C', 800, 'P2', 'Parent 2', 2, 38.2, 160, 540, 100)
      ) t(area_code, area_name, population, parent_code, parent_name, imd_decile, imd_score, pop_0_17, pop_18_64, pop_65_plus);
      CREATE OR REPLACE TABLE providers AS SELECT provider_id, provider_name, area_code, service_category, sector,
        contract_start::DATE AS contract_start, contract_end::DATE AS contract_end, monthly_capacity FROM (VALUES
        ('X1', 'One', 'A', 'arts', 'VCSE', '2024-01-01', NULL, 3), ('X2', 'Two', 'B', 'advice', 'VCSE', NULL, '2024-12-31', 2),
        ('X3', 'Three', 'C', 'arts', 'council', NULL, NULL, NULL)
      ) t(provider_id, provider_name, area_code, service_category, sector, contract_start, contract_end, monthly_capacity);
      CREATE OR REPLACE TABLE referrals AS SELECT referral_id, referral_date::DATE AS referral_date, area_code, age_band,
        first_contact_date::DATE AS first_contact_date, end_date::DATE AS end_date, status,
        ['X1', 'X1', NULL, 'X2', 'X3', 'X3', 'X1', 'X2', 'X2', 'X9', 'X1'][referral_id::INTEGER] AS provider_id FROM (VALUES
        ('1', '2024-04-03', 'A', '18-29', '2024-04-10', NULL, 'accepted'),     -- 7 days
        ('2', '2024-04-20', 'A', '0-17', '2024-05-30', NULL, 'accepted'),      -- 40 days
        ('3', '2024-06-15', 'A', NULL, NULL, NULL, 'waiting'),                 -- no age band; still waiting
        -- July and August 2024: no referrals anywhere (an empty month)
        ('4', '2024-09-01', 'B', '65-74', '2024-08-20', NULL, 'accepted'),     -- first contact before referral: no wait
        ('5', '2024-09-02', NULL, '30-44', '2024-09-09', NULL, 'accepted'),    -- no area: counts in the months and the Overview only
        ('6', '2025-01-10', 'C', '45-64', NULL, NULL, 'dna'),                  -- closed with no date: never waiting
        ('7', '2025-03-31', 'C', '45-64', '2025-09-01', NULL, 'accepted'),     -- waiting on the year's last day; a 154-day wait next year
        ('8', '2023-05-01', 'A', '75+', '2024-04-02', NULL, 'accepted'),       -- last year's referral, a 337-day wait this year
        ('9', '2023-06-01', 'B', '18-29', NULL, '2023-07-01', 'withdrawn'),    -- the only 2023/24 record of B: one referral
        ('10', '2025-05-05', 'D', '18-29', NULL, NULL, 'waiting'),             -- an area with no population, in 2025/26 only
        ('11', '2025-05-02', 'A', '18-29', NULL, '2025-04-28', 'withdrawn')    -- ended before it was received: a closure only once it is received
      ) t(referral_id, referral_date, area_code, age_band, first_contact_date, end_date, status);
      -- Wellbeing scores for the wellbeing summary: some with both, some with one (not counted), a service with
      -- one referral, a referral with no service.
      ALTER TABLE providers ADD COLUMN link_worker_fte DOUBLE;
      UPDATE providers SET link_worker_fte = 1.5 WHERE provider_id = 'X1';
      ALTER TABLE referrals ADD COLUMN referral_source VARCHAR;
      UPDATE referrals SET referral_source = CASE WHEN referral_id IN ('1', '2', '4', '6') THEN 'GP' WHEN referral_id IN ('3', '7') THEN 'Hospital' END;
      ALTER TABLE referrals ADD COLUMN service_category VARCHAR;
      ALTER TABLE referrals ADD COLUMN wellbeing_pre DOUBLE;
      ALTER TABLE referrals ADD COLUMN wellbeing_post DOUBLE;
      UPDATE referrals SET service_category = CASE WHEN referral_id IN ('1', '2', '7', '8') THEN 'arts' WHEN referral_id = '4' THEN 'advice' END,
        wellbeing_pre = CASE WHEN referral_id IN ('1', '2', '4', '7', '8', '11') THEN 20 + referral_id::INTEGER END,
        wellbeing_post = CASE WHEN referral_id IN ('1', '2', '4', '8', '9') THEN 25 + 3 * referral_id::INTEGER END`);
    expect(await expectSameAsRecords(db)).toBeGreaterThan(10);
    // Spot checks worked by hand: A in 2024/25 has 3 referrals, the waits 7, 40 and 337 days (median 40) and,
    // on 31 March 2025, only 3 waiting; the year has referrals in 5 months (April, June, September, January,
    // March). 2025/26 is one month (May), its list counted on 5 May, when 7 is still waiting.
    const a = (await areaAggregates(db, '2024/25')).find((r) => r.area_code === 'A')!;
    expect([a.referrals, a.first_contacts, a.median_wait_days, a.waiting, a.waiting_as_of, a.months]).toEqual([3, 3, 40, 1, '2025-03-31', 5]);
    const c = (await areaAggregates(db, '2024/25')).find((r) => r.area_code === 'C')!;
    expect([c.referrals, c.waiting, c.first_contacts, c.median_wait_days]).toEqual([2, 1, 0, null]);
    const p1 = (await areaAggregates(db, '2024/25', 'parent')).find((r) => r.area_code === 'P1')!;
    expect([p1.referrals, p1.first_contacts, p1.median_wait_days]).toEqual([4, 3, 40]);
    const next = await areaAggregates(db, '2025/26');
    expect(next.find((r) => r.area_code === 'C')).toMatchObject({ first_contacts: 1, median_wait_days: 154, waiting: 1, waiting_as_of: '2025-05-05', months: 1 });
  });
});
