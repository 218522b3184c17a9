// The Capacity view's SQL (db/sql/capacity.ts, provision.ts) and measures (domain/capacity.ts) on a small
// hand-made dataset in a real DuckDB, in canonical tables; every expected value is worked out by hand in
// the comments. The period is February to April 2024 (FYs 2023/24 and 2024/25); its last day is 30 April.
import { beforeAll, describe, expect, test } from 'vitest';
import type { DbClient } from '../../src/lib/db/client';
import { areaCapacity, areaCapacitySql, FILTERS_APPLIED, providerCapacity, providerMonthsSql, providerUtilisation } from '../../src/lib/db/sql/capacity';
import { fieldSqlType } from '../../src/lib/db/sql/ingest';
import { cypGapByArea, fundingContinuity, shortTermFunding, wellbeingChangeBy, wellbeingChangeSql } from '../../src/lib/db/sql/provision';
import { tQuantile, wellbeingChange } from '../../src/lib/domain/capacity';
import { EXTRACTS, type ExtractKind } from '../../src/lib/domain/extracts';
import { openNodeDb } from '../../scripts/lib/node-db';

let db: DbClient;

const lit = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v}'`);

/** An empty canonical table with every column of the extract, typed as a load types it, filled with rows. */
async function table(kind: ExtractKind, cols: string[], rows: (string | number | null)[][]) {
  const defs = EXTRACTS[kind].fields.map((f) => `${f.name} ${fieldSqlType(f.kind)}`);
  if (kind === 'funding') defs.push('period_start DATE', 'fy VARCHAR');
  await db.exec(`CREATE TABLE ${kind} (${defs.join(', ')});
    INSERT INTO ${kind} (${cols.join(', ')}) VALUES ${rows.map((r) => `(${r.map(lit).join(', ')})`).join(', ')};`);
  // The derived columns, as ingest stores them.
  if (kind === 'funding') await db.exec(`UPDATE funding SET period_start = fs_period_start(period), fy = fs_fy_of(fs_period_start(period))`);
}

