// Once before all unit tests: the demo extracts and geography are made at build time (npm run data), and a
// fresh clone runs the unit tests before any build. Made here, once, so test files running in parallel
// never race to write them.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export default function setup(): void {
  const root = new URL('../../..', import.meta.url).pathname;
  if (existsSync(new URL('static/data/manifest.json', `file://${root}`)) && existsSync(new URL('static/data/demo/referrals.csv', `file://${root}`)) && existsSync(new URL('static/data/demo/first-view.json', `file://${root}`))) return;
  execFileSync(process.execPath, ['scripts/build-geography.mjs'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/generate-demo.mjs'], { cwd: root, stdio: 'inherit' });
}
