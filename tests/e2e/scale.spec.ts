/**
 * Large and columnar uploads (issue 18): a Parquet referrals file (dates as timestamps, numbers as integers, read
 * a row group at a time) loads the same rows and draws the same map as its CSV twin; a file the in-browser
 * database could not hold is refused before it is read, and the loaded tables stay as they were; a file staged in
 * slices (as one too large to stage whole is) loads and reports as it does staged whole.
 */
import { closeSync, ftruncateSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { COLUMNS, generateDemo } from '../../scripts/demo/generate.mjs';
import { toCsv } from '../../scripts/lib/csv.mjs';
import { readReferenceDistricts } from '../../scripts/lib/reference.mjs';
import { expect, openApp, test } from './fixtures';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = path.join(root, 'test-results', 'scale-files');

type Q = { __fairshare: { query: (sql: string) => Promise<Record<string, unknown>[]> } };
const sql = <T>(page: Page, q: string) => page.evaluate((s) => (window as unknown as Q).__fairshare.query(s), q) as Promise<T[]>;

// About 15,000 referrals over the demo's districts, written as CSV and as Parquet (several row groups).
const demo = generateDemo({ seed: 18, scale: 0.05, areas: readReferenceDistricts(root) });
const rows = demo.referrals as Record<string, unknown>[];
const DATES = new Set(['referral_date', 'first_contact_date', 'end_date']);
const INTEGERS = new Set(['imd_decile', 'wellbeing_pre', 'wellbeing_post']);
const blank = (v: unknown) => v === null || v === undefined || v === '';

function parquetTwin(): Buffer {
  const columnData = COLUMNS.referrals.map((name) => {
    if (DATES.has(name)) return { name, data: rows.map((r) => (blank(r[name]) ? null : new Date(`${r[name]}T00:00:00Z`))), type: 'TIMESTAMP' as const };
    if (INTEGERS.has(name)) return { name, data: rows.map((r) => (blank(r[name]) ? null : Number(r[name]))), type: 'INT32' as const };
    return { name, data: rows.map((r) => (blank(r[name]) ? null : String(r[name]))), type: 'STRING' as const };
  });
  return Buffer.from(parquetWriteBuffer({ columnData, rowGroupSize: 4000 }));
}

async function upload(page: Page, file: string, load = true): Promise<Locator> {
  await page.getByTestId('file-input').setInputFiles(file);
  const card = page.locator(`[data-testid="file-card"][data-file="${path.basename(file)}"]`);
  await expect(card.getByTestId('kind-select')).toHaveValue('referrals', { timeout: 60_000 });
  await card.getByLabel('Replace it').check();
  if (load) await card.getByTestId('load-button').click();
  return card;
}

/** The map of referral rates as drawn: each area's fill and the table twin's rows. */
async function mapAsDrawn(page: Page): Promise<{ fills: string[]; table: string[] }> {
  await page.locator('nav a[href$="/map/"]').click();
  await page.getByTestId('measure-select').selectOption('referral_rate');
  await expect(page.locator('[data-testid="map-view"][data-loading="false"][data-measure="referral_rate"]')).toBeVisible();
  const fills = await page.locator('path[data-code]').evaluateAll((ps) => ps.map((p) => `${p.getAttribute('data-code')} ${p.getAttribute('fill')}`).sort());
  const table = await page.locator('[data-testid="map-table"] tbody tr').evaluateAll((trs) => trs.map((tr) => (tr.textContent ?? '').replace(/\s+/g, ' ').trim()));
  return { fills, table };
}

/**
 * Every text the file cards' progress line shows from now on (a MutationObserver on the page: a step can pass
 * quicker than a poll). Read them with `progressSeen`.
 */
const recordProgress = (page: Page) => page.evaluate(() => {
  const w = window as unknown as { __progress: string[] };
  w.__progress = [];
  new MutationObserver(() => {
    for (const el of document.querySelectorAll('[data-testid="load-progress"]')) {
      const t = el.textContent ?? '';
      if (w.__progress.at(-1) !== t) w.__progress.push(t);
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
});
const progressSeen = (page: Page) => page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);

/** How many referrals are loaded, and every table's file. */
const loadedNow = (page: Page) =>
  sql<{ n: number; t: string }>(page, `SELECT count(*)::INTEGER AS n, (SELECT string_agg(table_name || ':' || file_name, ',' ORDER BY table_name) FROM _fs_sources) AS t FROM referrals`);

/** Every referral as text, in order: the same table whichever file it came from. */
const referralsText = (page: Page) =>
  sql<{ t: string }>(page, `SELECT string_agg(concat_ws('|', ${COLUMNS.referrals.map((c) => `coalesce(${c}::VARCHAR, '∅')`).join(', ')}), '\n' ORDER BY referral_id) AS t FROM referrals`);

test('a Parquet referrals file loads the same rows and draws the same map as its CSV twin', async ({ page }) => {
  test.setTimeout(180_000);
  mkdirSync(out, { recursive: true });
  const csvFile = path.join(out, 'referrals-twin.csv');
  const parquetFile = path.join(out, 'referrals-twin.parquet');
  writeFileSync(csvFile, toCsv(COLUMNS.referrals, rows));
  writeFileSync(parquetFile, parquetTwin());

  await openApp(page, '/data/');
  const csvCard = await upload(page, csvFile);
  await expect(csvCard.getByTestId('load-report')).toHaveAttribute('data-ok', 'true', { timeout: 60_000 });
  expect((await sql<{ n: number }>(page, 'SELECT count(*)::INTEGER AS n FROM referrals'))[0]!.n).toBe(rows.length);
  const fromCsv = { rows: await referralsText(page), map: await mapAsDrawn(page) };
  expect(fromCsv.map.fills.length).toBeGreaterThan(10);
  expect(new Set(fromCsv.map.fills.map((f) => f.split(' ')[1])).size).toBeGreaterThan(2);

  await page.locator('nav a[href$="/data/"]').click();
  await recordProgress(page);
  const parquetCard = await upload(page, parquetFile);
  await expect(parquetCard.getByTestId('load-report')).toHaveAttribute('data-ok', 'true', { timeout: 60_000 });
  // While it was read, its card said how far through the rows it was (four row groups of 4,000).
  const seen = await progressSeen(page);
  const total = rows.length.toLocaleString('en-GB');
  for (const done of ['0', '4,000', '8,000', '12,000']) expect(seen).toContain(`Reading the Parquet file: ${done} of ${total} rows…`);
  expect(seen).toContain('Updating the summaries the views read…');
  const fromParquet = { rows: await referralsText(page), map: await mapAsDrawn(page) };
  expect(fromParquet.rows).toEqual(fromCsv.rows);
  expect(fromParquet.map).toEqual(fromCsv.map);
  // The Data page says where the referrals came from: the Parquet file.
  await page.locator('nav a[href$="/data/"]').click();
  await expect(page.getByTestId('count-referrals')).toHaveText(rows.length.toLocaleString('en-GB'));
  expect((await sql<{ f: string }>(page, `SELECT file_name AS f FROM _fs_sources WHERE table_name = 'referrals'`)).map((r) => r.f)).toEqual(['referrals-twin.parquet']);
});

test('a file too large for the in-browser database is refused before it is read, and the tables are unchanged', async ({ page }) => {
  mkdirSync(out, { recursive: true });
  // A real header and a few thousand real rows, then a sparse tail to 8 GB: the browser sees an 8 GB file, the
  // disk holds a few hundred kilobytes, and only the rule can refuse it (staged in slices, the rows kept take 0.6 of
  // the text: 4.8 GB, more than the engine's 3.1 GiB).
  const big = path.join(out, 'referrals-8gb.csv');
  const fd = openSync(big, 'w');
  writeSync(fd, toCsv(COLUMNS.referrals, rows.slice(0, 3000)));
  ftruncateSync(fd, 8e9);
  closeSync(fd);

  try {
    await openApp(page, '/data/');
    const before = await loadedNow(page);
    expect(before[0]!.n).toBeGreaterThan(0);
    const card = await upload(page, big);
    const message = card.getByTestId('load-message');
    await expect(message).toContainText('referrals-8gb.csv is too large to load in this browser: reading its 8.0 GB of data needs about 5.3 GB');
    await expect(message).toContainText('Nothing was read and the loaded tables are unchanged.');
    await expect(card.getByTestId('load-report')).toHaveAttribute('data-ok', 'false');
    const after = await loadedNow(page);
    expect(after).toEqual(before);
    await expect(page.getByTestId('count-referrals')).toHaveText(before[0]!.n.toLocaleString('en-GB'));
  } finally {
    // The sparse file is 8 GB to anything that copies it: gone once the test ends.
    rmSync(big, { force: true });
  }
});

test('a file staged in slices, as one too large for the engine is, loads and reports what it does staged whole', async ({ page }) => {
  test.setTimeout(180_000);
  mkdirSync(out, { recursive: true });
  // The twin's rows with one in the future and one short of a field, well inside the file.
  const lines = toCsv(COLUMNS.referrals, rows.slice(0, 6000)).split('\n');
  lines[2500] = lines[2500]!.replace(/,\d{4}-\d{2}-\d{2},/, ',2031-01-01,');
  lines[4000] = lines[4000]!.split(',').slice(0, 5).join(',');
  const text = lines.join('\n');
  const report = async (name: string) => {
    const file = path.join(out, name);
    writeFileSync(file, text);
    const card = await upload(page, file);
    // The short line stops the load first, with its line number; then the good lines load without it.
    const shown = card.getByTestId('load-report');
    await expect(shown).toHaveAttribute('data-ok', 'false', { timeout: 60_000 });
    const refused = (await shown.innerText()).replaceAll(name, 'FILE');
    await card.getByTestId('skip-malformed').check();
    await card.getByTestId('load-button').click();
    await expect(shown).toHaveAttribute('data-ok', 'true', { timeout: 60_000 });
    return { refused, report: (await shown.innerText()).replaceAll(name, 'FILE'), rows: await referralsText(page) };
  };

  await openApp(page, '/data/');
  const whole = await report('referrals-whole.csv');
  expect(whole.refused).toMatch(/line 4,?001/);
  expect(whole.report).toMatch(/Loaded 5,998 of 6,000 rows/);
  expect(whole.report).toMatch(/2031-01-01/);

  // About 100 KB a slice: the engine logs its statements, and the stage takes one per slice.
  await page.evaluate(() => {
    const w = window as unknown as { __fairshareSliceBytes?: number; __fairshareTrace?: { sql: string }[] };
    w.__fairshareSliceBytes = 100_000;
    w.__fairshareTrace = [];
  });
  await recordProgress(page);
  const sliced = await report('referrals-sliced.csv');
  // The card said which part it was checking and loading.
  const parts = Math.floor(Buffer.byteLength(text) / 100_000);
  const seen = await progressSeen(page);
  for (let k = 1; k <= parts; k++) expect(seen.some((t) => new RegExp(`^Checking and loading part ${k} of (${parts}|${parts + 1})…$`).test(t)), `part ${k}`).toBe(true);
  expect(seen).toContain('Reading the file…');
  const staged = await page.evaluate(() => (window as unknown as { __fairshareTrace: { sql: string }[] }).__fairshareTrace
    .filter((q) => /^(CREATE OR REPLACE TABLE|INSERT INTO) _fs_stage\b/.test(q.sql)).length);
  expect(staged).toBeGreaterThanOrEqual(Math.floor(Buffer.byteLength(text) / 100_000));
  expect(sliced).toEqual(whole);
});
