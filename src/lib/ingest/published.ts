/**
 * Published data: extracts listed in `data/manifest.json` next to the built app are loaded at
 * start-up through the same pipeline as uploads. This is how the demo data ships, and how an
 * analyst publishes a dashboard for commissioners by copying files to an intranet host.
 */
import type { DbClient } from '../db/client';
import { EXTRACT_KINDS, type ExtractKind } from '../domain/extracts';
import { mapHeaders } from './headers';
import { loadCanonicalFile, loadFile, prepareAnyFile, type LoadReport } from './load';
import { isArrowPath, loadArrowExtract } from './load-arrow';
import { recordSource } from '../db/queries';
import { loadPublishedSql, PUBLISHED_TABLES, type PublishedTable } from '../db/sql/published';
import type { FirstViewRef } from '../db/first-view';
import { parquetToCsv } from './parquet';

export interface Manifest {
  title: string;
  synthetic?: boolean;
  /** Files use canonical headers, ISO dates and plain numbers: read them with the typed fast path. */
  canonical?: boolean;
  published?: string;
  generated?: string;
  files: { extract: ExtractKind; path: string }[];
  /** A published dashboard's aggregate tables (publish/publication.ts), read instead of extracts. */
  aggregates?: { table: PublishedTable; path: string }[];
  /** The demo's first view, made at build time for this demo (db/first-view.ts). */
  firstView?: FirstViewRef;
}

export function parseManifest(json: unknown): Manifest | null {
  if (!json || typeof json !== 'object') return null;
  const m = json as Partial<Manifest>;
  if (!Array.isArray(m.files)) return null;
  const files = m.files.filter(
    (f): f is { extract: ExtractKind; path: string } =>
      !!f && typeof f.path === 'string' && !/^[a-z]+:|^\/\//i.test(f.path) && (EXTRACT_KINDS as string[]).includes(f.extract)
  );
  const safePath = (p: unknown): p is string => typeof p === 'string' && !/^[a-z]+:|^\/\/|\.\./i.test(p);
  const aggregates = (Array.isArray(m.aggregates) ? m.aggregates : []).filter(
    (a): a is { table: PublishedTable; path: string } => !!a && safePath(a.path) && (PUBLISHED_TABLES as readonly string[]).includes(a.table)
  );
  const firstView = m.firstView && safePath(m.firstView.path) && typeof m.firstView.id === 'string' ? { path: m.firstView.path, id: m.firstView.id } : undefined;
  return {
    title: typeof m.title === 'string' ? m.title : 'Published data', synthetic: !!m.synthetic, canonical: !!m.canonical,
    published: typeof m.published === 'string' ? m.published : undefined, generated: m.generated, files, aggregates,
    ...(firstView ? { firstView } : {})
  };
}

export async function fetchManifest(baseUrl: string, fetcher: typeof fetch = fetch): Promise<Manifest | null> {
  try {
    const res = await fetcher(`${baseUrl}/manifest.json`, { cache: 'no-cache' });
    if (!res.ok) return null;
    return parseManifest(await res.json());
  } catch {
    return null;
  }
}

/** Load every file of a manifest; population first so later checks can use it. */
export async function loadManifest(
  db: DbClient,
  manifest: Manifest,
  baseUrl: string,
  today: string,
  fetcher: typeof fetch = fetch
): Promise<LoadReport[]> {
  const order = (k: ExtractKind) => ['population', 'providers', 'funding', 'referrals'].indexOf(k);
  const files = [...manifest.files].sort((a, b) => order(a.extract) - order(b.extract));
  const reports: LoadReport[] = [];
  for (const a of manifest.aggregates ?? []) await loadAggregate(db, a, baseUrl, fetcher);
  // Every file is requested at once (the downloads overlap each other and the loads); loaded in order.
  const downloads = files.map((f) => fetcher(`${baseUrl}/${f.path}`).then((res) => (res.ok ? res.blob() : null)));
  for (const [i, f] of files.entries()) {
    const blob = await downloads[i]!.catch(() => null);
    if (!blob) continue;
    const name = f.path.split('/').pop() ?? f.path;
    const origin = manifest.synthetic ? 'demo' : 'published';
    // The demo's form: Arrow streams of canonical columns, the engine's own format (no text to parse).
    if (isArrowPath(f.path)) {
      reports.push(await loadArrowExtract(db, name, new Uint8Array(await blob.arrayBuffer()), { kind: f.extract, origin }));
      continue;
    }
    const prepared = await prepareAnyFile(name, blob);
    if (!prepared.ok) continue;
    if (manifest.canonical) {
      reports.push(await loadCanonicalFile(db, prepared.file, { kind: f.extract, today, origin }));
      continue;
    }
    reports.push(
      await loadFile(db, prepared.file, {
        kind: f.extract,
        mapping: prepared.file.kind === f.extract ? prepared.file.mapping : mapHeaders(f.extract, prepared.file.layout.headers),
        mode: 'replace',
        today,
        origin
      })
    );
  }
  return reports;
}

/** One published aggregate table: Parquet → CSV (hyparquet) → a DuckDB table, recorded as a source. */
async function loadAggregate(db: DbClient, a: { table: PublishedTable; path: string }, baseUrl: string, fetcher: typeof fetch): Promise<void> {
  const res = await fetcher(`${baseUrl}/${a.path}`);
  if (!res.ok) throw new Error(`The published file ${a.path} could not be read (${res.status}).`);
  const csv = await parquetToCsv(new Uint8Array(await res.arrayBuffer()));
  const name = `published_${a.table}.csv`;
  await db.registerFile(name, csv);
  try {
    await db.exec(loadPublishedSql(a.table, name));
  } finally {
    await db.dropFile(name);
  }
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${a.table}`);
  await recordSource(db, { table: a.table, fileName: a.path.split('/').pop() ?? a.path, origin: 'published', rows: count?.n ?? 0, mode: 'replace' });
}
