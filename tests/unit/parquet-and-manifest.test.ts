import { parquetWriteBuffer } from 'hyparquet-writer';
import { beforeAll, describe, expect, test } from 'vitest';
import type { DbClient } from '../../src/lib/db/client';
import { listSources, tableCounts } from '../../src/lib/db/queries';
import { isParquet, parquetToCsv } from '../../src/lib/ingest/parquet';
import { loadManifest, parseManifest } from '../../src/lib/ingest/published';
import { openNodeDb } from '../../scripts/lib/node-db';

let db: DbClient;
beforeAll(async () => {
  db = await openNodeDb();
});

const population = () =>
  new Uint8Array(
    parquetWriteBuffer({
      columnData: [
        { name: 'area_code', data: ['E06000009', 'E10000017', 'E06000008'], type: 'STRING' },
        { name: 'area_name', data: ['Blackpool', 'Lancashire, county', 'Blackburn with Darwen'], type: 'STRING' },
        { name: 'population', data: [141000, 1235000, 154000], type: 'INT32' },
        { name: 'imd_score', data: [45.04, 23.1, null], type: 'DOUBLE' }
      ]
    })
  );

describe('Parquet', () => {
  test('is recognised and turned into CSV with quoting', async () => {
    const bytes = population();
    expect(isParquet(bytes)).toBe(true);
    expect(isParquet(new TextEncoder().encode('PAR1,not really'))).toBe(false);
    const csv = new TextDecoder().decode(await parquetToCsv(bytes));
    expect(csv.split('\n').slice(0, 3)).toEqual(['area_code,area_name,population,imd_score', 'E06000009,Blackpool,141000,45.04', 'E10000017,"Lancashire, county",1235000,23.1']);
    expect(csv.split('\n')[3]).toBe('E06000008,Blackburn with Darwen,154000,');
  });
  test('a damaged file gives a readable error', async () => {
    const bytes = population();
    const broken = new Uint8Array([...bytes.subarray(0, 4), ...new Uint8Array(20), ...bytes.subarray(bytes.length - 8)]);
    await expect(parquetToCsv(broken)).rejects.toThrow(/could not be read/);
  });
});

describe('published manifest', () => {
  test('only known extracts and same-origin relative paths are followed', () => {
    const m = parseManifest({
      title: 'LSC', published: '2025-10-01',
      files: [
        { extract: 'population', path: 'pop.parquet' },
        { extract: 'referrals', path: 'https://evil.example/r.csv' },
        { extract: 'referrals', path: '//evil.example/r.csv' },
        { extract: 'secrets', path: 's.csv' }
      ]
    });
    expect(m?.files).toEqual([{ extract: 'population', path: 'pop.parquet' }]);
    expect(parseManifest({ nope: 1 })).toBeNull();
  });

  test('loads CSV and Parquet files through the upload pipeline, recording their origin', async () => {
    const files: Record<string, Uint8Array> = {
      '/pub/pop.parquet': population(),
      '/pub/ref.csv': new TextEncoder().encode('referral_id,referral_date,area_code\nR1,2024-04-02,E06000009\nR2,03/04/2024,E10000017\n')
    };
    const fetcher = (async (url: string) => {
      const body = files[url];
      return body ? new Response(body as unknown as BodyInit) : new Response('missing', { status: 404 });
    }) as unknown as typeof fetch;
    const manifest = parseManifest({ title: 'Published', files: [{ extract: 'referrals', path: 'ref.csv' }, { extract: 'population', path: 'pop.parquet' }, { extract: 'funding', path: 'gone.csv' }] })!;
    const reports = await loadManifest(db, manifest, '/pub', '2026-11-23', fetcher);
    expect(reports.map((r) => [r.kind, r.ok, r.loaded])).toEqual([['population', true, 3], ['referrals', true, 2]]);
    expect(await tableCounts(db)).toEqual({ population: 3, referrals: 2 });
    const sources = await listSources(db);
    expect(sources.map((s) => [s.table_name, s.file_name, s.origin])).toEqual([['population', 'pop.parquet', 'published'], ['referrals', 'ref.csv', 'published']]);
  });
});

describe('canonical fast path', () => {
  const fetcherFor = (files: Record<string, string>) =>
    (async (url: string) => (files[url] !== undefined ? new Response(files[url]) : new Response('', { status: 404 }))) as unknown as typeof fetch;

  test('canonical files load with types, derived columns and NULLs for absent fields', async () => {
    const manifest = parseManifest({ title: 'Demo', synthetic: true, canonical: true, files: [{ extract: 'funding', path: 'f.csv' }] })!;
    const reports = await loadManifest(db, manifest, '/c', '2026-11-23', fetcherFor({
      '/c/f.csv': 'funding_id,area_code,period,amount_gbp,funder\nF1,E06000009,2023/24,1200.50,ICB\nF2,E06000009,2024-05,99.50,grant\n'
    }));
    expect(reports[0]).toMatchObject({ ok: true, loaded: 2 });
    expect(reports[0]!.validated).toBe(false); // the typed fast path, not the fallback
    const rows = await db.query(`SELECT area_code, period, fy, strftime(period_start, '%Y-%m-%d') AS ps, amount_gbp::DOUBLE AS a, contract_end FROM funding ORDER BY period`);
    expect(rows).toEqual([
      { area_code: 'E06000009', period: '2023/24', fy: '2023/24', ps: '2023-04-01', a: 1200.5, contract_end: null },
      { area_code: 'E06000009', period: '2024-05', fy: '2024/25', ps: '2024-05-01', a: 99.5, contract_end: null }
    ]);
  });

  test('a file that is not really canonical falls back to the validating path', async () => {
    const manifest = parseManifest({ title: 'Demo', canonical: true, files: [{ extract: 'referrals', path: 'r.csv' }] })!;
    const reports = await loadManifest(db, manifest, '/c', '2026-11-23', fetcherFor({
      '/c/r.csv': 'referral_id,referral_date,area_code\nR1,02/04/2024,E06000009\nR2,31/02/2024,E06000009\n'
    }));
    expect(reports[0]).toMatchObject({ ok: true, loaded: 1, rejected: 1, validated: true });
    expect(reports[0]!.problems[0]).toMatchObject({ line: 3, column: 'referral_date' });
  });
});
