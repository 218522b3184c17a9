/**
 * Three ingest messages that used to mislead (found by trying unseen files): a header that appears twice,
 * a line longer than the reader takes, and numbers with unquoted thousands separators.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { DbClient } from '../../src/lib/db/client';
import { duplicateHeaderNotes } from '../../src/lib/ingest/headers';
import { loadFile, prepareFile } from '../../src/lib/ingest/load';
import { openNodeDb } from '../../scripts/lib/node-db';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/messages/${name}`, import.meta.url)));
const TODAY = '2026-11-23';

let db: DbClient;
beforeAll(async () => {
  db = await openNodeDb();
});

describe('a header that appears twice', () => {
  test('says which column is used, and the load takes that one', async () => {
    const p = prepareFile('referrals-two-area-codes.csv', fixture('referrals-two-area-codes.csv'));
    if (!p.ok) throw new Error(p.message);
    expect(p.file.kind).toBe('referrals');
    expect(duplicateHeaderNotes(p.file.layout.headers, p.file.mapping)).toEqual([
      "'Area code' appears in columns 2 and 7; column 2 is used for area_code. If column 7 is the right one, pick it in the column mapping."
    ]);
    const report = await loadFile(db, p.file, { kind: 'referrals', mapping: p.file.mapping, mode: 'replace', today: TODAY });
    expect(report.ok).toBe(true);
    const areas = await db.query<{ area_code: string; n: number }>('SELECT area_code, count(*)::INTEGER AS n FROM referrals GROUP BY 1 ORDER BY 1');
    expect(areas).toEqual([{ area_code: 'E06000008', n: 2 }, { area_code: 'E06000009', n: 2 }]);
  });

  test('picking the other column moves the note to it', () => {
    const headers = ['Referral ID', 'Area code', 'Referral date', 'area code '];
    expect(duplicateHeaderNotes(headers, { referral_id: 0, area_code: 3, referral_date: 2 })).toEqual([
      "'Area code' appears in columns 2 and 4; column 4 is used for area_code. If column 2 is the right one, pick it in the column mapping."
    ]);
    // Neither column feeds a field: nothing to say.
    expect(duplicateHeaderNotes(headers, { referral_id: 0, referral_date: 2 })).toEqual([]);
  });
});

describe('a line longer than the reader takes', () => {
  test('is reported as too long, with its line, its length in bytes and the limit', async () => {
    const lines = ['area_code,period,amount_gbp,funding_stream', 'E06000009,2023/24,10.00,Stream 1', 'E06000009,2023/24,12.00,Stream 2'];
    const long = `E06000008,2023/24,5.00,"${'Long description. '.repeat(120_000)}"`;
    const text = [...lines, long, 'E06000008,2023/24,7.50,Stream 3', ''].join('\n');
    const size = new TextEncoder().encode(long).length;
    expect(size).toBeGreaterThan(2_000_000);
    const p = prepareFile('long-line.csv', new TextEncoder().encode(text));
    if (!p.ok) throw new Error(p.message);
    const report = await loadFile(db, p.file, { kind: 'funding', mapping: p.file.mapping, mode: 'replace', today: TODAY });
    expect(report.ok).toBe(false);
    const bytes = size.toLocaleString('en-GB');
    expect(report.malformed).toEqual([{ line: 4, kind: 'too long', reason: `is too long to read: ${bytes} bytes, over the limit of 2,000,000 bytes a line may have` }]);
    expect(report.message).toBe(
      `Line 4 is too long to read: ${bytes} bytes, over the limit of 2,000,000 bytes a line may have. ` +
        'A cell may hold very long text (shorten it, or leave that column out of the export), or a quote opened in a cell is never closed, so the lines after it are read as one. ' +
        'Nothing was loaded, because the columns of those rows cannot be trusted: fix those lines, or choose "Skip malformed lines" to load the other 3 rows.'
    );
    expect(report.loaded).toBe(0);
    expect(report.message).not.toMatch(/number of fields/);
    const skipped = await loadFile(db, p.file, { kind: 'funding', mapping: p.file.mapping, mode: 'replace', today: TODAY, skipMalformed: true });
    expect(skipped.loaded).toBe(3);
  });
});

describe('numbers with unquoted thousands separators', () => {
  test('say the rows have more fields than the header, and where', () => {
    const p = prepareFile('population-unquoted-thousands.csv', fixture('population-unquoted-thousands.csv'));
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.message).toBe(
      'The rows have more fields than the header: the header on line 1 names 4 columns, but line 2 and most rows below it have 5 fields. ' +
        'Probably numbers carry thousands separators without quotes: "141,100" on line 2, in column "Population", is read as two fields. ' +
        'Save the file again with those values in quotes (as Excel\'s "CSV UTF-8" does) or without thousands separators.'
    );
  });

  test('a few such rows below a good header are named in the malformed lines', async () => {
    const text = ['Area code,Area name,Population', 'E06000009,Blackpool,141100', 'E06000008,Blackburn with Darwen,154,800', 'E10000017,Lancashire,900', 'E08000003,Manchester,552000', ''].join('\n');
    const p = prepareFile('population-some-thousands.csv', new TextEncoder().encode(text));
    if (!p.ok) throw new Error(p.message);
    const report = await loadFile(db, p.file, { kind: 'population', mapping: p.file.mapping, mode: 'replace', today: TODAY });
    expect(report.malformed).toEqual([
      { line: 3, kind: 'fields', reason: 'has more fields than the header\'s 3 (about 4 fields); "154,800" may be a number whose thousands separator needs quotes' }
    ]);
  });
});
