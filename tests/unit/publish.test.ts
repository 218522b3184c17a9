// Publishing for commissioners: the aggregate tables round-trip through Parquet and give the same
// measures, ranks and suppression as the analyst's record-level session, with no record-level row.
import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { beforeAll, describe, expect, test } from 'vitest';
import type { DbClient } from '../../src/lib/db/client';
import { PUBLISHED, RECORDS } from '../../src/lib/db/source';
import { loadPublishedSql } from '../../src/lib/db/sql/published';
import { computeAreaMeasures, MEASURES } from '../../src/lib/domain/measures';
import { DEFAULT_NEED_WEIGHTS } from '../../src/lib/domain/need';
import { seriesPoints, WAITING_SERIES } from '../../src/lib/domain/waiting-measures';
import { monthCompleteness } from '../../src/lib/domain/completeness';
import { parquetToCsv } from '../../src/lib/ingest/parquet';
import { loadManifest, parseManifest } from '../../src/lib/ingest/published';
import { buildPublication, zipPublication, type Publication } from '../../src/lib/publish/publication';
import { openNodeDb } from '../../scripts/lib/node-db';

const demo = (t: string) => new URL(`../../static/data/demo/${t}.csv`, import.meta.url).pathname;
let analyst: DbClient;
let commissioner: DbClient;
let pub: Publication;

beforeAll(async () => {
  // (The demo extracts are made once before all unit tests: support/global-setup.ts.)
  analyst = await openNodeDb();
  // The demo extracts through the app's own published-data loader (as the app opens on them).
  const demoManifest = parseManifest(JSON.parse(readFileSync(new URL("../../static/data/manifest.json", import.meta.url), "utf8")))!;
  const fetcher = (async (url: string) => new Response(readFileSync(new URL(`../../static/data/${String(url).replace(/^\/data\//, '')}`, import.meta.url)))) as typeof fetch;
  await loadManifest(analyst, demoManifest, '/data', '2026-11-24', fetcher);
  // Blackpool's referrals in June 2024 cut to 3 (others deleted), so suppression has something to do.
  await analyst.exec(`DELETE FROM referrals WHERE area_code = 'E06000009' AND referral_date BETWEEN DATE '2024-06-01' AND DATE '2025-03-31'
    AND referral_id NOT IN (SELECT referral_id FROM referrals WHERE area_code = 'E06000009' AND referral_date BETWEEN DATE '2024-06-01' AND DATE '2024-06-30' ORDER BY referral_id LIMIT 3)`);
  pub = await buildPublication(analyst, { title: 'Test dashboard', today: '2026-11-24' });

  commissioner = await openNodeDb();
  const zip = unzipSync(zipPublication(pub));
  const manifest = JSON.parse(strFromU8(zip['data/manifest.json']!));
  for (const a of manifest.aggregates) {
    await commissioner.registerFile(`${a.table}.csv`, await parquetToCsv(zip[`data/${a.path}`]!));
    await commissioner.exec(loadPublishedSql(a.table, `${a.table}.csv`));
  }
}, 120_000);

