// Publish for commissioners: from the demo data, download the publication, unzip it next to a copy
// of the built app, serve that folder and open it in a fresh browser: the map and the waiting-list
// trend show the same numbers as the analyst's session, and no published file holds a referral id.
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { startServer } from '../../scripts/bench/server.mjs';
import { expect, openApp, openTwins, test } from './fixtures';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const AREAS = ['E06000009', 'E06000063', 'E08000009'];
const MONTHS = ['2022-09', '2023-12', '2025-02'];

async function mapValues(page: Page): Promise<string[]> {
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
  await expect(page.getByTestId('map-svg').locator('path[data-code]')).toHaveCount(35);
  return Promise.all(AREAS.map((c) => page.locator(`path[data-code="${c}"]`).getAttribute('data-value').then((v) => v ?? '')));
}

async function trendValues(page: Page): Promise<string[]> {
  await expect(page.getByTestId('waiting-view')).toHaveAttribute('data-loading', 'false');
  await openTwins(page);
  const table = page.getByTestId('waiting-trend-table');
  return Promise.all(MONTHS.map((m) => table.locator(`tr[data-month="${m}"] td`).first().textContent().then((t) => (t ?? '').trim())));
}

test('a publication opened from a static folder shows the analyst\'s numbers, marked published, with no record-level data', async ({ page, browser }, testInfo) => {
  // The analyst's session on the demo data.
  await openApp(page, '/map/?measure=referral_rate&wd=0.7&wa=0.1');
  const fy = (await page.getByTestId('map-view').getAttribute('data-fy'))!;
  const mapBefore = await mapValues(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Map' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Waiting lists' }).click();
  const trendBefore = await trendValues(page);
  expect(trendBefore.every((t) => /^\d[\d,]*$/.test(t))).toBe(true);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data', exact: true }).click();
  await page.getByTestId('publish-title').fill('North West social prescribing');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('publish-button').click()]);
  expect(download.suggestedFilename()).toMatch(/^fairshare-published_\d{4}-\d{2}-\d{2}\.zip$/);
  await expect(page.getByTestId('publish-done')).toContainText('suppressed');
  const zip = unzipSync(readFileSync((await download.path())!));
  expect(Object.keys(zip).sort()).toEqual(['data/manifest.json', 'data/published/area.parquet', 'data/published/waiting.parquet']);
  const [firstId] = await page.evaluate(() => (window as unknown as { __fairshare: { query: (s: string) => Promise<{ id: string }[]> } }).__fairshare.query('SELECT min(referral_id) AS id FROM referrals'));
  for (const [name, bytes] of Object.entries(zip)) {
    const text = strFromU8(bytes, true);
    expect(text, name).not.toContain('referral_id');
    expect(text, name).not.toContain(firstId!.id);
  }
  const manifest = JSON.parse(strFromU8(zip['data/manifest.json']!));

  // The folder an analyst copies to the intranet host: the built app with the publication as its data.
  const site = mkdtempSync(path.join(os.tmpdir(), 'fairshare-published-'));
  cpSync(path.join(root, 'build'), site, { recursive: true });
  rmSync(path.join(site, 'data', 'demo'), { recursive: true, force: true });
  for (const [name, bytes] of Object.entries(zip)) {
    mkdirSync(path.dirname(path.join(site, name)), { recursive: true });
    writeFileSync(path.join(site, name), bytes);
  }
  const port = 4700 + testInfo.workerIndex;
  const server = await startServer({ buildDir: site, dataDir: site, port });
  const origin = `http://127.0.0.1:${port}`;
  const fresh = await browser.newContext();
  const offsite: string[] = [];
  fresh.on('request', (r) => {
    if (!r.url().startsWith('data:') && !r.url().startsWith('blob:') && new URL(r.url()).origin !== origin) offsite.push(r.url());
  });
  try {
    const commissioner = await fresh.newPage();
    await commissioner.goto(`${origin}/map/?measure=referral_rate&wd=0.7&wa=0.1&fy=${encodeURIComponent(fy)}`);
    await expect(commissioner.getByTestId('engine-status')).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
    await expect(commissioner.getByTestId('published-banner')).toContainText(`North West social prescribing, published ${manifest.published}`);
    await expect(commissioner.getByTestId('demo-banner')).toHaveCount(0);
    expect(await mapValues(commissioner)).toEqual(mapBefore);
    // The published ICB level is drawn from the districts' outlines (the demo's four ICBs).
    await commissioner.getByTestId('level-select').selectOption({ label: 'ICB' });
    await expect(commissioner.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
    await expect(commissioner.getByTestId('map-svg').locator('path[data-code]')).toHaveCount(4);
    await commissioner.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Waiting lists' }).click();
    expect(await trendValues(commissioner)).toEqual(trendBefore);
    await commissioner.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Capacity' }).click();
    await expect(commissioner.getByTestId('published-only')).toBeVisible();
    expect(offsite).toEqual([]);
  } finally {
    await fresh.close();
    server.closeAllConnections?.();
    await new Promise((r) => server.close(() => r(undefined)));
    rmSync(site, { recursive: true, force: true });
  }
});
