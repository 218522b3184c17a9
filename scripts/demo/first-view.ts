/**
 * Makes the demo's first view (src/lib/db/first-view.ts) at build time: the reference and the demo's Arrow
 * files loaded into duckdb-wasm's node build exactly as the browser loads them (the same functions), then the
 * Map's own queries. Run by scripts/generate-demo.mjs through Vite's module runner (this file and the app's
 * are TypeScript). The node DuckDB is the one the unit tests run the app's SQL in.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openNodeDb } from '../lib/node-db';
import { ensureCanonicalTables, loadReference } from '../../src/lib/db/queries';
import { makeFirstView, type FirstView } from '../../src/lib/db/first-view';
import { loadManifest, type Manifest } from '../../src/lib/ingest/published';
import { locate } from '../../src/lib/geo/points';
import { defaultYear } from '../../src/lib/state/map-url';

/** The Map's sources: it opens on the default year of the measure's source (map-state.svelte.ts `fy`). */
const MEASURE_SOURCES = ['funding', 'referrals', 'providers'] as const;

/** The demo's files read from disk as the browser fetches them from the site (`data/…`): a fetch for loadManifest. */
export function demoFromDisk(root: string): typeof fetch {
  return (async (url: string) => new Response(readFileSync(path.join(root, 'static/data', url.replace(/^data\//, ''))))) as unknown as typeof fetch;
}

export async function buildFirstView(root: string, manifest: Manifest, id: string): Promise<FirstView> {
  const db = await openNodeDb();
  await ensureCanonicalTables(db);
  const ref = (name: string) => new Uint8Array(readFileSync(path.join(root, 'data/reference', name)));
  await loadReference(db, { areas: ref('areas.csv'), history: ref('code-history.csv'), centres: ref('lad-centres.csv') });
  // The date only matters to files loaded through the validating path; the demo's Arrow files are not.
  await loadManifest(db, manifest, 'data', '2000-01-01', demoFromDisk(root));
  return makeFirstView(db, id, locate, true, (years) => MEASURE_SOURCES.map((s) => defaultYear(years, s)));
}