describe('publication', () => {
  test('a zip of data/: manifest with aggregate tables only, no record-level column or identifier', () => {
    const zip = unzipSync(zipPublication(pub));
    expect(Object.keys(zip).sort()).toEqual(['data/manifest.json', 'data/published/area.parquet', 'data/published/waiting.parquet']);
    expect(pub.manifest).toMatchObject({ title: 'Test dashboard', published: '2026-11-24', files: [], suppression: { maxSuppressed: 7 } });
    const ids = readFileSync(demo('referrals'), 'utf8').split('\n').slice(1, 200).map((l) => l.split(',')[0] ?? '').filter(Boolean);
    for (const [name, bytes] of Object.entries(zip)) {
      const text = strFromU8(bytes, true);
      expect(text, name).not.toContain('referral_id');
      for (const id of ids.slice(0, 50)) expect(text.includes(id), `${name} holds ${id}`).toBe(false);
    }
  });

  test('the commissioner sees the same Map measures, ranks and suppression for every year and level', async () => {
    expect(await commissioner.query(`SELECT count(*)::INTEGER AS n FROM pub_area`)).not.toEqual([{ n: 0 }]);
    expect(await PUBLISHED.years(commissioner)).toEqual(await RECORDS.years(analyst));
    for (const { fy } of await RECORDS.years(analyst)) {
      for (const level of ['area', 'parent', 'all'] as const) {
        const a = computeAreaMeasures(await RECORDS.aggregates(analyst, fy, level), DEFAULT_NEED_WEIGHTS);
        const c = computeAreaMeasures(await PUBLISHED.aggregates(commissioner, fy, level), DEFAULT_NEED_WEIGHTS);
        expect(c.rows.map((r) => r.area_code)).toEqual(a.rows.map((r) => r.area_code));
        a.rows.forEach((ar, i) => {
          for (const m of MEASURES) {
            const [x, y] = [ar.measures[m.id], c.rows[i]!.measures[m.id]];
            expect(y.suppressed, `${fy} ${level} ${ar.area_code} ${m.id}`).toBe(x.suppressed);
            expect(y.rank).toBe(x.rank);
            if (x.value === null) expect(y.value).toBeNull();
            else expect(y.value!).toBeCloseTo(x.value, 9);
          }
        });
      }
    }
  });

  test('the waiting-list series are the same, breakdowns included, suppressed cells still *', async () => {
    const range = (await RECORDS.waitingRange(analyst))!;
    expect(await PUBLISHED.waitingRange(commissioner)).toEqual(range);
    for (const by of ['all', 'area', 'age_band'] as const) {
      const a = await RECORDS.waitingSeries(analyst, { ...range, by });
      const c = await PUBLISHED.waitingSeries(commissioner, { ...range, by });
      expect(c.length).toBe(a.length);
      // Blackpool's 3 referrals of June 2024 are suppressed before and after publishing.
      if (by === 'area') expect(seriesPoints(c, 'received').find((p) => p.group === 'E06000009' && p.month === '2024-06')).toMatchObject({ value: null, suppressed: true });
      for (const s of WAITING_SERIES) {
        const pa = seriesPoints(a, s.id);
        const pc = seriesPoints(c, s.id);
        pa.forEach((p, i) => {
          expect(pc[i]!.suppressed, `${by} ${s.id} ${p.group} ${p.month}`).toBe(p.suppressed);
          if (p.value === null) expect(pc[i]!.value).toBeNull();
          else expect(pc[i]!.value!).toBeCloseTo(p.value, 9);
        });
      }
    }
    // One area: that area's published series.
    const one = await PUBLISHED.waitingSeries(commissioner, { ...range, by: 'all', areaCodes: ['E06000009'] });
    const rec = await RECORDS.waitingSeries(analyst, { ...range, by: 'all', areaCodes: ['E06000009'] });
    expect(seriesPoints(one, 'waiting').map((p) => p.value)).toEqual(seriesPoints(rec, 'waiting').map((p) => p.value));
    // Which months' accepted referrals were incomplete, judged from the extracts when published (a publication
    // has no delays to judge them again): the last three months of the demo, as the analyst's rule says.
    const months = [...new Set(rec.map((r) => r.month))];
    const verdict = monthCompleteness(months, await RECORDS.completeness(analyst)).filter((m) => m.incomplete).map((m) => `${m.month} ${m.reason}`);
    expect(verdict).toEqual(['2025-01 recent', '2025-02 recent', '2025-03 recent']);
    expect(one.filter((r) => r.accepted_incomplete).map((r) => `${r.month} ${r.accepted_incomplete}`)).toEqual(verdict);
    expect(await PUBLISHED.completeness(commissioner)).toEqual({ asOf: '2025-03-31', delays: [], mature: false });
    // Filters a publication does not hold give nothing rather than wrong figures.
    expect(await PUBLISHED.waitingSeries(commissioner, { ...range, ageBands: ['0-17'] })).toEqual([]);
  });
});
