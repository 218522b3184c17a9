// Access to provision (issue 19, item 4): providers located from latitude/longitude or British National Grid
// (geo/points.ts), the distance from each area's centre to the nearest provider of each category, and the Map's
// distance to a children and young people's service (db/sql/access.ts, area-measures.ts) in a real DuckDB, against
// haversine distances worked in Python from the same coordinates (R = 6,371.0088 km).
import { beforeAll, describe, expect, test } from 'vitest';
import type { DbClient } from '../../src/lib/db/client';
import { areaAccess, areaAggregates, locationSummary, providerPoints, rebuildLocations } from '../../src/lib/db/queries';
import { fieldSqlType } from '../../src/lib/db/sql/ingest';
import { createRefCentreSql } from '../../src/lib/db/sql/reference';
import { EXTRACTS } from '../../src/lib/domain/extracts';
import { computeAreaMeasures } from '../../src/lib/domain/measures';
import { DEFAULT_NEED_WEIGHTS } from '../../src/lib/domain/need';
import { locate } from '../../src/lib/geo/points';
import { openNodeDb } from '../../scripts/lib/node-db';

let db: DbClient;
const lit = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v}'`);
/** The test's own haversine, km: [lat, lon] pairs. */
function haversineKm([la1, lo1]: [number, number], [la2, lo2]: [number, number]): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(r(la2 - la1) / 2) ** 2 + Math.cos(r(la1)) * Math.cos(r(la2)) * Math.sin(r(lo2 - lo1) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}
const have = async () => new Set((await db.query<{ table_name: string }>(`SELECT table_name FROM duckdb_tables()`)).map((r) => r.table_name));

// Centres: A at Blackpool's, B near Norwich. Caister Water Tower, the Ordnance Survey's worked example of the
// projection: OSGB36 (Airy) 52°39′27.2531″N 1°43′4.5177″E is grid E 651409.903 N 313177.270.
const CENTRES = 'code,name,latitude,longitude\nA,Alpha,53.8168,-3.027\nB,Beta,52.63,1.3\n';

beforeAll(async () => {
  db = await openNodeDb();
  await db.registerFile('centres.csv', new TextEncoder().encode(CENTRES));
  await db.exec(createRefCentreSql('centres.csv'));
  const popDefs = EXTRACTS.population.fields.map((f) => `${f.name} ${fieldSqlType(f.kind)}`);
  await db.exec(`CREATE TABLE population (${popDefs.join(', ')}); INSERT INTO population (area_code, area_name, population) VALUES ('A', 'Alpha', 1000), ('B', 'Beta', 3000)`);
  const defs = EXTRACTS.providers.fields.map((f) => `${f.name} ${fieldSqlType(f.kind)}`);
  const cols = ['provider_id', 'provider_name', 'service_category', 'contract_start', 'contract_end', 'latitude', 'longitude', 'easting', 'northing'];
  const rows: (string | number | null)[][] = [
    ['p1', 'Young Preston', 'children and young people', null, null, 53.76, -2.7, null, null],
    ['p2', 'Caister Youth Club', 'youth work', '2024-01-01', null, null, null, 651409.903, 313177.27], // BNG, a CYP service by name
    ['p3', 'Arts by the Sea', 'arts', null, null, 53.8, -3.05, null, null],
    ['p4', 'Old Arts', 'arts', '2015-01-01', '2020-03-31', 52.63, 1.3, null, null], //  ended before the year: not measured to
    ['p5', 'Swapped', 'arts', null, null, -3.0, 53.8, null, null], //                 latitude and longitude swapped
    ['p6', 'No place', 'arts', null, null, null, null, null, null]
  ];
  await db.exec(`CREATE TABLE providers (${defs.join(', ')});
    INSERT INTO providers (${cols.join(', ')}) VALUES ${rows.map((r) => `(${r.map(lit).join(', ')})`).join(', ')};`);
  // One referral makes 2024/25 a year of the data, as the Map offers only those (AGG.access is built for them).
  const refDefs = EXTRACTS.referrals.fields.map((f) => `${f.name} ${fieldSqlType(f.kind)}`);
  await db.exec(`CREATE TABLE referrals (${refDefs.join(', ')}); INSERT INTO referrals (referral_id, referral_date, area_code) VALUES ('r1', DATE '2024-05-01', 'A')`);
  await rebuildLocations(db, await have(), locate);
});

describe('locating providers', () => {
  test('latitude and longitude, or easting and northing; out of range is said, not drawn', () => {
    expect(locate({ latitude: 53.76, longitude: -2.7, easting: null, northing: null })).toEqual({ ok: true, latitude: 53.76, longitude: -2.7, from: 'WGS84' });
    const caister = locate({ latitude: null, longitude: null, easting: 651409.903, northing: 313177.27 });
    if (!caister.ok) throw new Error('Caister not located');
    expect(caister.from).toBe('BNG');
    // The grid reference goes back through the projection to the OSGB36 position, then the datum shift to WGS84
    // moves it: by 50–150 m anywhere in Britain (134 m here, worked in Python), never by nothing.
    const shift = haversineKm([caister.latitude, caister.longitude], [52 + 39 / 60 + 27.2531 / 3600, 1 + 43 / 60 + 4.5177 / 3600]);
    expect(shift).toBeGreaterThan(0.05);
    expect(shift).toBeLessThan(0.15);
    expect(locate({ latitude: -3, longitude: 53.8, easting: null, northing: null })).toMatchObject({ ok: false, detail: 'latitude and longitude look swapped' });
    expect(locate({ latitude: 436000, longitude: 331000, easting: null, northing: null })).toMatchObject({ ok: false, detail: expect.stringContaining('eastings and northings') });
    expect(locate({ latitude: null, longitude: null, easting: 900000, northing: 5 })).toMatchObject({ ok: false, reason: 'outside' });
    expect(locate({ latitude: 53, longitude: null, easting: null, northing: null })).toEqual({ ok: false, reason: 'none' });
  });

  test('the providers table\'s rows are located once per load, and the unplaced are counted with examples', async () => {
    const points = await providerPoints(db, await have());
    expect(points.map((p) => [p.provider_id, p.located_from])).toEqual([['p1', 'WGS84'], ['p2', 'BNG'], ['p3', 'WGS84'], ['p4', 'WGS84']]);
    expect(await locationSummary(db, await have())).toEqual({ rows: 6, with_coordinates: 5, unplaced: 1, examples: ['p5: latitude and longitude look swapped'] });
  });
});

