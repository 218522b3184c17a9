// The Map's pure parts: colour scales and classing, code matching, default boundaries, ranks,
// arrow-key movement and the measure catalogue.
import { readFileSync } from 'node:fs';
import { geoArea, geoBounds } from 'd3-geo';
import { describe, expect, test } from 'vitest';
import Papa from 'papaparse';
import { CLASS_COUNT, choroplethColours, classBreaks, fillsByCode, quantile } from '../../src/lib/charts/choropleth';
import { nearestInDirection, rovingKey } from '../../src/lib/charts/spatial-focus';
import { MEASURES, measureById } from '../../src/lib/domain/measures';
import { worstFirstRanks } from '../../src/lib/domain/rank';
import { decodeBoundaries, loadBoundaries, matchCodes, type AreaFeature } from '../../src/lib/geo/boundaries';
import { dissolveToParents } from '../../src/lib/geo/dissolve';
import { hexFeatures } from '../../src/lib/geo/hexmap';

const seq = { scale: 'sequential' as const, unit: 'per 1,000', format: (v: number | null) => String(v) };
const div = { scale: 'diverging' as const, unit: '%', format: (v: number | null) => String(v) };
const rgb = (s: string | null) => [1, 3, 5].map((i) => parseInt(s!.slice(i, i + 2), 16)) as [number, number, number];

describe('choropleth colours', () => {
  test('diverging continuous scale is symmetric about 0: opposite values mirror, 0 is the light centre', () => {
    const c = choroplethColours(div, [-0.2, 0.5, 0.1, null], 'continuous');
    expect(c.fill(null)).toBeNull();
    // Domain [−0.5, 0.5]: −0.5 and 0.5 are the scheme's two ends (orange and purple).
    expect(c.fill(-0.5)).toBe('#7f3b08');
    expect(c.fill(0.5)).toBe('#2d004b');
    expect(c.fill(0)).toBe('#f3eeea');
    // Negative values lean orange (more red than blue), positive purple.
    const [r1, , b1] = rgb(c.fill(-0.2));
    const [r2, , b2] = rgb(c.fill(0.2));
    expect(r1).toBeGreaterThan(b1);
    expect(b2).toBeGreaterThan(r2);
    expect(c.legend.kind).toBe('ramp');
    if (c.legend.kind === 'ramp') {
      expect(c.legend.ticks.map((t) => t.value)).toEqual([-0.5, -0.25, 0, 0.25, 0.5]);
      expect(c.legend.ticks[2]!.offset).toBe(0.5);
      expect(c.legend.unit).toBe('%');
    }
  });

  test('sequential continuous runs from the lowest (light) to the highest (dark)', () => {
    const c = choroplethColours(seq, [10, 20, 30], 'continuous');
    const lum = (s: string | null) => rgb(s).reduce((a, b) => a + b, 0);
    expect(lum(c.fill(10))).toBeGreaterThan(lum(c.fill(20)));
    expect(lum(c.fill(20))).toBeGreaterThan(lum(c.fill(30)));
    expect(c.fill(30)).toBe('#440154'); // viridis' darkest end
  });

  test('quantile breaks: 5 groups of equal size', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantile(values, 0.2)).toBeCloseTo(2.8, 12);
    // The exact quintiles 2.8, 4.6, 6.4, 8.2 are drawn at round numbers in the same gaps between values (nice-breaks.ts).
    expect(classBreaks(values, 'quantile', false)).toEqual([1, 2.5, 5, 7, 9, 10]);
    const c = choroplethColours(seq, values, 'quantile');
    const fills = values.map((v) => c.fill(v));
    // Two values in each class, five distinct colours in order.
    expect(new Set(fills).size).toBe(CLASS_COUNT);
    expect(fills[0]).toBe(fills[1]);
    expect(fills[8]).toBe(fills[9]);
    expect(c.legend.kind === 'classes' && c.legend.classes.map((k) => k.colour)).toEqual([...new Set(fills)]);
  });

  test('equal intervals; a diverging measure gets intervals over [−m, m] with 0 in the middle class', () => {
    expect(classBreaks([0, 10], 'equal', false)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(classBreaks([-0.1, 0.5], 'equal', true).map((b) => +b.toFixed(6))).toEqual([-0.5, -0.3, -0.1, 0.1, 0.3, 0.5]);
    const c = choroplethColours(div, [-0.5, 0, 0.5], 'equal');
    expect(c.fill(0)).toBe('#f3eeea'); // the middle class is the neutral centre
    const [r, , b] = rgb(c.fill(-0.45));
    expect(r).toBeGreaterThan(b);
    // Upper bounds belong to the next class up; the top value to the top class.
    expect(c.fill(-0.3)).toBe(c.fill(-0.2));
    expect(c.fill(0.5)).toBe(c.fill(0.31));
  });

  test('quantile classes of a signed measure stay symmetric about 0 however skewed the values', () => {
    // Quintile breaks −10, −8.2, −3.4, 1.4, 12.4, 60: two classes below 0, one across it, two above.
    const values = [-10, -9, -8, -7, -1, 1, 2, 3, 50, 60];
    const c = choroplethColours(div, values, 'quantile');
    expect(c.legend.kind).toBe('classes');
    if (c.legend.kind !== 'classes') return;
    const colours = c.legend.classes.map((k) => k.colour);
    expect(colours[0]).toBe('#7f3b08'); // strongest orange, though −10 is far nearer 0 than 60
    expect(colours[2]).toBe('#f3eeea'); // the class across 0 is the neutral centre
    expect(colours[4]).toBe('#2d004b'); // strongest purple
    // The first class out from 0 on each side has the same strength: mirror images on the ramp.
    const [r1, , b1] = rgb(colours[1]!);
    const [r3, , b3] = rgb(colours[3]!);
    expect(r1).toBeGreaterThan(b1);
    expect(b3).toBeGreaterThan(r3);
    expect(c.fill(-9)).toBe(colours[0]);
    expect(c.fill(50)).toBe(colours[4]);
  });

  test('no values: empty legend and no fills; one value: one colour', () => {
    expect(choroplethColours(seq, [null], 'quantile').legend.kind).toBe('empty');
    const one = choroplethColours(seq, [4, 4], 'continuous');
    expect(one.fill(4)).toMatch(/^#[0-9a-f]{6}$/);
    const fills = fillsByCode([{ code: 'A', value: 4 }, { code: 'B', value: null }], one);
    expect(fills.get('B')).toBeNull();
    expect(fills.get('A')).toBe(one.fill(4));
  });
});