beforeAll(async () => {
  db = await openNodeDb();
  await table('population', ['area_code', 'area_name', 'population', 'pop_0_17'], [
    ['A', 'Alpha', 10000, 2000], // 20% aged 0–17
    ['B', 'Beta', 5000, 1500], //   30%
    ['C', 'Gamma', 2000, null] //   unknown
  ]);
  await table('providers', ['provider_id', 'provider_name', 'area_code', 'service_category', 'monthly_capacity', 'link_worker_fte', 'contract_start', 'contract_end'], [
    ['P1', 'Walk A', 'A', 'physical activity', 3, 2.0, '2023-04-01', '2024-03-31'], // covers Feb and Mar, not Apr
    ['P1', 'Walk A', 'A', 'physical activity', 4, 1.5, '2024-04-02', '2025-04-01'], // next contract: 1 April uncovered; covers Apr
    ['P2', 'Arts B', 'B', 'arts', 2, 1.0, '2024-03-01', '2025-02-28'], //              February not covered
    ['P3', 'Green A', 'A', 'green', 0, null, null, null], //                           no dates: always active, but no capacity
    ['P4', 'Food A', 'A', 'food', 5, 0.5, '2022-01-01', '2023-12-31'], //              ended before the period
    ['P5', 'Advice B', 'B', 'advice', 6, 2.0, '2023-01-01', null] //                   open-ended
  ]);
  await table('referrals', ['referral_id', 'referral_date', 'area_code', 'referral_source', 'age_band', 'service_category', 'provider_id', 'status',
    'first_contact_date', 'end_date', 'wellbeing_pre', 'wellbeing_post'], [
    ['r1', '2024-02-01', 'A', 'GP', '0-17', 'physical activity', 'P1', 'accepted', '2024-02-10', null, 10, 14],
    ['r2', '2024-02-03', 'A', 'GP', '18-29', 'physical activity', 'P1', 'completed', '2024-02-05', '2024-03-30', 12, 18],
    ['r3', '2024-02-05', 'A', 'self', '30-44', 'physical activity', 'P1', 'dna', null, null, 8, null],
    ['r4', '2024-02-07', 'A', 'GP', '0-17', 'physical activity', 'P1', 'withdrawn', '2024-02-20', null, null, null],
    ['r5', '2024-02-09', 'A', 'GP', '45-64', 'physical activity', 'P1', 'declined', null, null, null, null],
    ['r6', '2024-02-11', 'A', 'GP', '65-74', 'physical activity', 'P1', 'waiting', null, null, null, null],
    ['r7', '2024-02-13', 'A', 'self', '75+', 'physical activity', 'P1', 'withdrawn', null, '2024-02-20', null, null],
    ['r8', '2024-03-01', 'A', 'GP', '18-29', 'physical activity', 'P1', 'completed', '2024-03-05', '2024-05-10', 20, 22],
    ['r9', '2024-03-03', 'A', 'GP', '16-24', 'physical activity', 'P1', 'waiting', '2024-03-10', null, null, null],
    ['r10', '2024-04-02', 'A', 'GP', '0-17', 'physical activity', 'P1', 'accepted', '2024-04-29', null, 15, 15],
    ['r11', '2024-02-15', 'B', 'GP', '18-29', 'arts', 'P2', 'accepted', '2024-02-20', null, 30, 40],
    ['r12', '2024-03-04', 'B', 'hospital', '0-17', 'arts', 'P2', 'completed', '2024-03-10', '2024-04-15', 25, 35],
    ['r13', '2024-03-20', 'B', 'GP', '45-64', 'arts', 'P2', 'accepted', '2024-05-02', null, null, null],
    ['r14', '2024-03-10', 'A', 'GP', '30-44', 'green', 'P3', 'dna', null, '2024-03-20', null, null],
    ['r15', '2024-04-10', 'B', 'GP', null, 'advice', 'PX', 'accepted', '2024-04-12', null, null, null],
    ['r16', '2024-01-15', 'A', 'GP', '18-29', 'physical activity', 'P1', 'accepted', '2024-01-20', null, null, null],
    ['r17', '2024-04-20', 'B', 'self', '65-74', 'advice', 'P5', null, '2024-04-25', null, 40, 44],
    ['r18', '2024-02-20', 'C', 'GP', '0-17', 'arts', null, 'accepted', '2024-02-25', '2024-04-30', 5, 9],
    ['r19', '2024-05-05', 'A', 'GP', '18-29', 'physical activity', 'P1', 'waiting', null, null, null, null] // the data's last referral
  ]);
  await table('funding', ['area_code', 'period', 'amount_gbp', 'funder', 'provider_id', 'contract_start', 'contract_end', 'funding_stream'], [
    ['A', '2023/24', 1200, 'ICB', 'P1', '2023-04-01', '2024-03-31', 'Core'], //    f1: a full year
    ['A', '2024/25', 1000, 'ICB', 'P1', '2024-04-02', '2025-04-01', 'Core'], //    f2: a full year
    ['A', '2024-02', 300, 'grant', null, '2024-02-01', '2024-07-31', 'Winter'], //  f3: 6 months, short-term; a month line in 2023/24
    ['B', '2023/24', 500, 'council', 'P2', '2023-10-01', '2024-02-29', 'Pilot'], // f4: short-term
    ['B', '2024/25', 800, 'ICB', 'P2', '2024-03-01', '2025-02-28', 'Core'], //     f5: 1 March to 28 February, a full year
    ['B', '2024/25', 400, 'grant', 'P5', null, null, 'Top-up'], //                 f6: no dates: not short-term, not on a timeline
    ['A', '2022/23', 9999, 'ICB', 'P4', '2022-04-01', '2023-03-31', 'Core'], //    f7: a year outside the period
    ['X', '2024/25', 100, 'ICB', null, '2024-06-01', '2024-08-31', 'Core'], //     f8: an area not in the population extract; short-term
    ['B', '2023/24', 250, 'grant', 'P6', '2023-06-01', '2024-03-15', 'Pilot'], //  f9: short-term; P6 is not in the providers extract
    ['B', '2024/25', 600, 'ICB', 'P5', '2024-04-01', '2024-09-30', 'Core'] //      f10: short-term, inside P5's open-ended contract
  ]);
});

