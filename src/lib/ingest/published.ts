/**
 * Published data: extracts listed in `data/manifest.json` next to the built app are loaded at
 * start-up through the same pipeline as uploads. This is how the demo data ships, and how an
 * analyst publishes a dashboard for commissioners by copying files to an intranet host.
 */
import type { DbClient } from '../db/client';
import { EXTRACT_KINDS, type ExtractKind } from '../domain/extracts';
import { mapHeaders } from './headers';
import { loadCanonicalFile, loadFile, prepareAnyFile, type LoadReport } from './load';

export interface Manifest {
  title: string;
  synthetic?: boolean;
  /** Files use canonical headers, ISO dates and plain numbers: read them with the typed fast path. */
  canonical?: boolean;
  published?: string;
  generated?: string;
  files: { extract: ExtractKind; path: string }[];
}

export function parseManifest(json: unknown): Manifest | null {
  if (!json || typeof json !== 'object') return null;
  const m = json as Partial<Manifest>;
  if (!Array.isArray(m.files)) return null;
  const files = m.files.filter(
    (f): f is { extract: ExtractKind; path: string } =>
      !!f && typeof f.path === 'string' && !/^[a-z]+:|^\/\//i.test(f.path) && (EXTRACT_KINDS as string[]).includes(f.extract)
  );
  return { title: typeof m.title === 'string' ? m.title : 'Published data', synthetic: !!m.synthetic, canonical: !!m.canonical, published: m.published, generated: m.generated, files };
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
  for (const f of files) {
    const res = await fetcher(`${baseUrl}/${f.path}`);
    if (!res.ok) continue;
    const name = f.path.split('/').pop() ?? f.path;
    const prepared = await prepareAnyFile(name, new Uint8Array(await res.arrayBuffer()));
    if (!prepared.ok) continue;
    const origin = manifest.synthetic ? 'demo' : 'published';
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