describe('boundaries', () => {
  // A hand-made TopoJSON: three unit squares (clockwise rings, as d3-geo wants), one arc each, no transform.
  const ring = (x: number, y: number) => [[x, y], [x, y + 1], [x + 1, y + 1], [x + 1, y], [x, y]];
  const topo = {
    type: 'Topology',
    arcs: [ring(0, 50), ring(1, 50), ring(2, 50)],
    objects: {
      areas: {
        type: 'GeometryCollection',
        geometries: [
          { type: 'Polygon', arcs: [[0]], properties: { code: 'E1', name: 'One', parent_code: 'R' } },
          { type: 'Polygon', arcs: [[1]], properties: { code: 'E2', name: 'Two' } },
          { type: 'Polygon', arcs: [[2]], properties: { name: 'No code' } }
        ]
      }
    }
  };

  test('TopoJSON decodes to features with code, name and parent; features without a code are dropped', () => {
    const f = decodeBoundaries(topo);
    expect(f.map((x) => x.properties)).toEqual([
      { code: 'E1', name: 'One', parent_code: 'R' },
      { code: 'E2', name: 'Two', parent_code: null }
    ]);
    expect(() => decodeBoundaries({ type: 'FeatureCollection' })).toThrow(/not TopoJSON/);
  });

  test('loaded once per URL', async () => {
    let calls = 0;
    const fake = (async () => {
      calls++;
      return new Response(JSON.stringify(topo));
    }) as typeof fetch;
    const [a, b] = await Promise.all([loadBoundaries('/x.topo.json', fake), loadBoundaries('/x.topo.json', fake)]);
    expect(a).toBe(b);
    expect(calls).toBe(1);
  });

  const reference = () => decodeBoundaries(JSON.parse(readFileSync(new URL('../../data/geo/lad24.topo.json', import.meta.url), 'utf8')));
  const referenceAreas = Papa.parse<Record<string, string>>(readFileSync(new URL('../../data/reference/areas.csv', import.meta.url), 'utf8'), { header: true, skipEmptyLines: true }).data;

  test('the default geography: England\'s 296 districts, small and in the right place (d3 winding)', () => {
    const features = reference();
    expect(features).toHaveLength(296);
    const blackpool = features.find((f) => f.properties.code === 'E06000009')!;
    expect(blackpool.properties.name).toBe('Blackpool');
    // Rings wound the way d3-geo expects: an area is a small part of the sphere, not its complement.
    for (const f of features) expect(geoArea(f)).toBeLessThan(0.01);
    const [[w, s], [e, n]] = geoBounds(blackpool);
    expect(w).toBeGreaterThan(-3.2);
    expect(e).toBeLessThan(-2.9);
    expect(s).toBeGreaterThan(53.7);
    expect(n).toBeLessThan(54);
  });

  test('areas dissolve into their parents: one outline per parent, inner borders gone, d3 winding kept', () => {
    const features = reference();
    const lookup = referenceAreas.filter((a) => a.level === 'lad').map((a) => ({ area_code: a.code!, parent_code: a.rgn_code!, parent_name: `Region ${a.rgn_code}` }));
    const parents = dissolveToParents(features, lookup);
    expect(parents.map((p) => p.properties.code)).toEqual([...new Set(lookup.map((l) => l.parent_code))].sort());
    const nw = parents.find((p) => p.properties.code === 'E12000002')!;
    expect(nw.properties.name).toBe('Region E12000002');
    // The region covers the same ground as its 35 districts, to within the estuaries its outline
    // closes over (Morecambe Bay lies between two districts' coastlines): every region within 3%.
    const nwCodes = new Set(lookup.filter((l) => l.parent_code === 'E12000002').map((l) => l.area_code));
    expect(nwCodes.size).toBe(35);
    const children = features.filter((f) => nwCodes.has(f.properties.code)).reduce((a, f) => a + geoArea(f), 0);
    expect(Math.abs(geoArea(nw) / children - 1)).toBeLessThan(0.03);
    for (const region of parents) {
      const kids = lookup.filter((l) => l.parent_code === region.properties.code).map((l) => l.area_code);
      const area = features.filter((f) => kids.includes(f.properties.code)).reduce((a, f) => a + geoArea(f), 0);
      expect(geoArea(region) / area).toBeCloseTo(1, 3);
    }
    // Fewer rings than the areas had: shared borders merged away.
    const rings = (g: AreaFeature['geometry']) => (g.type === 'Polygon' ? 1 : g.coordinates.length);
    expect(rings(nw.geometry)).toBeLessThan(35);
    // An area missing from the lookup is left out; a lookup with no boundaries gives nothing.
    expect(dissolveToParents(features, lookup.slice(0, 1)).map((p) => p.properties.code)).toEqual([lookup[0]!.parent_code]);
    expect(dissolveToParents(features, [])).toEqual([]);
  });

  test('matchCodes reports unmatched codes both ways', () => {
    expect(matchCodes(['E1', 'E2', 'E3'], ['E2', 'E3', 'X9', 'E2'])).toEqual({ matched: ['E2', 'E3'], dataOnly: ['X9'], boundaryOnly: ['E1'] });
    expect(matchCodes([], [])).toEqual({ matched: [], dataOnly: [], boundaryOnly: [] });
  });
});