const PERIOD = { from: '2024-02', to: '2024-04' };
const EVIL = "A') OR 1=1 --";

describe('provider capacity against accepted referrals', () => {
  test('per provider and month: capacity, accepted, utilisation, over capacity', async () => {
    const rows = await providerUtilisation(db, PERIOD);
    // P4 ended before the period and had no referrals in it; PX is not in the providers extract.
    expect([...new Set(rows.map((r) => r.provider_id))]).toEqual(['P1', 'P2', 'P3', 'P5']);
    const p = (id: string) => rows.filter((r) => r.provider_id === id);
    expect(p('P1').map((r) => r.month)).toEqual(['2024-02', '2024-03', '2024-04']);
    expect(p('P1')[0]).toMatchObject({ provider_name: 'Walk A', area_code: 'A', service_category: 'physical activity' });
    // P1: capacity 3 (first contract) in Feb and Mar, 4 (second) in Apr.
    // Accepted Feb: r1 accepted, r2 completed, r3 dna (booked, a place used), r4 withdrawn after first contact = 4;
    //   not r5 (declined), r6 (waiting, never contacted), r7 (withdrawn before contact). 4 / 3 → over capacity.
    // Mar: r8 completed, r9 'waiting' but first contacted = 2 → 2/3. Apr: r10 → 1/4. (r16 is January, r19 May.)
    expect(p('P1').map((r) => [r.capacity, r.accepted, r.utilisation, r.over_capacity])).toEqual([
      [3, 4, 4 / 3, true], [3, 2, 2 / 3, false], [4, 1, 0.25, false]]);
    // P2: no contract in February (capacity null: no utilisation, not flagged); Mar r12 r13 = 2 of 2 (full, not over).
    expect(p('P2').map((r) => [r.capacity, r.accepted, r.utilisation, r.over_capacity])).toEqual([
      [null, 1, null, false], [2, 2, 1, false], [2, 0, 0, false]]);
    // P3: capacity 0; r14 (dna) in March is over it, with no utilisation ratio.
    expect(p('P3').map((r) => [r.capacity, r.accepted, r.utilisation, r.over_capacity])).toEqual([
      [0, 0, null, false], [0, 1, null, true], [0, 0, null, false]]);
    // P5: r17 has no status but a first contact: accepted, 1 of 6 in April.
    expect(p('P5').map((r) => [r.capacity, r.accepted])).toEqual([[6, 0], [6, 0], [6, 1]]);
  });

  test('per provider over the period', async () => {
    const s = (await providerCapacity(db, PERIOD)).providers;
    expect(s.map((x) => x.provider_id)).toEqual(['P1', 'P2', 'P3', 'P5']);
    const by = Object.fromEntries(s.map((x) => [x.provider_id, x]));
    // P1: 3 + 3 + 4 = 10 places, 7 accepted → 0.7; over in February.
    expect(by.P1).toMatchObject({ months: 3, months_with_capacity: 3, capacity: 10, accepted: 7, accepted_in_capacity_months: 7, utilisation: 0.7, months_over_capacity: 1 });
    // P2: 4 places in Mar–Apr; 3 accepted, 2 of them in months with capacity → 0.5 (February's is not set against no places).
    expect(by.P2).toMatchObject({ months: 3, months_with_capacity: 2, capacity: 4, accepted: 3, accepted_in_capacity_months: 2, utilisation: 0.5, months_over_capacity: 0 });
    expect(by.P3).toMatchObject({ capacity: 0, accepted: 1, utilisation: null, months_over_capacity: 1 });
    expect(by.P5!.utilisation).toBeCloseTo(1 / 18, 12);
  });

  test('provider filters; person-level filters do not apply; values are bound', async () => {
    const arts = await providerUtilisation(db, { ...PERIOD, serviceCategories: ['arts'] });
    expect([...new Set(arts.map((r) => r.provider_id))]).toEqual(['P2']);
    const b = await providerUtilisation(db, { ...PERIOD, areaCodes: ['B'], ageBands: ['0-17'], referralSources: ['self'] });
    expect([...new Set(b.map((r) => r.provider_id))]).toEqual(['P2', 'P5']);
    expect(b.map((r) => r.accepted)).toEqual([1, 2, 0, 0, 0, 1]); // as without the age and source filters
    const { sql, params } = providerMonthsSql(new Set(['providers', 'referrals']), { ...PERIOD, areaCodes: [EVIL, 'B'], providers: ['P2'] });
    expect(sql).not.toContain(EVIL);
    expect(sql).toContain('area_code IN (?, ?)');
    // The referrals scan binds the period again, as constants it can filter on.
    expect(params).toEqual(['2024-02-01', '2024-04-01', EVIL, 'B', 'P2', '2024-02-01', '2024-04-01']);
    expect(await providerUtilisation(db, { ...PERIOD, areaCodes: [EVIL] })).toEqual([]);
  });
});

