/**
 * Puts the committed reference geography (data/, see data/README.md) where the app serves it:
 *   static/geo/areas.topo.json   England's 296 districts (LAD 2024), the Map's default boundaries
 *   static/geo/lad23.hexjson     the district hex cartogram
 *   static/reference/*.csv       areas at every level with population and IMD, code history, district centres
 * Copies only (static/geo and static/reference are gitignored), so a fresh clone needs nothing
 * but data/. To rebuild data/ itself from the ONS/MHCLG sources, run scripts/build-reference.mjs.
 */
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** [from data/, to static/] */
export const COPIES = [
  ['geo/lad24.topo.json', 'geo/areas.topo.json'],
  ['geo/lad23.hexjson', 'geo/lad23.hexjson'],
  ['reference/areas.csv', 'reference/areas.csv'],
  ['reference/code-history.csv', 'reference/code-history.csv'],
  ['reference/lad-centres.csv', 'reference/lad-centres.csv']
];

function main() {
  let bytes = 0;
  for (const [from, to] of COPIES) {
    const target = path.join(root, 'static', to);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(root, 'data', from), target);
    bytes += statSync(target).size;
  }
  console.log(`geography: ${COPIES.length} reference files copied from data/ (${(bytes / 1024).toFixed(0)} KB)`);
}

try {
  main();
} catch (error) {
  console.error(`build-geography failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
