import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { startServer } from '/work/main/scripts/bench/server.mjs';
const server = await startServer({ buildDir: '/work/main/build', dataDir: '/work/main/bench-data', port: 4399 });
const base = 'http://127.0.0.1:4399';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'], headless: true });
const sqls = JSON.parse(process.env.SQLS);
const reps = Number(process.env.REPS ?? 2);
const results = {};
for (let rep = 0; rep < reps; rep++) {
  for (const [label, file, mode] of sqls) {
    const page = await browser.newPage();
    await page.goto(`${base}/data/`);
    await page.locator('[data-testid="engine-status"][data-status="ready"]').waitFor({ timeout: 120000 });
    const sql = file.startsWith('/') ? readFileSync(file, 'utf8') : file;
    await page.evaluate(() => { const i = document.createElement('input'); i.type = 'file'; i.id = 'xfile'; document.body.append(i); });
    await page.locator('#xfile').setInputFiles('/work/main/bench-data/referrals-iso-1000000.csv');
    const ms = await page.evaluate(async ({ url, sql, mode }) => {
      const fs = window.__fairshare;
      const file = document.getElementById('xfile').files[0];
      const blob = mode.startsWith('file') ? file : await (await fetch(url)).blob();
      const t0 = performance.now();
      if (mode.endsWith('buffer')) await fs.registerFile('f.csv', new Uint8Array(await blob.arrayBuffer()));
      else await fs.registerBlob('f.csv', blob);
      await fs.exec(sql);
      return performance.now() - t0;
    }, { url: `${base}/__bench/files/referrals-iso-1000000.csv`, sql, mode });
    (results[label] ??= []).push(Math.round(ms));
    await page.close();
  }
}
for (const [k, v] of Object.entries(results)) console.log(k.padEnd(30), v.join(' '));
await browser.close();
server.close();
process.exit(0);