describe('per area: capacity per 1,000, service variety, link worker caseload', () => {
  test('the whole period', async () => {
    const rows = await areaCapacity(db, PERIOD);
    expect(rows.map((r) => r.area_code)).toEqual(['A', 'B', 'C']);
    const [a, b, c] = rows;
    // A: rows active in Feb–Apr: P1 3 and P1 4 (both of P1's contracts overlap the period, added as the Map adds
    //   rows), P3 0 = 7 a month → 7 × 12 ÷ 10,000 × 1,000 = 8.4 places a year per 1,000. P4 ended in 2023.
    //   Variety: categories with capacity > 0 → physical activity only (P3's green has none) = 1.
    //   FTE on 30 April: P1's second contract 1.5 (the first ended 31 March; P3 has none).
    //   Open on 30 April: r1, r8 (ends 10 May), r9, r10, r16 (January's, still open) = 5 → 5 ÷ 1.5 per FTE.
    //   Not open: r2 ended, r3 r6 never contacted, r4 withdrawn with no end date, r5 declined, r7 r14 never contacted.
    expect(a).toMatchObject({ area_name: 'Alpha', population: 10000, monthly_capacity: 7, providers_with_capacity: 1, service_variety: 1,
      service_categories: ['physical activity'], link_worker_fte: 1.5, open_caseload: 5, as_of: '2024-04-30', partial: false });
    expect(a!.capacity_per_1000).toBeCloseTo(8.4, 12);
    expect(a!.caseload_per_fte).toBeCloseTo(10 / 3, 12);
    // B: P2 2 + P5 6 = 8 → 8 × 12 ÷ 5,000 × 1,000 = 19.2; variety arts, advice = 2; FTE 1.0 + 2.0 = 3.
    //   Open: r11, r15 (provider not in the extract: the person is still open), r17 = 3 (r12 ended, r13 first contact in May) → 1 per FTE.
    expect(b).toMatchObject({ monthly_capacity: 8, providers_with_capacity: 2, service_variety: 2, service_categories: ['advice', 'arts'],
      link_worker_fte: 3, open_caseload: 3, caseload_per_fte: 1 });
    expect(b!.capacity_per_1000).toBeCloseTo(19.2, 12);
    // C: no providers (0, not null: other areas have some); r18 ended on the day itself, so not open; no FTE → no ratio.
    expect(c).toMatchObject({ monthly_capacity: 0, capacity_per_1000: 0, service_variety: 0, service_categories: [], link_worker_fte: 0,
      open_caseload: 0, caseload_per_fte: null });
  });

  test('filters, a period ending after the data, and bound values', async () => {
    // Arts: P2 only (B: 2 a month, FTE 1); open arts referrals: r11 (B). r18 (C) ended on 30 April.
    const arts = await areaCapacity(db, { ...PERIOD, serviceCategories: ['arts'], ageBands: ['75+'] });
    expect(arts.map((r) => [r.area_code, r.monthly_capacity, r.service_variety, r.link_worker_fte, r.open_caseload])).toEqual([
      ['A', 0, 0, 0, 0], ['B', 2, 1, 1, 1], ['C', 0, 0, 0, 0]]);
    // To June: past the last referral (5 May). On 30 June r8 has ended (10 May) and r13 (first contact 2 May) is open.
    const june = await areaCapacity(db, { from: '2024-02', to: '2024-06', areaCodes: ['A', 'B'] });
    expect(june.map((r) => [r.area_code, r.open_caseload, r.partial, r.as_of])).toEqual([['A', 4, true, '2024-06-30'], ['B', 4, true, '2024-06-30']]);
    const { sql, params } = areaCapacitySql(new Set(['population', 'providers', 'referrals']), { ...PERIOD, areaCodes: [EVIL], serviceCategories: ['arts'] });
    expect(sql).not.toContain(EVIL);
    // population (area), providers (area, category), referrals (the period's last day three times, area, category).
    expect(params).toEqual(['2024-02-01', '2024-04-01', EVIL, EVIL, 'arts', '2024-04-01', EVIL, 'arts']);
    expect(await areaCapacity(db, { ...PERIOD, areaCodes: [EVIL] })).toEqual([]);
  });
});