describe('distance to the nearest provider', () => {
  test('per area and category, against hand-computed haversine distances (BNG input included)', async () => {
    const rows = await areaAccess(db, { from: '2024-04', to: '2025-03' }, await have());
    const at = (area: string, category: string) => rows.find((r) => r.area_code === area && r.service_category === category)!;
    // A → p1 22.390072 km (p2 at Caister 340.85); A → p3 2.402146; B → p2 28.242598 (p1 294.55); B → p3 317.451795 (p4 ended).
    // Caister's WGS84 position (52.6579786, 1.7160520) is the one the grid reference is located at (above).
    expect(at('A', 'children and young people').distance_km).toBeCloseTo(22.390072, 5);
    expect(at('A', 'arts')).toMatchObject({ provider_id: 'p3', cyp: false });
    expect(at('A', 'children and young people').cyp).toBe(true);
    expect(at('A', 'arts').distance_km).toBeCloseTo(2.402146, 5);
    expect(at('B', 'youth work').distance_km).toBeCloseTo(28.242598, 4); // via BNG
    expect(at('B', 'arts')).toMatchObject({ provider_id: 'p3' });
    expect(at('B', 'arts').distance_km).toBeCloseTo(317.451795, 5);
  });

  test("the Map's distance to a children and young people's service takes the nearest of any kind of CYP service", async () => {
    const rows = await areaAggregates(db, '2024/25', 'area', await have());
    const [a, b] = rows;
    expect(a!.cyp_distance_km).toBeCloseTo(22.390072, 5); // p1 ('children and young people')
    expect(b!.cyp_distance_km).toBeCloseTo(28.242598, 4); // p2 ('youth work', from BNG)
    const m = computeAreaMeasures(rows, DEFAULT_NEED_WEIGHTS);
    expect(m.rows.map((r) => r.measures.cyp_distance_km.rank)).toEqual([2, 1]); // further is worse: B first
    // All areas together: the population-weighted mean, (1000 × 22.390072 + 3000 × 28.242598) / 4000.
    const [all] = await areaAggregates(db, '2024/25', 'all', await have());
    expect(all!.cyp_distance_km).toBeCloseTo((1000 * 22.390072 + 3000 * 28.242598) / 4000, 4);
  });
});

describe('finer centres from a lookup with coordinates', () => {
  test("an area's distance is the population-weighted mean over its finer centres; other areas keep the reference's", async () => {
    const defs = EXTRACTS.lookup.fields.map((f) => `${f.name} ${fieldSqlType(f.kind)}`);
    await db.exec(`CREATE OR REPLACE TABLE lookup (${defs.join(', ')});
      INSERT INTO lookup (area_code, group_code, latitude, longitude, population) VALUES
        ('L1', 'A', 53.80, -3.05, 300), ('L2', 'A', 53.90, -3.00, 100), ('L9', 'Z', 53.0, -2.0, 10);`);
    await rebuildLocations(db, await have(), locate);
    // A: L1 is 23.422475 km from p1 and 0 from p3 (same place); L2 25.098652 and 11.593098 (worked in Python):
    // (300 × 23.422475 + 100 × 25.098652) / 400 = 23.841519; arts (300 × 0 + 100 × 11.593098) / 400 = 2.898274.
    const rows = await areaAccess(db, { from: '2024-04', to: '2025-03' }, await have());
    const at = (area: string, category: string) => rows.find((r) => r.area_code === area && r.service_category === category)!;
    expect(at('A', 'children and young people').distance_km).toBeCloseTo(23.841519, 5);
    expect(at('A', 'arts').distance_km).toBeCloseTo(2.898274, 5);
    // B has no finer centres: its reference centre, as before.
    expect(at('B', 'youth work').distance_km).toBeCloseTo(28.242598, 4);
    const [a, b] = await areaAggregates(db, '2024/25', 'area', await have());
    expect(a!.cyp_distance_km).toBeCloseTo(23.841519, 5);
    expect(b!.cyp_distance_km).toBeCloseTo(28.242598, 4);
    // All areas: A's finer weights scaled to its population (1,000), B's 3,000.
    const [all] = await areaAggregates(db, '2024/25', 'all', await have());
    expect(all!.cyp_distance_km).toBeCloseTo((1000 * 23.841519 + 3000 * 28.242598) / 4000, 4);
    await db.exec(`DROP TABLE lookup`);
    await rebuildLocations(db, await have(), locate);
  });
});
