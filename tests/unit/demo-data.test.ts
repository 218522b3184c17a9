import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COLUMNS, DECIMALS, demoAreas, generateDemo } from '../../scripts/demo/generate.mjs';
import {
  DEMO_REGION,
  GRANT_DEPENDENT,
  LINK_WORKER_CASELOAD,
  MEAN_REFERRAL_RATE,
  THIN_CAPACITY,
  UNDERFUNDED_COASTAL,
  needIndices
} from '../../scripts/demo/story.mjs';
import { readReferenceDistricts } from '../../scripts/lib/reference.mjs';
import { toCsv } from '../../scripts/lib/csv.mjs';

const DATA_END = '2025-03-31';
// ~6,000 referrals (scale 1 is ~300,000): enough for the story, fast enough for a unit test.
// Referral counts are divided by SCALE to get the realistic (scale 1) volumes.
const SCALE = 0.02;
const YEARS = ['2022/23', '2023/24', '2024/25'];

const areas = readReferenceDistricts(path.resolve(__dirname, '../..'));
const northWest = areas.filter((a) => a.parent_code === 'E12000002');
const demo = generateDemo({ seed: 7, scale: SCALE, areas });

const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const sumBy = <T>(rows: T[], key: (r: T) => string, value: (r: T) => number) => {
  const out = new Map<string, number>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + value(r));
  return out;
};
/** Financial year of a yyyy-mm-dd date, as '2023/24'. */
const fyOf = (date: string) => {
  const y = Number(date.slice(0, 4)) - (Number(date.slice(5, 7)) < 4 ? 1 : 0);
  return `${y}/${String(y + 1).slice(2)}`;
};
const csvOf = (d: typeof demo) =>
  (Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]).map((t) => toCsv(COLUMNS[t], d[t], DECIMALS[t])).join('');