describe('children and young people gap', () => {
  test('share of referrals aged 0–17 against the population share', async () => {
    const rows = await cypGapByArea(db, PERIOD);
    expect(rows.map((r) => r.area_code)).toEqual(['A', 'B', 'C']);
    const [a, b, c] = rows;
    // A received r1–r10 and r14 = 11; r9's '16-24' straddles 18 → 10 with a known age; 0–17: r1 r4 r10 = 3 → 0.3.
    //   Wilson 95% for 3/10: 0.1078 to 0.6032. Population 2,000 / 10,000 = 0.2 → gap +0.1 (0.1078 − 0.2 to 0.6032 − 0.2).
    expect(a).toMatchObject({ referrals: 11, age_known: 10, cyp_referrals: 3, population_share: 0.2 });
    expect(a!.referral_share).toBeCloseTo(0.3, 12);
    expect(a!.gap).toBeCloseTo(0.1, 12);
    expect(a!.referral_share_lower).toBeCloseTo(0.1078, 4);
    expect(a!.referral_share_upper).toBeCloseTo(0.6032, 4);
    expect(a!.gap_lower).toBeCloseTo(0.1078 - 0.2, 4);
    expect(a!.gap_upper).toBeCloseTo(0.6032 - 0.2, 4);
    // B: r11 r12 r13 r15 r17 = 5; r15 has no age → 4 known; 0–17: r12 → 0.25; population 0.3 → gap −0.05.
    expect(b).toMatchObject({ referrals: 5, age_known: 4, cyp_referrals: 1, referral_share: 0.25, population_share: 0.3 });
    expect(b!.gap).toBeCloseTo(-0.05, 12);
    // C: r18 aged 0–17: 1 of 1; no pop_0_17 → no population share, no gap.
    expect(c).toMatchObject({ referrals: 1, age_known: 1, cyp_referrals: 1, referral_share: 1, referral_share_upper: 1, population_share: null, gap: null });
  });

  test('filters (but not age band, which would make the share 0 or 1)', async () => {
    // GP referrals: A r1 r2 r4 r5 r6 r8 r9 r10 r14 (9; r9 unknown age) → 3 of 8; B r11 r13 r15 → 0 of 2; C r18 → 1 of 1.
    const gp = await cypGapByArea(db, { ...PERIOD, referralSources: ['GP'], ageBands: ['0-17'] });
    expect(gp.map((r) => [r.area_code, r.referrals, r.age_known, r.cyp_referrals])).toEqual([['A', 9, 8, 3], ['B', 3, 2, 0], ['C', 1, 1, 1]]);
    expect(FILTERS_APPLIED.cyp_gap).not.toContain('ageBands');
    expect(await cypGapByArea(db, { ...PERIOD, areaCodes: [EVIL] })).toEqual([]);
  });
});

