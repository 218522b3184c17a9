/**
 * Memory over many uploads (issue 18, item 5): in one page, the same 100k-row referrals extract is uploaded and
 * loaded with "Replace it" again and again (each time under a new file name, as a user replacing last month's
 * extract with this month's), waiting each time until the tables are kept (OPFS) so the next load starts from a
 * quiet page. After every tenth load the bench reads:
 *   duckdb   the engine's own account of its memory (duckdb_memory(): tables, indexes, buffers), and
 *   browser  the resident memory of the whole browser (memory.mjs treeRssBytes: the page, its DuckDB worker and
 *            its WebAssembly memory, which never shrinks once grown).
 * Bounded means the readings stop growing: the last against the first is reported.
 */
import { treeRssBytes } from './memory.mjs';
import { openDemoDataPage, replaceUpload } from './replace-upload.mjs';


/**
 * @param {import('playwright-core').Browser} browser
 * @param {{ base: string, copy: (tag: string) => string, uploads: number, every: number, rootPid: number, log: (m: string) => void }} o
 */
export async function measureUploads(browser, { base, copy, uploads, every, rootPid, log }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await openDemoDataPage(context, base);
    /** @type {{ upload: number, rows: number, duckdbMB: number, browserMB: number | null, loadMs: number }[]} */
    const series = [];
    for (let i = 1; i <= uploads; i++) {
      const file = copy(`upload${i}-${Date.now().toString(36)}`);
      const { card, name, loadMs } = await replaceUpload(page, file);
      // The card is done with: dismissed, as a user would, so the page does not keep fifty of them.
      await card.getByRole('button', { name: `Remove ${name} from the list` }).click();
      if (i % every && i !== 1) continue;
      const [m] = await page.evaluate(() => /** @type {any} */ (window).__fairshare.query(
        `SELECT (SELECT count(*) FROM referrals)::INTEGER AS rows, (SELECT sum(memory_usage_bytes) FROM duckdb_memory())::DOUBLE AS bytes`
      ));
      const rss = treeRssBytes(rootPid);
      const row = { upload: i, rows: m.rows, duckdbMB: m.bytes / 2 ** 20, browserMB: rss === null ? null : rss / 2 ** 20, loadMs };
      series.push(row);
      log(`uploads: after ${i}: ${row.rows.toLocaleString('en-GB')} referrals, DuckDB ${row.duckdbMB.toFixed(1)} MB, browser ${row.browserMB?.toFixed(0) ?? 'n/a'} MB (load ${loadMs} ms)`);
    }
    return series;
  } finally {
    await context.close().catch(() => undefined);
  }
}
