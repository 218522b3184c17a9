// User boundary files on the Map: a British National Grid GeoJSON made here by projecting a WGS84
// one lands where the WGS84 one does; a real ONS boundary file (when ../shared exists) is drawn
// with extracts keyed to its codes, and codes of another vintage are reported.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import proj4 from 'proj4';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { expect, openApp, test } from './fixtures';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BNG = '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs';

/** The demo's 35 North West districts from the built-in TopoJSON, as an analyst's WGS84 GeoJSON with ONS-style property names. */
function northWestGeoJson(): FeatureCollection<Polygon | MultiPolygon> {
  const topo = JSON.parse(readFileSync(path.join(root, 'static', 'geo', 'areas.topo.json'), 'utf8')) as Topology;
  const fc = feature(topo, topo.objects.areas as GeometryCollection) as FeatureCollection<Polygon | MultiPolygon, Record<string, string>>;
  const northWest = new Set(
    readFileSync(path.join(root, 'data', 'reference', 'areas.csv'), 'utf8').split('\n').filter((l) => l.startsWith('lad,') && l.includes(',E12000002,')).map((l) => l.split(',')[1])
  );
  return {
    type: 'FeatureCollection',
    features: fc.features
      .filter((f) => northWest.has(f.properties.code))
      .map((f) => ({ type: 'Feature', properties: { LAD19CD: f.properties.code, LAD19NM: f.properties.name, OBJECTID: 1 }, geometry: f.geometry }))
  };
}

function toBng(fc: FeatureCollection<Polygon | MultiPolygon>): object {
  const ring = (r: Position[]) => r.map(([lon, lat]) => proj4('WGS84', BNG, [lon!, lat!]).map((v) => Math.round(v * 100) / 100));
  const geom = (g: Polygon | MultiPolygon): Polygon | MultiPolygon =>
    g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates.map(ring) } : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
  return {
    type: 'FeatureCollection',
    crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::27700' } },
    features: fc.features.map((f: Feature<Polygon | MultiPolygon>) => ({ ...f, geometry: geom(f.geometry) }))
  };
}

async function bbox(page: Page, code: string) {
  return page.locator(`path[data-code="${code}"]`).evaluate((p: SVGPathElement) => {
    const b = p.getBBox();
    return { x: b.x, y: b.y, w: b.width, h: b.height };
  });
}

async function useBoundaries(page: Page, name: string, json: object | string) {
  await page.getByTestId('boundary-input').setInputFiles({ name, mimeType: 'application/geo+json', buffer: Buffer.from(typeof json === 'string' ? json : JSON.stringify(json)) });
  await expect(page.getByTestId('boundary-panel')).toHaveAttribute('data-source', 'user');
  await expect(page.getByTestId('boundary-summary')).toContainText(name);
}

test('a British National Grid GeoJSON renders in the same place as its WGS84 original', async ({ page }) => {
  await openApp(page, '/map/');
  await expect(page.getByTestId('map-svg').locator('path[data-code]')).toHaveCount(35);
  const builtIn = await bbox(page, 'E06000009');

  const wgs = northWestGeoJson();
  await useBoundaries(page, 'nw-wgs84.geojson', wgs);
  await expect(page.getByTestId('boundary-code')).toHaveValue('LAD19CD');
  await expect(page.getByTestId('boundary-name')).toHaveValue('LAD19NM');
  await expect(page.getByTestId('boundary-match')).toHaveAttribute('data-matched', '35');
  await expect(page.getByTestId('map-svg').locator('path[data-code]')).toHaveCount(35);
  const fromWgs = await bbox(page, 'E06000009');

  await useBoundaries(page, 'nw-bng.geojson', toBng(wgs));
  await expect(page.getByTestId('boundary-summary')).toContainText('British National Grid');
  await expect(page.getByTestId('map-svg').locator('path[data-code]')).toHaveCount(35);
  const fromBng = await bbox(page, 'E06000009');
  for (const k of ['x', 'y', 'w', 'h'] as const) {
    expect(Math.abs(fromBng[k] - fromWgs[k]), k).toBeLessThan(0.5);
    expect(Math.abs(fromWgs[k] - builtIn[k]), k).toBeLessThan(0.5);
  }
  // Names come from the file: the tooltip uses the area's name in the data, the table lists all 35.
  await expect(page.getByTestId('map-table').locator('tbody tr')).toHaveCount(35);

  // A file that is not boundaries leaves the map as it was, with a sentence saying why.
  await page.getByTestId('boundary-input').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await expect(page.getByTestId('boundary-error')).toBeVisible();
  await expect(page.getByTestId('boundary-summary')).toContainText('nw-bng.geojson');
  await page.getByTestId('boundary-reset').click();
  await expect(page.getByTestId('boundary-panel')).toHaveAttribute('data-source', 'default');
});