describe('short-term funding and funding continuity', () => {
  test('short-term share per area over the financial years the period touches (2023/24 and 2024/25)', async () => {
    const rows = await shortTermFunding(db, PERIOD);
    expect(rows.map((r) => r.area_code)).toEqual(['A', 'B', 'C', 'X']);
    const [a, b, c, x] = rows;
    // A: f1 1,200 + f2 1,000 + f3 300 = 2,500 (f7 is 2022/23); short-term f3 300 → 0.12.
    expect(a).toMatchObject({ area_name: 'Alpha', fy: null, funding: 2500, funding_short_term: 300, lines: 3, undated_lines: 0, fy_from: '2023/24', fy_to: '2024/25' });
    expect(a!.short_term_share).toBeCloseTo(0.12, 12);
    // B: f4 500 + f5 800 + f6 400 + f9 250 + f10 600 = 2,550; short-term f4 + f9 + f10 = 1,350 → 0.5294; f6 undated.
    expect(b).toMatchObject({ funding: 2550, funding_short_term: 1350, lines: 5, undated_lines: 1 });
    expect(b!.short_term_share).toBeCloseTo(1350 / 2550, 12);
    expect(c).toMatchObject({ funding: 0, lines: 0, short_term_share: null });
    expect(x).toMatchObject({ area_name: null, funding: 100, short_term_share: 1 });
  });

  test('by year, a one-year period, and the provider filter', async () => {
    const byYear = await shortTermFunding(db, { ...PERIOD, byYear: true });
    // A 2023/24 f1 + f3 = 1,500 (300 short); 2024/25 f2 1,000. B 2023/24 f4 + f9 = 750, all short; 2024/25 f5 + f6 + f10 = 1,800 (600 short).
    expect(byYear.map((r) => [r.area_code, r.fy, r.funding, r.funding_short_term])).toEqual([
      ['A', '2023/24', 1500, 300], ['A', '2024/25', 1000, 0], ['B', '2023/24', 750, 750], ['B', '2024/25', 1800, 600], ['X', '2024/25', 100, 100]]);
    const fy2425 = await shortTermFunding(db, { from: '2024-04', to: '2024-06' });
    expect(fy2425.map((r) => [r.area_code, r.funding, r.funding_short_term])).toEqual([['A', 1000, 0], ['B', 1800, 600], ['C', 0, 0], ['X', 100, 100]]);
    const p1 = await shortTermFunding(db, { ...PERIOD, providers: ['P1'], serviceCategories: ['arts'] }); // category: funding has none
    expect(p1.map((r) => [r.area_code, r.funding, r.short_term_share])).toEqual([['A', 2200, 0], ['B', 0, null], ['C', 0, null]]);
    expect((await shortTermFunding(db, { ...PERIOD, areaCodes: [EVIL] })).map((r) => r.funding)).toEqual([]);
  });

  test('contracts per provider with gaps, overlapping the period', async () => {
    const rows = await fundingContinuity(db, PERIOD);
    expect(rows.map((r) => [r.provider_id, r.contract_start, r.contract_end, r.source, r.amount_gbp, r.monthly_capacity, r.short_term, r.gap_days, r.gap_before, r.covered_at_end])).toEqual([
      // P1: f1 and its providers row; then f2 and its row start 2 April, 2 days after 31 March: 1 April uncovered.
      ['P1', '2023-04-01', '2024-03-31', 'both', 1200, 3, false, null, false, true],
      ['P1', '2024-04-02', '2025-04-01', 'both', 1000, 4, false, 1, true, true],
      // P2: f4 ends 29 February, the next starts 1 March: the day after, no gap.
      ['P2', '2023-10-01', '2024-02-29', 'funding', 500, null, true, null, false, true],
      ['P2', '2024-03-01', '2025-02-28', 'both', 800, 2, false, 0, false, true],
      // P5: open-ended, so f10 inside it opens no gap (f6 has no dates). P3 has no dates; P4 ended in 2023.
      ['P5', '2023-01-01', null, 'providers', null, 6, false, null, false, true],
      ['P5', '2024-04-01', '2024-09-30', 'funding', 600, null, true, 0, false, true],
      // P6: funding only, ends 15 March with nothing after: not covered on 30 April.
      ['P6', '2023-06-01', '2024-03-15', 'funding', 250, null, true, null, false, false]
    ]);
    expect(rows[0]).toMatchObject({ provider_name: 'Walk A', service_category: 'physical activity', funders: ['ICB'], funding_streams: ['Core'], funding_lines: 1 });
    expect(rows[6]).toMatchObject({ provider_name: null, funders: ['grant'] });
  });

  test('continuity filters: category through the providers extract, area, provider', async () => {
    const arts = await fundingContinuity(db, { ...PERIOD, serviceCategories: ['arts'] });
    expect(arts.map((r) => [r.provider_id, r.contract_start])).toEqual([['P2', '2023-10-01'], ['P2', '2024-03-01']]);
    const a = await fundingContinuity(db, { ...PERIOD, areaCodes: ['A'] });
    expect(a.map((r) => r.provider_id)).toEqual(['P1', 'P1']);
    const p6 = await fundingContinuity(db, { ...PERIOD, providers: ['P6', EVIL] });
    expect(p6.map((r) => r.provider_id)).toEqual(['P6']);
    // A later period: P1's second contract and P2's, P5's two; P6 has ended.
    const later = await fundingContinuity(db, { from: '2024-06', to: '2024-06' });
    expect(later.map((r) => [r.provider_id, r.contract_start, r.gap_before])).toEqual([
      ['P1', '2024-04-02', true], ['P2', '2024-03-01', false], ['P5', '2023-01-01', false], ['P5', '2024-04-01', false]]);
  });
});

