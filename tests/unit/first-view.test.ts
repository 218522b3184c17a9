// The demo's first view (src/lib/db/first-view.ts), shipped with the demo by the build: the manifest names it,
// only the demo it was made from may use it, and its figures are the demo's own, recounted here from the raw
// tables with SQL written for the test (not the app's). The e2e test first-view.spec.ts compares it with the
// map the engine draws in the browser.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { DbClient } from '../../src/lib/db/client';
import { fetchFirstView, type FirstView } from '../../src/lib/db/first-view';
import { ensureCanonicalTables } from '../../src/lib/db/queries';
import { loadManifest, parseManifest, type Manifest } from '../../src/lib/ingest/published';
import { openNodeDb } from '../../scripts/lib/node-db';
import { demoFromDisk } from '../../scripts/demo/first-view';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = path.join(root, 'static/data');
const fromDisk = demoFromDisk(root);

describe('where the first view is', () => {
  test('the manifest keeps a first view on the site, and drops one elsewhere or without an id', () => {
    const files = [{ extract: 'funding', path: 'f.csv' }];
    expect(parseManifest({ title: 'Demo', files, firstView: { path: 'demo/first-view.json', id: 'abc' } })!.firstView).toEqual({ path: 'demo/first-view.json', id: 'abc' });
    expect(parseManifest({ title: 'Demo', files, firstView: { path: 'https://elsewhere.example/v.json', id: 'abc' } })!.firstView).toBeUndefined();
    expect(parseManifest({ title: 'Demo', files, firstView: { path: '../v.json', id: 'abc' } })!.firstView).toBeUndefined();
    expect(parseManifest({ title: 'Demo', files, firstView: { path: 'demo/first-view.json' } })!.firstView).toBeUndefined();
  });

  test('a first view made from another demo, missing or unreadable is not used', async () => {
    const view = { id: 'abc', summary: { counts: {} }, map: { years: [], areaCodes: [], aggregates: {} } };
    const serve = (status: number, body: string) => (async () => new Response(body, { status })) as unknown as typeof fetch;
    const ref = { path: 'demo/first-view.json', id: 'abc' };
    expect(await fetchFirstView('data', ref, serve(200, JSON.stringify(view)))).toEqual(view);
    expect(await fetchFirstView('data', { ...ref, id: 'other' }, serve(200, JSON.stringify(view)))).toBeNull();
    expect(await fetchFirstView('data', ref, serve(404, ''))).toBeNull();
    expect(await fetchFirstView('data', ref, serve(200, '{"id":'))).toBeNull();
    expect(await fetchFirstView('data', undefined, serve(200, JSON.stringify(view)))).toBeNull();
  });
});

describe('the first view shipped with the demo', () => {
  let db: DbClient;
  let manifest: Manifest;
  let view: FirstView;
  beforeAll(async () => {
    manifest = parseManifest(JSON.parse(readFileSync(path.join(dataDir, 'manifest.json'), 'utf8')))!;
    view = (await fetchFirstView('data', manifest.firstView, fromDisk))!;
    db = await openNodeDb();
    await ensureCanonicalTables(db);
    await loadManifest(db, manifest, 'data', '2000-01-01', fromDisk);
  });

  test('belongs to this demo and opens on its latest year', () => {
    expect(view).not.toBeNull();
    expect(view.id).toBe(manifest.firstView!.id);
    expect(view.map.years.map((y) => y.fy)).toEqual(['2022/23', '2023/24', '2024/25']);
    expect(Object.keys(view.map.aggregates)).toEqual(['2024/25']);
  });

  test('its counts and areas are the demo tables\'', async () => {
    for (const table of ['population', 'providers', 'funding', 'referrals'] as const) {
      const [row] = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table}`);
      expect(view.summary.counts[table], table).toBe(row!.n);
    }
    const codes = (await db.query<{ c: string }>('SELECT area_code AS c FROM population ORDER BY 1')).map((r) => r.c);
    expect([...view.map.areaCodes].sort()).toEqual(codes);
    expect(view.map.aggregates['2024/25']!.map((r) => r.area_code).sort()).toEqual(codes);
  });

  test('each area\'s referrals, first contacts, funding and population in 2024/25 are the raw tables\'', async () => {
    const raw = await db.query<{ area_code: string; population: number; referrals: number; funding: number }>(`
      SELECT p.area_code, p.population::DOUBLE AS population,
        (SELECT count(*) FROM referrals r WHERE r.area_code = p.area_code AND r.referral_date BETWEEN DATE '2024-04-01' AND DATE '2025-03-31')::INTEGER AS referrals,
        (SELECT coalesce(sum(amount_gbp), 0) FROM funding f WHERE f.area_code = p.area_code AND f.fy = '2024/25')::DOUBLE AS funding
      FROM population p ORDER BY 1`);
    const shipped = new Map(view.map.aggregates['2024/25']!.map((r) => [r.area_code, r]));
    for (const r of raw) {
      const s = shipped.get(r.area_code)!;
      expect(s.population, r.area_code).toBe(r.population);
      expect(s.referrals, r.area_code).toBe(r.referrals);
      expect(s.funding!, r.area_code).toBeCloseTo(r.funding, 6);
    }
    expect(raw.reduce((n, r) => n + r.referrals, 0)).toBeGreaterThan(50_000);
  });
});