describe('ranks, arrow keys, catalogue', () => {
  test('worst-first ranks with ties (1, 2, 2, 4) and missing values unranked', () => {
    expect(worstFirstRanks([5, 1, 3, 3, null], true)).toEqual([4, 1, 2, 2, null]);
    expect(worstFirstRanks([5, 1, 3, 3, null], false)).toEqual([1, 4, 2, 2, null]);
    expect(worstFirstRanks([5, 1, 3], null)).toEqual([1, 3, 2]);
  });

  test('arrow keys move to the nearest area in that direction', () => {
    const pts = [
      { code: 'C', x: 0, y: 0 },
      { code: 'E', x: 10, y: 0 },
      { code: 'NE', x: 4, y: -6 },
      { code: 'S', x: 0, y: 8 },
      { code: 'W', x: -20, y: 1 }
    ];
    const from = pts[0]!;
    expect(nearestInDirection(from, pts, 'right')).toBe('E');
    expect(nearestInDirection(from, pts, 'up')).toBe('NE');
    expect(nearestInDirection(from, pts, 'down')).toBe('S');
    expect(nearestInDirection(from, pts, 'left')).toBe('W');
    expect(nearestInDirection(pts[1]!, pts, 'right')).toBeNull();
  });

  test('a key on a roving group of map marks: choose, dismiss, first and last, or the nearest that way', () => {
    const pts = [{ code: 'A', x: 0, y: 0 }, { code: 'B', x: 10, y: 0 }, { code: 'C', x: 0, y: 10 }];
    const log: string[] = [];
    const actions = { choose: () => log.push('choose'), dismiss: () => log.push('dismiss') };
    const key = (k: string) => {
      let prevented = false;
      const next = rovingKey({ key: k, preventDefault: () => (prevented = true) } as unknown as KeyboardEvent, pts[0]!, pts, actions);
      return { next, prevented };
    };
    expect(key('End')).toEqual({ next: 'C', prevented: true });
    expect(key('Home')).toEqual({ next: 'A', prevented: true });
    expect(key('ArrowRight')).toEqual({ next: 'B', prevented: true });
    expect(key('ArrowDown').next).toBe('C');
    expect(key('Enter')).toEqual({ next: null, prevented: true });
    expect(key('Escape').next).toBeNull();
    expect(key('a')).toEqual({ next: null, prevented: false });
    expect(log).toEqual(['choose', 'dismiss']);
  });

  test('every measure has a unit, a note and a direction; DfT and the £ gap diverge about 0', () => {
    expect(MEASURES.map((m) => m.id)).toEqual(['dft', 'funding_per_head', 'gap_gbp', 'referral_rate', 'waiting_per_1000', 'median_wait_days', 'capacity_per_1000', 'short_term_share',
      'referring_sources', 'receiving_sectors', 'outside_primary_care', 'cyp_distance_km']);
    for (const m of MEASURES) {
      expect(m.unit.length).toBeGreaterThan(0);
      expect(m.how.length).toBeGreaterThan(80);
    }
    expect(MEASURES.filter((m) => m.scale === 'diverging').map((m) => m.id)).toEqual(['dft', 'gap_gbp']);
    expect(measureById('dft').format(-0.1234)).toBe('−12.3%');
    expect(measureById('short_term_share').format(0.5)).toBe('50.0%');
    expect(measureById('gap_gbp').format(-1_234_567)).toBe('−£1.2m');
    expect(measureById('median_wait_days').format(25.5)).toBe('26 days');
  });
});