describe('wellbeing change', () => {
  test('by service category: mean change with its t interval, and how many have both scores', async () => {
    const rows = await wellbeingChangeBy(db, { ...PERIOD, by: 'service_category' });
    expect(rows.map((r) => [r.group, r.referrals, r.with_both])).toEqual([['advice', 2, 1], ['arts', 4, 3], ['green', 1, 0], ['physical activity', 10, 4]]);
    const [advice, arts, green, pa] = rows;
    // Physical activity: r1 +4, r2 +6, r8 +2, r10 0 (r3 has no post score) → mean 3; squares of deviations 1 + 9 + 1 + 9 = 20,
    //   sd √(20/3) = 2.5820, se 1.2910, t(0.975, 3) = 3.18245 → ±4.1085 → −1.1085 to 7.1085. Pre 14.25, post 17.25.
    expect(pa).toMatchObject({ mean_change: 3, mean_pre: 14.25, mean_post: 17.25, share_with_both: 0.4 });
    expect(pa!.sd_change).toBeCloseTo(Math.sqrt(20 / 3), 12);
    expect(pa!.lower).toBeCloseTo(-1.1085, 4);
    expect(pa!.upper).toBeCloseTo(7.1085, 4);
    // Arts: r11 +10, r12 +10, r18 +4 → mean 8, sd √12, se 2, t(0.975, 2) = 4.30265 → −0.6053 to 16.6053.
    expect(arts!.mean_change).toBe(8);
    expect(arts!.lower).toBeCloseTo(-0.6053, 4);
    expect(arts!.upper).toBeCloseTo(16.6053, 4);
    // Advice: r17 only → mean 4, no interval. Green: nobody with both scores.
    expect(advice).toMatchObject({ mean_change: 4, sd_change: null, lower: null, upper: null });
    expect(green).toMatchObject({ referrals: 1, with_both: 0, mean_change: null, lower: null, share_with_both: 0 });
  });

  test('by area, all, and with filters', async () => {
    const byArea = await wellbeingChangeBy(db, { ...PERIOD, by: 'area' });
    // A = the physical activity four (r14 has no scores); B: r11 r12 r17 → +10 +10 +4; C: r18 +4.
    expect(byArea.map((r) => [r.group, r.referrals, r.with_both, r.mean_change])).toEqual([['A', 11, 4, 3], ['B', 5, 3, 8], ['C', 1, 1, 4]]);
    // All: the eight with both scores, +4 +6 +2 0 +10 +10 +4 +4 = 40 → 5.
    const all = await wellbeingChangeBy(db, PERIOD);
    expect(all.map((r) => [r.group, r.referrals, r.with_both, r.mean_change])).toEqual([[null, 17, 8, 5]]);
    // Aged 0–17: r1 +4, r4 (none), r10 0, r12 +10, r18 +4 → mean 4.5; deviations² 0.25 + 20.25 + 30.25 + 0.25 = 51, sd √17,
    //   se √17 / 2 = 2.06155, × 3.18245 = 6.5608.
    const [cyp] = await wellbeingChangeBy(db, { ...PERIOD, ageBands: ['0-17'] });
    expect(cyp).toMatchObject({ referrals: 5, with_both: 4, mean_change: 4.5 });
    expect(cyp!.upper! - cyp!.mean_change!).toBeCloseTo(6.5608, 4);
    // Every referral filter applies: GP, physical activity, area A, provider P1 → r1 r2 r8 r10.
    const [gp] = await wellbeingChangeBy(db, { ...PERIOD, referralSources: ['GP'], serviceCategories: ['physical activity'], areaCodes: ['A'], providers: ['P1'] });
    expect(gp).toMatchObject({ referrals: 8, with_both: 4, mean_change: 3 });
    const { sql, params } = wellbeingChangeSql({ ...PERIOD, by: 'area', ageBands: [EVIL] });
    expect(sql).not.toContain(EVIL);
    expect(params).toEqual(['2024-02-01', '2024-04-01', EVIL]);
    expect(await wellbeingChangeBy(db, { ...PERIOD, ageBands: [EVIL] })).toEqual([]);
  });
});

