/**
 * Three ingest messages on the Data page, for files dropped as a user would (tests/fixtures/messages): a
 * header that appears twice, numbers with unquoted thousands separators, a line longer than the reader takes.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'messages');

async function drop(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByTestId('file-input').setInputFiles(typeof file === 'string' ? path.join(dir, file) : file);
  const card = page.locator(`[data-testid="file-card"][data-file="${typeof file === 'string' ? file : file.name}"]`);
  await expect(card).toBeVisible();
  return card;
}

test.beforeEach(async ({ page }) => {
  await openApp(page, '/data/');
});

test('a header that appears twice: the card says which column is used, and the other can be picked', async ({ page }) => {
  const card = await drop(page, 'referrals-two-area-codes.csv');
  const note = card.getByTestId('duplicate-headers');
  await expect(note).toHaveText("'Area code' appears in columns 2 and 7; column 2 is used for area_code. If column 7 is the right one, pick it in the column mapping.");
  await card.locator('select[data-field="area_code"]').selectOption({ label: 'Area code (column 7)' });
  await expect(note).toContainText('column 7 is used for area_code. If column 2 is the right one');
  await card.getByTestId('load-button').click();
  await expect(card.getByTestId('load-report')).toHaveAttribute('data-ok', 'true');
  const areas = await page.evaluate(async () => {
    const w = window as unknown as { __fairshare: { query: (sql: string) => Promise<{ area_code: string }[]> } };
    return (await w.__fairshare.query('SELECT DISTINCT area_code FROM referrals')).map((r) => r.area_code);
  });
  expect(areas).toEqual(['E10000017']);
});

test('numbers with unquoted thousands separators: the rows have more fields than the header, and where', async ({ page }) => {
  const card = await drop(page, 'population-unquoted-thousands.csv');
  const error = card.getByTestId('file-error');
  await expect(error).toContainText('The rows have more fields than the header: the header on line 1 names 4 columns, but line 2 and most rows below it have 5 fields.');
  await expect(error).toContainText('"141,100" on line 2, in column "Population", is read as two fields');
  await expect(error).not.toContainText('No header row found');
});

test('a line longer than the reader takes is called too long, with its length and the limit', async ({ page }) => {
  const long = `E06000008,2023/24,5.00,"${'Long description. '.repeat(120_000)}"`;
  const text = ['area_code,period,amount_gbp,funding_stream', 'E06000009,2023/24,10.00,Stream 1', long, 'E06000008,2023/24,7.50,Stream 3', ''].join('\n');
  const card = await drop(page, { name: 'long-line.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await expect(card.getByTestId('kind-select')).toHaveValue('funding');
  await card.getByTestId('load-button').click();
  const message = card.getByTestId('load-message');
  const bytes = Buffer.byteLength(long).toLocaleString('en-GB');
  await expect(message).toContainText(`Line 3 is too long to read: ${bytes} bytes, over the limit of 2,000,000 bytes a line may have.`);
  await expect(message).not.toContainText('number of fields');
});
