import { chromium } from 'playwright-core';
// Crop a tall screenshot into pieces the viewer can show: node scripts/zz-crop.mjs in.png out-prefix pieceHeight
const [, , input, prefix, h = '1400'] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const page = await browser.newPage();
const fs = await import('node:fs');
const b64 = fs.readFileSync(input).toString('base64');
await page.setContent(`<img id=i src="data:image/png;base64,${b64}">`);
const { w, hh } = await page.evaluate(() => { const i = document.getElementById('i'); return { w: i.naturalWidth, hh: i.naturalHeight }; });
await page.setViewportSize({ width: w, height: Number(h) });
for (let y = 0, k = 0; y < hh; y += Number(h), k++) {
  await page.screenshot({ path: `${prefix}-${k}.png`, clip: { x: 0, y, width: w, height: Math.min(Number(h), hh - y) }, fullPage: true });
}
console.log(w, hh);
await browser.close();