describe('edges and pure parts', () => {
  test('a malformed or reversed period gives no rows', async () => {
    const bad = [{ from: '2024-04', to: '2024-02' }, { from: "2024-02'", to: '2024-04' }, { from: '2024-13', to: '2024-14' }];
    for (const p of bad) {
      expect(await providerUtilisation(db, p)).toEqual([]);
      expect((await providerCapacity(db, p)).providers).toEqual([]);
      expect(await areaCapacity(db, p)).toEqual([]);
      expect(await cypGapByArea(db, p)).toEqual([]);
      expect(await shortTermFunding(db, p)).toEqual([]);
      expect(await fundingContinuity(db, p)).toEqual([]);
      expect(await wellbeingChangeBy(db, p)).toEqual([]);
    }
    expect(() => providerMonthsSql(new Set(['providers']), { from: '24-01', to: '2024-02' })).toThrow();
    expect(await wellbeingChangeBy(db, { ...PERIOD, by: 'sex' as never })).toEqual([]);
  });

  test('Student t quantiles against published tables, tending to the normal', () => {
    const cases: [number, number, number][] = [[0.975, 1, 12.7062047], [0.975, 2, 4.3026527], [0.975, 3, 3.1824463], [0.975, 4, 2.7764451],
      [0.975, 9, 2.2621572], [0.975, 29, 2.0452296], [0.975, 120, 1.9799304], [0.995, 10, 3.1692727], [0.975, 999, 1.9623415], [0.975, 1000, 1.9623391]];
    for (const [p, df, t] of cases) expect(tQuantile(p, df)).toBeCloseTo(t, 6);
    expect(tQuantile(0.975, 1e9)).toBeCloseTo(1.959964, 6);
    expect(tQuantile(0.4, 3)).toBeNaN();
    expect(tQuantile(0.975, 0)).toBeNaN();
  });

  test('wellbeing interval with no or one score', () => {
    const base = { group: 'g', referrals: 3, mean_pre: null, mean_post: null };
    expect(wellbeingChange({ ...base, with_both: 0, mean_change: null, sd_change: null })).toMatchObject({ lower: null, upper: null, share_with_both: 0 });
    expect(wellbeingChange({ ...base, with_both: 2, mean_change: 1, sd_change: 0 })).toMatchObject({ lower: 1, upper: 1 });
    expect(wellbeingChange({ ...base, referrals: 0, with_both: 0, mean_change: null, sd_change: null }).share_with_both).toBeNull();
  });
});

describe('capacity by month', () => {
  test('the providers summed month by month equal the per-provider rows', async () => {
    const opts = { from: '2024-01', to: '2024-12' };
    const { months } = await providerCapacity(db, opts);
    expect(months).toHaveLength(12);
    const rows = await providerUtilisation(db, opts);
    expect(months.map((m) => m.month)).toEqual([...new Set(rows.map((r) => r.month))]);
    for (const m of months) {
      const of = rows.filter((r) => r.month === m.month);
      expect(m.accepted).toBe(of.reduce((s, r) => s + r.accepted, 0));
      const caps = of.filter((r) => r.capacity !== null);
      expect(m.capacity).toBe(caps.length ? caps.reduce((s, r) => s + r.capacity!, 0) : null);
      expect(m.over_capacity).toBe(of.filter((r) => r.over_capacity).length);
    }
  });
});
