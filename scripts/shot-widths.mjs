import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await b.newPage({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
const fs = await import('node:fs');
for (const url of ['/capacity/', '/waiting/', '/waiting/?spc=1', '/equity/']) {
  await page.goto('http://localhost:4180' + url);
  await page.locator('[data-testid="engine-status"][data-status="ready"]').waitFor({ timeout: 90000 });
  await page.waitForTimeout(6000);
  console.log(url, await page.locator('[data-testid="chart-frame"]').count());
  const ids = await page.locator('[data-testid="chart-frame"][data-state="ready"]').evaluateAll((fs) => fs.map((f) => f.dataset.chart));
  for (const id of ids) {
    const menu = page.locator(`[data-chart="${id}"]`).getByTestId('export-menu').first();
    await menu.locator('summary').click();
    const [d] = await Promise.all([page.waitForEvent('download'), menu.locator('[data-export="svg"]').click()]);
    const svg = fs.readFileSync(await d.path(), 'utf8');
    const w = /<svg[^>]* width="([\d.]+)" height="([\d.]+)"/.exec(svg);
    const sizes = [...svg.matchAll(/font-size[:=]"?([\d.]+)/g)].map((m) => +m[1]);
    console.log(url, id, w[1], w[2], 'min font', Math.min(...sizes));
  }
}
await b.close();