const geo = path.join(root, '..', 'shared', 'reference', 'geography');
const lad24 = path.join(geo, 'lad24_may2024_uk_buc_wgs84.geojson');
const pop20 = path.join(geo, 'population_mid2020_lad21_broad_age_bands_ew.csv');

if (existsSync(lad24) && existsSync(pop20)) {
  test('real ONS LAD 2024 boundaries with 2021-coded extracts: drawn, the Cumbria/North Yorkshire/Somerset codes loaded as their 2024 successors', async ({ page }) => {
    // Funding keyed to the population file's 2021 codes, an amount per area made up for the test.
    const codes = readFileSync(pop20, 'utf8').split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split(',')[0]!);
    const funding = ['area_code,fy,amount_gbp', ...codes.map((c, i) => `${c},2024/25,${10000 + i * 37}`)].join('\n');
    await openApp(page, '/data/');
    await page.getByTestId('file-input').setInputFiles([
      { name: path.basename(pop20), mimeType: 'text/csv', buffer: readFileSync(pop20) },
      { name: 'funding-2024-25.csv', mimeType: 'text/csv', buffer: Buffer.from(funding) }]);
    for (const name of ['population_mid2020_lad21_broad_age_bands_ew.csv', 'funding-2024-25.csv']) {
      const card = page.locator(`[data-testid="file-card"][data-file="${name}"]`);
      await card.getByLabel('Replace it').check();
      await card.getByTestId('load-button').click();
      await expect(card.getByTestId('load-report')).toHaveAttribute('data-ok', 'true');
      // Districts merged in 2023 load under their successor's code (their populations then add up).
      await expect(card.getByTestId('recoded')).toContainText('E07000026 Allerdale → E06000063 Cumberland');
    }
    // The boundary file dropped on the Data page goes to the map.
    await page.getByTestId('file-input').setInputFiles(lad24);
    await expect(page.getByTestId('boundary-note')).toHaveAttribute('data-ok', 'true');
    await expect(page.getByTestId('boundary-note')).toContainText('361 areas');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Map' }).click();
    await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
    const match = page.getByTestId('boundary-match');
    const matched = Number(await match.getAttribute('data-matched'));
    expect(matched).toBeGreaterThan(300);
    await expect(page.getByTestId('map-svg').locator('path[data-code]')).toHaveCount(matched);
    // Allerdale (a Cumbrian district until 2023) was loaded as Cumberland, which the 2024 boundaries have.
    await expect(page.locator('path[data-code="E06000063"]')).toHaveAttribute('data-value', /^-?\d/);
    await expect(page.getByTestId('map-table').locator('tr[data-code="E07000026"]')).toHaveCount(0);
    // A matched area is coloured with its own DfT.
    const blackpool = page.locator('path[data-code="E06000009"]');
    await expect(blackpool).toHaveAttribute('data-value', /^-?\d/);
  });
}

test('a 10 MB boundary file loads, is simplified, and the map stays drawable', async ({ page }) => {
  // 30 × 30 squares over the North West, each ring with 800 points along its edges: about 11 MB of GeoJSON.
  const features = [];
  for (let i = 0; i < 30; i++) {
    for (let j = 0; j < 30; j++) {
      const [x0, y0, d] = [-3.6 + i * 0.05, 53.2 + j * 0.05, 0.05];
      const ring: number[][] = [];
      const edge = (ax: number, ay: number, bx: number, by: number) => {
        for (let k = 0; k < 200; k++) ring.push([+(ax + ((bx - ax) * k) / 200).toFixed(6), +(ay + ((by - ay) * k) / 200).toFixed(6)]);
      };
      edge(x0, y0, x0, y0 + d); edge(x0, y0 + d, x0 + d, y0 + d); edge(x0 + d, y0 + d, x0 + d, y0); edge(x0 + d, y0, x0, y0);
      ring.push(ring[0]!);
      features.push({ type: 'Feature', properties: { CELL_CD: `X${i}_${j}`, CELL_NM: `Cell ${i},${j}` }, geometry: { type: 'Polygon', coordinates: [ring] } });
    }
  }
  const text = JSON.stringify({ type: 'FeatureCollection', features });
  expect(text.length).toBeGreaterThan(10_000_000);
  await openApp(page, '/map/');
  await useBoundaries(page, 'grid-10mb.geojson', text);
  await expect(page.getByTestId('boundary-summary')).toContainText('900 areas');
  await expect(page.getByTestId('boundary-summary')).toContainText('simplified');
  // None of the cells is an area of the data: all 35 demo districts are reported as without a boundary.
  await expect(page.getByTestId('boundary-match')).toHaveAttribute('data-data-only', '35');
  await expect(page.getByTestId('map-table').locator('tbody tr')).toHaveCount(35);
});
