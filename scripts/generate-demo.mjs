/**
 * Writes the embedded synthetic demo data set the app loads by default:
 *   static/data/demo/{population,providers,funding,referrals}.csv    (gitignored; to look at, or to load as files)
 *   static/data/demo/{population,providers,funding,referrals}.arrow  (what the app loads: Arrow IPC streams,
 *                                                                     read with no parsing; scripts/demo/arrow.mjs)
 *   static/data/manifest.json
 * for the North West districts of the reference (data/reference/areas.csv), at realistic
 * volumes (~300,000 referrals at scale 1).
 * Deterministic: the same --seed and --scale give byte-identical files.
 *
 *   node scripts/generate-demo.mjs [--seed 20250331] [--scale 1]
 *
 * The data and its built-in inequality story are described in docs/demo-data.md.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runnerImport } from 'vite';
import { toCsv } from './lib/csv.mjs';
import { toArrowStream } from './demo/arrow.mjs';
import { readReferenceDistricts } from './lib/reference.mjs';
import { AREA_PROFILES } from './demo/area-profiles.mjs';
import { COLUMNS, DECIMALS, DEFAULT_SEED, demoAreas, generateDemo } from './demo/generate.mjs';
import { districtShapes } from './demo/places.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main() {
  const started = performance.now();
  const { values } = parseArgs({ options: { seed: { type: 'string' }, scale: { type: 'string' } } });
  const seed = values.seed ?? DEFAULT_SEED;
  const scale = Number(values.scale ?? 1);

  const areas = readReferenceDistricts(root);
  const unknown = demoAreas(areas).filter((a) => !AREA_PROFILES.has(a.code)).map((a) => a.code);
  if (unknown.length) console.warn(`generate-demo: no profile for ${unknown.join(', ')}; using middling defaults`);

  const shapes = districtShapes(JSON.parse(readFileSync(path.join(root, 'data/geo/lad24.topo.json'), 'utf8')));
  const tables = generateDemo({ seed, scale, areas, shapes });
  const dataDir = path.join(root, 'static/data');
  mkdirSync(path.join(dataDir, 'demo'), { recursive: true });

  const summary = [];
  const digest = createHash('sha256');
  for (const name of /** @type {(keyof typeof COLUMNS)[]} */ (Object.keys(COLUMNS))) {
    const csv = toCsv(COLUMNS[name], tables[name], DECIMALS[name]);
    writeFileSync(path.join(dataDir, 'demo', `${name}.csv`), csv);
    const arrow = toArrowStream(COLUMNS[name], tables[name]);
    writeFileSync(path.join(dataDir, 'demo', `${name}.arrow`), arrow);
    digest.update(arrow);
    summary.push(`${name} ${tables[name].length} rows, CSV ${(Buffer.byteLength(csv) / 1e6).toFixed(2)} MB, Arrow ${(arrow.byteLength / 1e6).toFixed(2)} MB`);
  }
  const manifest = {
    title: 'Demo data (synthetic)',
    synthetic: true,
    // Files written here use the canonical columns (and, as CSV, ISO dates and plain numbers), so the app
    // loads them straight into their tables instead of through the validating upload path: the Arrow
    // streams, which need no parsing at all (ingest/load-arrow.ts).
    canonical: true,
    generated: `synthetic, seed ${seed}, scale ${scale}`,
    files: Object.keys(COLUMNS).map((extract) => ({ extract, path: `demo/${extract}.arrow` })),
    // What the Map draws on a first visit while the engine starts, made from these files (src/lib/db/first-view.ts);
    // the id ties it to them.
    firstView: { path: 'demo/first-view.json', id: digest.digest('hex').slice(0, 16) }
  };
  const firstViewStarted = performance.now();
  // The app's own TypeScript (its loaders and queries), run by Vite's module runner.
  const { module } = await runnerImport(path.join(root, 'scripts/demo/first-view.ts'), { configFile: false, logLevel: 'warn' });
  const firstView = await module.buildFirstView(root, manifest, manifest.firstView.id);
  writeFileSync(path.join(dataDir, manifest.firstView.path), JSON.stringify(firstView));
  summary.push(`first view ${Object.values(firstView.map.aggregates).flat().length} area rows (${Math.round(performance.now() - firstViewStarted)} ms)`);
  writeFileSync(path.join(dataDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  console.log(`demo data: ${summary.join('; ')} (${Math.round(performance.now() - started)} ms)`);
}

main().catch((error) => {
  console.error(`generate-demo failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
