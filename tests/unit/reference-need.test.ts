/**
 * Built-in need: with no population extract, the areas the referrals and funding name take their
 * population and IMD from the reference (data/reference/areas.csv), and roll up through its
 * levels; a population extract replaces the reference area by area. Expected figures come from
 * the test's own sums over the hand-made rows and the ONS mid-2020 populations transcribed here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { DbClient } from '../../src/lib/db/client';
import { areaAggregates, loadReference, populationSources, referenceLevelCounts } from '../../src/lib/db/queries';
import { computeAreaMeasures } from '../../src/lib/domain/measures';
import { DEFAULT_NEED_WEIGHTS } from '../../src/lib/domain/need';
import { loadFile, prepareFile } from '../../src/lib/ingest/load';
import { openNodeDb } from '../../scripts/lib/node-db';

const data = (f: string) => new Uint8Array(readFileSync(path.resolve(__dirname, '../../data/reference', f)));
const NO_SUPPRESSION = { maxSuppressed: 0 };

// Lancashire and South Cumbria's 15 districts and unitaries, with ONS mid-2020 populations.
const LSC: Record<string, number> = {
  E06000008: 150_030, E06000009: 138_381, E06000064: 225_385, E07000117: 89_344, E07000118: 118_870,
  E07000119: 81_211, E07000120: 81_133, E07000121: 148_119, E07000122: 92_145, E07000123: 144_147,
  E07000124: 62_026, E07000125: 71_432, E07000126: 111_086, E07000127: 114_496, E07000128: 113_067
};
const codes = Object.keys(LSC);

let db: DbClient;
beforeAll(async () => {
  db = await openNodeDb();
  await loadReference(db, { areas: data('areas.csv'), history: data('code-history.csv'), centres: data('lad-centres.csv') });
  // Referrals: i + 10 in the i-th district, all in 2024/25; funding £1,000 × (i + 1).
  const refs = codes.flatMap((c, i) => Array.from({ length: i + 10 }, (_, k) => `('${c}-${k}', DATE '2024-06-01', '${c}')`));
  await db.exec(`CREATE TABLE referrals AS SELECT referral_id, referral_date, area_code, NULL::VARCHAR AS status,
      NULL::DATE AS first_contact_date, NULL::DATE AS end_date FROM (VALUES ${refs.join(', ')}) t(referral_id, referral_date, area_code);
    CREATE TABLE funding AS SELECT area_code, amount::DECIMAL(18,2) AS amount_gbp, '2024/25' AS fy, NULL::DATE AS contract_start, NULL::DATE AS contract_end
      FROM (VALUES ${codes.map((c, i) => `('${c}', ${1000 * (i + 1)})`).join(', ')}) t(area_code, amount);`);
}, 60_000);

describe('population and deprivation from the built-in reference', () => {
  test('every district the extracts name gets its ONS population and IMD score, and a distance from target', async () => {
    const rows = await areaAggregates(db, '2024/25', 'area');
    expect(rows.map((r) => r.area_code).sort()).toEqual([...codes].sort());
    for (const r of rows) {
      expect(r.population).toBe(LSC[r.area_code]);
      expect(r.pop_source).toBe('reference');
    }
    expect(rows.find((r) => r.area_code === 'E06000009')).toMatchObject({ area_name: 'Blackpool', imd_score: 45.039, imd_decile: 1, parent_code: 'E54000048' });
    const m = computeAreaMeasures(rows, DEFAULT_NEED_WEIGHTS, NO_SUPPRESSION);
    expect(m.rows.filter((r) => r.measures.dft.value !== null)).toHaveLength(15);
    expect(await populationSources(db)).toEqual([{ pop_source: 'reference', areas: 15 }]);
  });

  test('at ICB level E54000048 is the sum of its 15 districts', async () => {
    const counts = await referenceLevelCounts(db);
    expect(counts).toMatchObject({ sicbl: 15, icb: 15, nhser: 15, rgn: 15 });
    const [icb] = await areaAggregates(db, '2024/25', 'icb');
    const referrals = codes.reduce((s, _c, i) => s + i + 10, 0);
    const funding = codes.reduce((s, _c, i) => s + 1000 * (i + 1), 0);
    const population = Object.values(LSC).reduce((a, b) => a + b, 0);
    expect(icb).toMatchObject({ area_code: 'E54000048', area_name: 'NHS Lancashire and South Cumbria ICB', referrals, funding, population, pop_source: 'reference' });
    // Deprivation of the ICB: the population-weighted mean of its districts' scores.
    const [check] = await db.query<{ imd: number }>(`SELECT sum(imd_score * population) / sum(population) AS imd FROM ref_area WHERE code IN (${codes.map((c) => `'${c}'`).join(',')})`);
    expect(icb!.imd_score).toBeCloseTo(check!.imd, 9);
    // Sub-ICB locations: 8, Blackpool alone in 00R (E38000015).
    const sicbl = await areaAggregates(db, '2024/25', 'sicbl');
    expect(sicbl).toHaveLength(8);
    expect(sicbl.find((r) => r.area_code === 'E38000015')).toMatchObject({ population: 138_381, referrals: 11 });
  });

  test('an ICB code among districts adds no second count of the ICB\'s people (the reference fills in one level)', async () => {
    await db.exec(`INSERT INTO funding VALUES ('E54000048', 5000, '2024/25', NULL, NULL)`);
    expect(await populationSources(db)).toEqual([{ pop_source: 'reference', areas: 15 }]);
    const [all] = await areaAggregates(db, '2024/25', 'all');
    expect(all!.population).toBe(Object.values(LSC).reduce((a, b) => a + b, 0));
    await db.exec(`DELETE FROM funding WHERE area_code = 'E54000048'`);
  });

  test('a population extract replaces the reference area by area, and the source says which', async () => {
    await db.exec(`CREATE TABLE population AS SELECT 'E06000009' AS area_code, 'Blackpool' AS area_name, 141000::BIGINT AS population,
      NULL::VARCHAR AS parent_code, NULL::VARCHAR AS parent_name, 30.0 AS imd_score, NULL::INTEGER AS imd_decile, NULL::BIGINT AS pop_65_plus`);
    const rows = await areaAggregates(db, '2024/25', 'area');
    expect(rows.find((r) => r.area_code === 'E06000009')).toMatchObject({ population: 141_000, imd_score: 30, pop_source: 'extract' });
    expect(rows.find((r) => r.area_code === 'E06000008')).toMatchObject({ population: 150_030, pop_source: 'reference' });
    expect(await populationSources(db)).toEqual([{ pop_source: 'extract', areas: 1 }, { pop_source: 'reference', areas: 14 }]);
    const [icb] = await areaAggregates(db, '2024/25', 'icb');
    expect(icb).toMatchObject({ population: Object.values(LSC).reduce((a, b) => a + b, 0) - 138_381 + 141_000, pop_source: 'mixed' });
    await db.exec(`DROP TABLE population`);
  });
});

describe('area codes recoded on loading', () => {
  const csv = (text: string) => new TextEncoder().encode(text);
  async function loadReferrals(name: string, text: string) {
    const p = prepareFile(name, csv(text));
    if (!p.ok) throw new Error(p.message);
    return loadFile(db, p.file, { kind: 'referrals', mapping: p.file.mapping, mode: 'replace', today: '2026-12-02' });
  }

  test("2019 codes: Cumbria's districts load as Cumberland and Westmorland and Furness; the split county is reported", async () => {
    const rows = [
      ...['E07000026', 'E07000026', 'E07000028', 'E07000029'].map((c, i) => `c${i},2024-05-01,${c}`), // Allerdale ×2, Carlisle, Copeland
      ...['E07000027', 'E07000031'].map((c, i) => `w${i},2024-05-01,${c}`), // Barrow-in-Furness, South Lakeland
      'k1,2024-05-01,E10000006', 'k2,2024-05-01,E10000006', // Cumbria county: split
      'b1,2024-05-01,E06000009' // Blackpool: unchanged
    ];
    const report = await loadReferrals('cumbria-2019.csv', `referral_id,referral_date,area_code\n${rows.join('\n')}\n`);
    expect(report.message).toBeNull();
    expect(report.ok).toBe(true);
    expect(report.recoded.map((r) => [r.oldCode, r.newCode, r.rows])).toEqual([
      ['E07000026', 'E06000063', 2], ['E07000027', 'E06000064', 1], ['E07000028', 'E06000063', 1], ['E07000029', 'E06000063', 1], ['E07000031', 'E06000064', 1]
    ]);
    expect(report.recoded[0]).toMatchObject({ oldName: 'Allerdale', newName: 'Cumberland', change: 'merged' });
    expect(report.unplaced).toEqual([{ oldCode: 'E10000006', oldName: 'Cumbria (county)', successors: 'Cumberland and Westmorland and Furness', rows: 2 }]);
    const counts = await db.query<{ area_code: string; n: number }>(`SELECT area_code, count(*)::INTEGER AS n FROM referrals GROUP BY 1 ORDER BY 1`);
    expect(counts).toEqual([{ area_code: 'E06000009', n: 1 }, { area_code: 'E06000063', n: 4 }, { area_code: 'E06000064', n: 2 }, { area_code: 'E10000006', n: 2 }]);
  });

  test('ODS sub-ICB codes load as their ONS codes and show at sub-ICB level with the reference population', async () => {
    await db.exec('DROP TABLE IF EXISTS funding');
    const rows = ['00Q', '00q', '00R', '01K'].map((c, i) => `s${i},2024-05-01,${c}`);
    const report = await loadReferrals('sicbl-ods.csv', `referral_id,referral_date,area_code\n${rows.join('\n')}\n`);
    // Codes are read in upper case, so 00q is 00Q.
    expect(report.recoded.map((r) => [r.oldCode, r.newCode, r.change, r.rows])).toEqual([
      ['00Q', 'E38000014', 'ods', 2], ['00R', 'E38000015', 'ods', 1], ['01K', 'E38000228', 'ods', 1]
    ]);
    const area = await areaAggregates(db, '2024/25', 'area');
    // 00Q is Blackburn with Darwen's sub-ICB location: the reference gives it Blackburn's population.
    expect(area.map((r) => [r.area_code, r.referrals, r.population])).toEqual(
      expect.arrayContaining([['E38000014', 2, 150_030], ['E38000015', 1, 138_381]])
    );
    expect((await referenceLevelCounts(db)).sicbl).toBe(0);
    const [icb] = await areaAggregates(db, '2024/25', 'icb');
    expect(icb).toMatchObject({ area_code: 'E54000048', referrals: 4 });
  });

  test('a 2021-coded population extract: merged districts load as their successor, named as it, and add up', async () => {
    const text = 'area_code,area_name,population,imd_score\nE07000026,Allerdale,97831,22.938\nE07000028,Carlisle,108524,21.997\nE07000029,Copeland,68041,25.012\nE06000009,Blackpool,138381,45.039\n';
    const p = prepareFile('pop2021.csv', csv(text));
    if (!p.ok) throw new Error(p.message);
    const report = await loadFile(db, p.file, { kind: 'population', mapping: p.file.mapping, mode: 'replace', today: '2026-12-02' });
    expect(report.ok).toBe(true);
    expect(report.recoded.map((r) => r.oldCode)).toEqual(['E07000026', 'E07000028', 'E07000029']);
    const rows = await db.query<{ area_code: string; names: string[]; population: number }>(
      `SELECT area_code, list(DISTINCT area_name) AS names, sum(population)::INTEGER AS population FROM population GROUP BY 1 ORDER BY 1`
    );
    expect(rows).toEqual([
      { area_code: 'E06000009', names: ['Blackpool'], population: 138_381 },
      { area_code: 'E06000063', names: ['Cumberland'], population: 274_396 }
    ]);
    // Cumberland's IMD score is its predecessors', weighted by their populations.
    const cumberland = (await areaAggregates(db, '2024/25', 'area')).find((r) => r.area_code === 'E06000063');
    expect(cumberland!.imd_score).toBeCloseTo((22.938 * 97_831 + 21.997 * 108_524 + 25.012 * 68_041) / 274_396, 9);
    // Columns added to it (merge) from a 2019-coded file: merged districts cannot be combined, so they stay unmatched.
    const imd = prepareFile('imd2019.csv', csv('area_code,imd_decile\nE07000026,4\nE07000028,4\nE06000009,1\n'));
    if (!imd.ok) throw new Error(imd.message);
    const merged = await loadFile(db, imd.file, { kind: 'population', mapping: imd.file.mapping, mode: 'merge', today: '2026-12-02' });
    expect(merged.ok).toBe(true);
    expect(merged.recoded).toEqual([]);
    expect(merged.unmatched?.fileOnly).toEqual(['E07000026', 'E07000028']);
    await db.exec('DROP TABLE population');
  });
});

describe("the user's own groupings (lookup extract)", () => {
  test('a three-column lookup is recognised, and areas roll up to its groups from summed counts', async () => {
    await db.exec(`DROP TABLE IF EXISTS referrals; DROP TABLE IF EXISTS funding;
      CREATE TABLE referrals AS SELECT 'r' || i AS referral_id, DATE '2024-05-01' AS referral_date,
        CASE WHEN i < 30 THEN 'E07000123' WHEN i < 50 THEN 'E07000126' ELSE 'E06000009' END AS area_code,
        NULL::VARCHAR AS status, NULL::DATE AS first_contact_date, NULL::DATE AS end_date FROM range(60) t(i)`);
    const text = 'District code,Place code,Place name\nE07000123,CL,Central Lancashire\nE07000126,CL,Central Lancashire\nE06000009,FC,Fylde Coast\n';
    const p = prepareFile('places-lookup.csv', new TextEncoder().encode(text));
    if (!p.ok) throw new Error(p.message);
    expect(p.file.kind).toBe('lookup');
    expect(p.file.mapping).toMatchObject({ area_code: 0, group_code: 1, group_name: 2 });
    const report = await loadFile(db, p.file, { kind: 'lookup', mapping: p.file.mapping, mode: 'replace', today: '2026-12-02' });
    expect(report.ok).toBe(true);
    const rows = await areaAggregates(db, '2024/25', 'group');
    // Central Lancashire: Preston 144,147 + South Ribble 111,086 residents, 30 + 20 referrals.
    expect(rows.map((r) => [r.area_code, r.area_name, r.referrals, r.population])).toEqual([
      ['CL', 'Central Lancashire', 50, 144_147 + 111_086],
      ['FC', 'Fylde Coast', 10, 138_381]
    ]);
    // An area with no population (a split county's code, kept as it was) counts towards no group.
    await db.exec(`INSERT INTO lookup (area_code, group_code, group_name) VALUES ('E10000006', 'FC', 'Fylde Coast'); INSERT INTO referrals SELECT 'k' || i, DATE '2024-05-01', 'E10000006', NULL, NULL, NULL FROM range(5) t(i)`);
    const again = await areaAggregates(db, '2024/25', 'group');
    expect(again.find((r) => r.area_code === 'FC')).toMatchObject({ referrals: 10, population: 138_381 });
  });

  test('a population extract with a parent code is never taken for a lookup', async () => {
    const p = prepareFile('pop.csv', new TextEncoder().encode('area_code,area_name,population,parent_code,parent_name\nE06000009,Blackpool,138381,E54000048,LSC\n'));
    expect(p.ok && p.file.kind).toBe('population');
    const q = prepareFile('icb-lookup.csv', new TextEncoder().encode('area_code,parent_code,parent_name\nE06000009,E54000048,LSC\n'));
    expect(q.ok && q.file.kind).toBe('lookup');
  });
});