describe('demo data generator', () => {
  it('is deterministic: same seed gives identical files, another seed does not', () => {
    const again = generateDemo({ seed: 7, scale: SCALE, areas });
    expect(csvOf(again)).toBe(csvOf(demo));
    const other = generateDemo({ seed: 8, scale: SCALE, areas });
    expect(csvOf(other)).not.toBe(csvOf(demo));
    // Areas in a different order, or only the region's areas, make no difference.
    expect(csvOf(generateDemo({ seed: 7, scale: SCALE, areas: [...areas].reverse() }))).toBe(csvOf(demo));
    expect(csvOf(generateDemo({ seed: 7, scale: SCALE, areas: northWest }))).toBe(csvOf(demo));
    expect(() => generateDemo({ seed: 7, scale: SCALE, areas: areas.filter((a) => a.parent_code !== 'E12000002') })).toThrow(/North West/);
  });

  it('has the canonical columns, in order, on every row', () => {
    for (const table of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) {
      expect(demo[table].length).toBeGreaterThan(0);
      for (const row of demo[table]) expect(Object.keys(row)).toEqual(COLUMNS[table]);
    }
  });

  it('rolls up to four ICBs: Greater Manchester has its ten boroughs, Lancashire and South Cumbria its 15 districts', () => {
    const gm = demo.population.filter((p) => p.parent_code === 'E54000057').map((p) => p.area_name).sort();
    expect(gm).toEqual(['Bolton', 'Bury', 'Manchester', 'Oldham', 'Rochdale', 'Salford', 'Stockport', 'Tameside', 'Trafford', 'Wigan']);
    expect(demo.population.filter((p) => p.parent_code === 'E54000048')).toHaveLength(15);
    // Cumberland's best fit is North East and North Cumbria.
    expect(demo.population.find((p) => p.area_name === 'Cumberland')?.parent_code).toBe('E54000050');
    expect(new Set(demo.population.map((p) => p.parent_code)).size).toBe(4);
  });

  it('covers exactly the North West districts, with their real populations, ages and national deciles', () => {
    expect(DEMO_REGION.code).toBe('E12000002');
    expect(northWest).toHaveLength(35);
    expect(demoAreas(areas)).toEqual(northWest);
    expect(demo.population.map((p) => p.area_code).sort()).toEqual(northWest.map((a) => a.code).sort());
    for (const p of demo.population) {
      // Parents are the ICBs the districts belong to (best fit), so the Map can roll up to ICB level.
      expect(p.parent_code).toMatch(/^E540000(08|57|48|50)$/);
      expect(p.parent_name).toMatch(/^NHS .+ ICB$/);
      expect(p.pop_0_17 + p.pop_18_64 + p.pop_65_plus).toBe(p.population);
      expect(p.imd_decile).toBeGreaterThanOrEqual(1);
      expect(p.imd_decile).toBeLessThanOrEqual(10);
      expect(['urban', 'rural', 'mixed']).toContain(p.rural_urban);
    }
    // ONS mid-2020: the North West 7,367,456; Blackpool 138,381 (IMD 2019 score 45.039, England's most deprived).
    expect(sum(demo.population.map((p) => p.population))).toBe(7_367_456);
    const byName = new Map(demo.population.map((p) => [p.area_name, p]));
    expect(byName.get('Blackpool')).toMatchObject({ area_code: 'E06000009', population: 138_381, imd_score: 45.039, imd_decile: 1 });
    // Allerdale 97,831 + Carlisle 108,524 + Copeland 68,041.
    expect(byName.get('Cumberland')?.population).toBe(274_396);
    for (const name of ['Knowsley', 'Liverpool', 'Manchester', 'Burnley']) expect(byName.get(name)?.imd_decile).toBe(1);
    expect(byName.get('Ribble Valley')!.imd_decile).toBeGreaterThanOrEqual(8);
    // Manchester is the youngest district, the Fylde coast the oldest.
    const share65 = (p: (typeof demo.population)[number]) => p.pop_65_plus / p.population;
    const byAge = [...demo.population].sort((a, b) => share65(a) - share65(b));
    expect(byAge[0]?.area_name).toBe('Manchester');
    expect(['Wyre', 'Fylde']).toContain(byAge.at(-1)?.area_name);
  });

  it('only refers to known areas and providers of the same area', () => {
    const areaCodes = new Set(demo.population.map((p) => p.area_code));
    const providerArea = new Map(demo.providers.map((p) => [p.provider_id, p.area_code]));
    expect(providerArea.size).toBe(demo.providers.length);
    expect(new Set(demo.providers.map((p) => p.provider_name)).size).toBe(demo.providers.length);
    for (const p of demo.providers) expect(areaCodes.has(p.area_code)).toBe(true);
    for (const f of demo.funding) expect(providerArea.get(f.provider_id)).toBe(f.area_code);
    for (const r of demo.referrals) {
      expect(areaCodes.has(r.area_code)).toBe(true);
      if (r.provider_id !== '') expect(providerArea.get(r.provider_id)).toBe(r.area_code);
    }
  });

  it('keeps referral statuses consistent with their dates, all by 31 March 2025', () => {
    demo.referrals.forEach((r, i) => {
      expect(r.referral_id).toBe(`R${String(i + 1).padStart(7, '0')}`);
      expect(r.referral_date >= '2022-04-01' && r.referral_date <= DATA_END).toBe(true);
      const contact = r.first_contact_date;
      const end = r.end_date;
      if (contact) expect(contact >= r.referral_date && contact <= DATA_END).toBe(true);
      if (end) expect(end >= (contact || r.referral_date) && end <= DATA_END).toBe(true);
      if (r.status === 'waiting') expect([contact, end]).toEqual(['', '']);
      if (r.status === 'accepted') expect([contact !== '', end]).toEqual([true, '']);
      if (r.status === 'completed') expect(contact !== '' && end !== '').toBe(true);
      if (['declined', 'dna', 'withdrawn'].includes(r.status)) expect(end).not.toBe('');
      if (r.status === 'declined') expect(r.provider_id).toBe('');
      if (r.imd_decile !== null) expect(r.imd_decile >= 1 && r.imd_decile <= 10).toBe(true);
      if (r.wellbeing_pre !== null || r.wellbeing_post !== null) {
        expect(r.status).toBe('completed');
        for (const s of [r.wellbeing_pre, r.wellbeing_post]) expect(Number.isInteger(s) && s! >= 14 && s! <= 70).toBe(true);
      }
    });
    const statuses = new Set(demo.referrals.map((r) => r.status));
    expect([...statuses].sort()).toEqual(['accepted', 'completed', 'declined', 'dna', 'waiting', 'withdrawn']);
    const blankDeciles = demo.referrals.filter((r) => r.imd_decile === null).length / demo.referrals.length;
    expect(blankDeciles).toBeGreaterThan(0.05);
    expect(blankDeciles).toBeLessThan(0.11);
    const scored = demo.referrals.filter((r) => r.wellbeing_pre !== null);
    expect(mean(scored.map((r) => r.wellbeing_post! - r.wellbeing_pre!))).toBeGreaterThan(2);
  });

  it('keeps funding in the three financial years with long and short contracts', () => {
    expect(new Set(demo.funding.map((f) => f.period))).toEqual(new Set(YEARS));
    const months = (f: (typeof demo.funding)[number]) => Math.round(days(f.contract_start, f.contract_end) / 30.44);
    for (const f of demo.funding) {
      expect(f.contract_start >= '2022-04-01' && f.contract_end <= DATA_END).toBe(true);
      expect(f.contract_start <= f.contract_end).toBe(true);
      expect(Math.round(f.amount_gbp * 100) / 100).toBe(f.amount_gbp);
      expect(f.amount_gbp).toBeGreaterThan(0);
    }
    expect(demo.funding.some((f) => months(f) >= 12)).toBe(true);
    expect(demo.funding.some((f) => months(f) < 12)).toBe(true);
    for (const p of demo.providers) expect(p.contract_start <= '2022-04-01' && p.contract_end >= DATA_END).toBe(true);
  });

  describe('realistic volumes (referral counts ÷ SCALE = scale 1)', () => {
    const people = sum(demo.population.map((p) => p.population));
    const perYear = sumBy(demo.referrals, (r) => fyOf(r.referral_date), () => 1 / SCALE);

    it('has ~300,000 referrals at scale 1: 12–18 per 1,000 a year, growing', () => {
      const total = demo.referrals.length / SCALE;
      expect(total).toBeGreaterThan(280_000);
      expect(total).toBeLessThan(320_000);
      expect((total / 3 / people) * 1000).toBeCloseTo(MEAN_REFERRAL_RATE, 0);
      const rates = YEARS.map((y) => ((perYear.get(y) ?? 0) / people) * 1000);
      expect(rates[0]).toBeGreaterThan(11);
      expect(rates[2]).toBeLessThan(17);
      expect(rates[1]).toBeGreaterThan(rates[0]!);
      expect(rates[2]).toBeGreaterThan(rates[1]!);
    });

    it('varies referral rates by area, with less access relative to need where capacity is thin', () => {
      const need = needIndices(demo.population);
      const counts = sumBy(demo.referrals, (r) => r.area_code, () => 1 / SCALE);
      const rate = new Map(demo.population.map((p) => [p.area_code, ((counts.get(p.area_code) ?? 0) / 3 / p.population) * 1000]));
      const rates = [...rate.values()];
      expect(Math.min(...rates)).toBeGreaterThan(7);
      expect(Math.max(...rates)).toBeLessThan(22);
      expect(Math.max(...rates) / Math.min(...rates)).toBeGreaterThan(1.4);
      const perNeed = (code: string) => rate.get(code)! / need.get(code)!;
      const thin = mean(Object.keys(THIN_CAPACITY).map(perNeed));
      const rest = mean(demo.population.filter((p) => !(p.area_code in THIN_CAPACITY)).map((p) => perNeed(p.area_code)));
      expect(thin).toBeLessThan(0.85 * rest);
    });

    it('funds £3–£8 a head, with ARRS paying for link workers', () => {
      const byAreaYear = sumBy(demo.funding, (f) => `${f.area_code} ${f.period}`, (f) => f.amount_gbp);
      for (const p of demo.population) {
        for (const y of YEARS) {
          const perHead = byAreaYear.get(`${p.area_code} ${y}`)! / p.population;
          expect(perHead).toBeGreaterThan(2.5);
          expect(perHead).toBeLessThan(9.5);
        }
      }
      const regional = sum(demo.funding.filter((f) => f.period === '2023/24').map((f) => f.amount_gbp)) / people;
      expect(regional).toBeGreaterThan(4.5);
      expect(regional).toBeLessThan(7);
      const fte = sum(demo.providers.map((p) => p.link_worker_fte));
      const arrs = sum(demo.funding.filter((f) => f.period === '2023/24' && f.funder === 'PCN/ARRS').map((f) => f.amount_gbp));
      expect(arrs / fte).toBeGreaterThan(15_000);
      expect(arrs / fte).toBeLessThan(42_000);
    });

    it('has capacity slightly below demand overall, thin in the story areas, and link workers holding 200–250 a year', () => {
      const demand = sumBy(demo.referrals, (r) => r.area_code, () => 1 / SCALE / 36);
      const capacity = sumBy(demo.providers, (p) => p.area_code, (p) => p.monthly_capacity);
      const fte = sumBy(demo.providers, (p) => p.area_code, (p) => p.link_worker_fte);
      const overall = sum([...capacity.values()]) / sum([...demand.values()]);
      expect(overall).toBeGreaterThan(0.75);
      expect(overall).toBeLessThan(0.97);
      for (const code of Object.keys(THIN_CAPACITY)) expect(capacity.get(code)! / demand.get(code)!).toBeLessThan(0.65);
      for (const p of demo.population) {
        const caseload = (capacity.get(p.area_code)! * 12) / fte.get(p.area_code)!;
        expect(caseload).toBeGreaterThan(LINK_WORKER_CASELOAD[0] * 0.9);
        expect(caseload).toBeLessThan(LINK_WORKER_CASELOAD[1] * 1.1);
      }
      const perFte = (perYear.get('2023/24') ?? 0) / sum([...fte.values()]);
      expect(perFte).toBeGreaterThan(200);
      expect(perFte).toBeLessThan(320);
    });
  });

  describe('the inequality story', () => {
    const pop = new Map(demo.population.map((p) => [p.area_code, p]));
    const need = needIndices(demo.population);
    const funding = sumBy(demo.funding, (f) => f.area_code, (f) => f.amount_gbp);
    const perHeadOverNeed = (code: string) => funding.get(code)! / 3 / pop.get(code)!.population / need.get(code)!;

    it('need combines deprivation and age, averaging 1 across the region', () => {
      const people = sum(demo.population.map((p) => p.population));
      expect(sum(demo.population.map((p) => need.get(p.area_code)! * p.population)) / people).toBeCloseTo(1, 6);
      const byName = new Map(demo.population.map((p) => [p.area_name, need.get(p.area_code)!]));
      expect(byName.get('Blackpool')).toBeGreaterThan(1.3);
      expect(byName.get('Trafford')).toBeLessThan(0.75);
      expect(byName.get('Westmorland and Furness')).toBeGreaterThan(byName.get('Cheshire West and Chester')!); // older
    });

    it('deprived coastal areas get much less funding per head than their need suggests', () => {
      const others = mean(demo.population.filter((p) => !(p.area_code in UNDERFUNDED_COASTAL)).map((p) => perHeadOverNeed(p.area_code)));
      const coastal = Object.keys(UNDERFUNDED_COASTAL).map(perHeadOverNeed);
      expect(mean(coastal)).toBeLessThan(0.75 * others);
      for (const c of coastal) expect(c).toBeLessThan(0.8 * others);
    });

    it('waits are long where capacity per head is thin, and lengthen over time', () => {
      const capacity = sumBy(demo.providers, (p) => p.area_code, (p) => p.monthly_capacity);
      const ranked = demo.population
        .map((p) => ({ code: p.area_code, perHead: capacity.get(p.area_code)! / p.population }))
        .sort((a, b) => a.perHead - b.perHead);
      // The five thinnest against the five best provided (of 35 districts).
      const quarter = 5;
      const waitsIn = (codes: Set<string>, year?: string) =>
        demo.referrals
          .filter((r) => r.first_contact_date && codes.has(r.area_code) && (!year || fyOf(r.referral_date) === year))
          .map((r) => days(r.referral_date, r.first_contact_date) / 7);
      const thinQuarter = median(waitsIn(new Set(ranked.slice(0, quarter).map((a) => a.code))));
      const ample = median(waitsIn(new Set(ranked.slice(-quarter).map((a) => a.code))));
      expect(thinQuarter).toBeGreaterThan(8);
      expect(thinQuarter).toBeGreaterThan(2.5 * ample);
      for (const code of Object.keys(THIN_CAPACITY)) expect(median(waitsIn(new Set([code])))).toBeGreaterThan(10);
      const typical = new Set(demo.population.filter((p) => !(p.area_code in THIN_CAPACITY) && !(p.area_code in UNDERFUNDED_COASTAL)).map((p) => p.area_code));
      const typicalWait = median(waitsIn(typical));
      expect(typicalWait).toBeGreaterThan(2);
      expect(typicalWait).toBeLessThan(6.5);
      const all = new Set(pop.keys());
      expect(median(waitsIn(all, '2024/25'))).toBeGreaterThan(median(waitsIn(all, '2022/23')));
    });

    it('children and young people are referred far below their population share', () => {
      const childPop = sum(demo.population.map((p) => p.pop_0_17)) / sum(demo.population.map((p) => p.population));
      const childReferrals = demo.referrals.filter((r) => r.age_band === '0-17').length / demo.referrals.length;
      expect(childReferrals).toBeLessThan(0.35 * childPop);
      const areasWithCyp = new Set(demo.providers.filter((p) => p.service_category === 'children and young people').map((p) => p.area_code));
      expect(areasWithCyp.size).toBeGreaterThanOrEqual(3);
      expect(areasWithCyp.size).toBeLessThan(demo.population.length / 3);
      for (const code of [...Object.keys(UNDERFUNDED_COASTAL), ...Object.keys(THIN_CAPACITY)]) expect(areasWithCyp.has(code)).toBe(false);
    });

    it('the grant-dependent areas are funded mostly by short-term contracts', () => {
      const short = sumBy(
        demo.funding.filter((f) => days(f.contract_start, f.contract_end) < 360),
        (f) => f.area_code,
        (f) => f.amount_gbp
      );
      const share = (code: string) => (short.get(code) ?? 0) / funding.get(code)!;
      for (const code of Object.keys(GRANT_DEPENDENT)) expect(share(code)).toBeGreaterThan(0.55);
      for (const p of demo.population) if (!(p.area_code in GRANT_DEPENDENT)) expect(share(p.area_code)).toBeLessThan(0.45);
    });
  });
});

describe('CSV writer', () => {
  it('quotes only where needed and writes blanks, plain numbers and pence', () => {
    const csv = toCsv(['a', 'b', 'c', 'd'], [{ a: 'x,y', b: 'say "hi"', c: null, d: 120.5 }, { a: 'plain', b: 3, c: 'line\nbreak', d: 0.1 }], { d: 2 });
    expect(csv).toBe('a,b,c,d\n"x,y","say ""hi""",,120.50\nplain,3,"line\nbreak",0.10\n');
  });
});