describe('hex cartogram', () => {
  const hexjson = JSON.parse(readFileSync(new URL('../../data/geo/lad23.hexjson', import.meta.url), 'utf8'));

  test('one small hex per district, neighbours touching, d3 winding, rows northwards', () => {
    const hexes = hexFeatures(hexjson);
    expect(hexes).toHaveLength(296);
    for (const h of hexes) expect(geoArea(h)).toBeLessThan(1e-5);
    const c = (f: AreaFeature) => geoBounds(f).reduce((p, q) => [(p[0]! + q[0]!) / 2, (p[1]! + q[1]!) / 2]);
    const centre = (code: string) => c(hexes.find((h) => h.properties.code === code)!);
    // Northumberland is north of Cornwall; Norfolk east of Cornwall.
    expect(centre('E06000057')[1]).toBeGreaterThan(centre('E06000052')[1]!);
    expect(centre('E07000146')[0]).toBeGreaterThan(centre('E06000052')[0]!);
    // Two hexes side by side in a row are one hex width apart: they share an edge, they do not overlap.
    const a = hexFeatures({ layout: 'odd-r', hexes: { A: { q: 0, r: 0 }, B: { q: 1, r: 0 }, C: { q: 0, r: 1 } } });
    const [A, B, C] = a.map(c);
    expect(B![0]! - A![0]!).toBeCloseTo(Math.sqrt(3) * 0.03, 6);
    // odd-r: the odd row is pushed half a hex to the right, 1.5 radii up.
    expect(C![0]! - A![0]!).toBeCloseTo((Math.sqrt(3) * 0.03) / 2, 6);
    expect(C![1]! - A![1]!).toBeCloseTo(0.045, 6);
    expect(() => hexFeatures({ type: 'FeatureCollection' })).toThrow(/not HexJSON/);
  });
});
