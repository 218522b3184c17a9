/**
 * Excel workbooks on the Data page: a workbook with a notes sheet first, a title row and UK dates loads
 * exactly the rows of its CSV twin (tests/fixtures/xlsx, made by make-xlsx.mjs), compared in the app's own
 * DuckDB; the sheet can be changed on the file card; unreadable workbooks get a sentence; and reading one
 * needs no eval, under a Content-Security-Policy that forbids it.
 */
import * as XLSX from '@e965/xlsx';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'xlsx');
const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8'));

async function query(page: Page, sql: string): Promise<Record<string, unknown>[]> {
  return page.evaluate(async (q) => {
    const w = window as unknown as { __fairshare: { query: (sql: string) => Promise<Record<string, unknown>[]> } };
    return w.__fairshare.query(q);
  }, sql);
}

/** What was loaded, as numbers and as the rows themselves (ids, dates, texts, scores in hundredths). */
async function facts(page: Page) {
  const [summary] = await query(
    page,
    `SELECT count(*)::INTEGER AS n, strftime(min(referral_date), '%Y-%m-%d') AS lo, strftime(max(referral_date), '%Y-%m-%d') AS hi,
      round(sum(wellbeing_pre) * 100)::INTEGER AS pre_cents, count(first_contact_date)::INTEGER AS contacts, count(end_date)::INTEGER AS ends
     FROM referrals`
  );
  const byArea = await query(page, 'SELECT area_code, count(*)::INTEGER AS n FROM referrals GROUP BY 1 ORDER BY 1');
  const rows = await query(
    page,
    `SELECT referral_id, strftime(referral_date, '%Y-%m-%d') AS referral_date, area_code, ethnic_group, imd_decile::INTEGER AS imd, status,
      strftime(first_contact_date, '%Y-%m-%d') AS first_contact, strftime(end_date, '%Y-%m-%d') AS end_date, round(wellbeing_pre * 100)::INTEGER AS pre
     FROM referrals ORDER BY referral_id`
  );
  return { summary, byArea: Object.fromEntries(byArea.map((r) => [r.area_code, r.n])), rows };
}

async function drop(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByTestId('file-input').setInputFiles(typeof file === 'string' ? path.join(dir, file) : file);
  const name = typeof file === 'string' ? file : file.name;
  const card = page.locator(`[data-testid="file-card"][data-file="${name}"]`);
  await expect(card).toBeVisible();
  return card;
}

async function loadCard(page: Page, file: string) {
  const card = await drop(page, file);
  await expect(card.getByTestId('kind-select')).toHaveValue('referrals');
  await card.getByTestId('load-button').click();
  await expect(card.getByTestId('load-report')).toHaveAttribute('data-ok', 'true');
  return card;
}

test('a two-sheet workbook with a title row and UK dates loads the same rows as its CSV twin', async ({ page }) => {
  await openApp(page, '/data/');
  await loadCard(page, 'referrals-twin.csv');
  const fromCsv = await facts(page);
  expect(fromCsv.summary).toEqual({
    n: expected.rows, lo: expected.min_referral_date, hi: expected.max_referral_date,
    pre_cents: expected.sum_wellbeing_pre_cents, contacts: expected.first_contacts, ends: expected.ends
  });
  expect(fromCsv.byArea).toEqual(expected.by_area);

  const card = await loadCard(page, 'referrals-twin.xlsx');
  // The notes sheet comes first; the referrals sheet is the one that looks like an extract.
  await expect(card.getByTestId('sheet-select')).toHaveValue('Referrals');
  await expect(card).toContainText('header on row 3');
  await expect(page.getByTestId('count-referrals')).toHaveText(String(expected.rows));
  const fromXlsx = await facts(page);
  expect(fromXlsx.summary).toEqual(fromCsv.summary);
  expect(fromXlsx.byArea).toEqual(fromCsv.byArea);
  expect(fromXlsx.rows).toEqual(fromCsv.rows);
});

test('the sheet is changed on the file card, and a sheet that is no extract says so', async ({ page }) => {
  await openApp(page, '/data/');
  const card = await drop(page, 'referrals-twin.xlsx');
  await expect(card.getByTestId('kind-select')).toHaveValue('referrals');
  await card.getByTestId('sheet-select').selectOption('Notes');
  await expect(card.getByTestId('file-error')).toContainText('Could not tell which extract this is');
  await expect(card.getByTestId('file-error')).toContainText('choose the sheet that holds the extract');
  await card.getByTestId('sheet-select').selectOption('Referrals');
  await expect(card.getByTestId('file-error')).toHaveCount(0);
  await expect(card.getByTestId('kind-select')).toHaveValue('referrals');
  await card.getByTestId('load-button').click();
  await expect(card.getByTestId('load-report')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('count-referrals')).toHaveText(String(expected.rows));
});

test('an old .xls and a password-protected workbook are refused with what to do', async ({ page }) => {
  await openApp(page, '/data/');
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Referral ID', 'Referral date', 'Area code'], ['A1', '03/04/2025', 'E06000009']]), 'Referrals');
  const xls = Buffer.from(XLSX.write(wb, { type: 'array', bookType: 'xls' }) as ArrayBuffer);
  const old = await drop(page, { name: 'old.xls', mimeType: 'application/vnd.ms-excel', buffer: xls });
  await expect(old.getByTestId('file-error')).toContainText('old Excel 97–2003 workbook (.xls)');
  await expect(old.getByTestId('file-error')).toContainText('Save As');

  const cfb = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(cfb, 'EncryptionInfo', new Uint8Array(64));
  XLSX.CFB.utils.cfb_add(cfb, 'EncryptedPackage', new Uint8Array(8000));
  const locked = await drop(page, { name: 'locked.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(XLSX.CFB.write(cfb, { type: 'array' }) as ArrayBuffer) });
  await expect(locked.getByTestId('file-error')).toContainText('password-protected');
  await expect(locked.getByTestId('file-error')).toContainText('remove the password');
});

test('a workbook is read under a Content-Security-Policy without unsafe-eval', async ({ page }) => {
  // The page as a strict host would serve it: scripts only from the app's origin (and inline, for SvelteKit's
  // start-up), WebAssembly allowed, no eval, workers only from the origin and blob: (DuckDB's worker starts from a
  // blob: script so that it inherits the page's policy: docs/security.md).
  await page.route('**/data/', async (route) => {
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: {
        ...response.headers(),
        'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' blob: data:"
      }
    });
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  await openApp(page, '/data/');
  // The policy is in force: the page's own eval is refused (and reported, hence the list is emptied after). It
  // is tried from a timer, as code run by Playwright's evaluate itself is allowed eval by the DevTools protocol.
  await page.evaluate(() => {
    const w = window as unknown as { __evalResult: string };
    setTimeout(() => {
      try {
        w.__evalResult = String((0, eval)('1 + 1'));
      } catch {
        w.__evalResult = 'refused';
      }
    }, 0);
  });
  await expect.poll(() => page.evaluate(() => (window as unknown as { __evalResult?: string }).__evalResult)).toBe('refused');
  await page.evaluate(() => { (window as unknown as { __violations: string[] }).__violations = []; });
  const card = await loadCard(page, 'referrals-twin.xlsx');
  await expect(card.getByTestId('sheet-select')).toHaveValue('Referrals');
  await expect(page.getByTestId('count-referrals')).toHaveText(String(expected.rows));
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
});
