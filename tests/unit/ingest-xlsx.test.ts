/**
 * Excel workbooks in (ingest/workbook.ts, sheet-csv.ts): workbooks are built here with SheetJS's writer,
 * cell by cell, and the CSV each sheet must become is written out by hand.
 */
import * as XLSX from '@e965/xlsx';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadFile, prepareAnyFile } from '../../src/lib/ingest/load';
import { openNodeDb } from '../../scripts/lib/node-db';
import { plainNumber, decodeRange } from '../../src/lib/ingest/sheet-csv';
import { MESSAGES, readWorkbook } from '../../src/lib/ingest/workbook';

/** Excel's serial day number of a date: days since 1899-12-30 (the 1900 system, for dates after February 1900). */
const serial = (y: number, m: number, d: number) => (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;

type Cell = XLSX.CellObject | string | number | null;
function sheet(rows: Cell[][], merges: XLSX.Range[] = []): XLSX.WorkSheet {
  const ws: XLSX.WorkSheet = {};
  let cols = 0;
  rows.forEach((row, r) => {
    cols = Math.max(cols, row.length);
    row.forEach((v, c) => {
      if (v === null) return;
      ws[XLSX.utils.encode_cell({ r, c })] = typeof v === 'object' ? v : typeof v === 'number' ? { t: 'n', v } : { t: 's', v };
    });
  });
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: rows.length - 1, c: cols - 1 } });
  if (merges.length) ws['!merges'] = merges;
  return ws;
}
function workbook(sheets: Record<string, XLSX.WorkSheet>, date1904 = false): Blob {
  const wb = XLSX.utils.book_new();
  for (const [name, ws] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, ws, name);
  if (date1904) wb.Workbook = { ...wb.Workbook, WBProps: { date1904: true } };
  return new Blob([XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer]);
}
async function csvOf(blob: Blob, sheetName?: string): Promise<string> {
  const r = await readWorkbook(blob, 'test.xlsx', sheetName);
  if (!r.ok) throw new Error(r.message);
  return r.csv.text();
}

const referrals = () =>
  sheet(
    [
      ['Social prescribing referrals, Q1 2025 (provisional)'],
      [],
      ['Referral ID', 'Referral Date', 'Area Code', 'Wellbeing Pre', 'Notes'],
      ['R1', { t: 'n', v: serial(2025, 4, 3), z: 'dd/mm/yyyy' }, 'E06000009', { t: 'n', v: 12.3456789, z: '0.00' }, 'said "hello", then left'],
      ['R2', '03/04/2025', 'E06000008', { t: 'n', v: 154800, z: '#,##0' }, 'two\nlines'],
      ['R3', { t: 'n', v: serial(2024, 2, 29) + 0.5, z: 'dd/mm/yyyy hh:mm' }, 'E10000017', null, null],
      ['R4', null, 'E10000017', { t: 'n', v: 1.5e-7 }, { t: 'b', v: true }]
    ],
    [{ s: { r: 0, c: 0 }, e: { r: 0, c: 4 } }]
  );

describe('a sheet becomes CSV', () => {
  test('dates as yyyy-mm-dd, numbers at full precision, text quoted, empty cells and a merged title kept', async () => {
    expect(await csvOf(workbook({ Referrals: referrals() }))).toBe(
      [
        '"Social prescribing referrals, Q1 2025 (provisional)",,,,',
        ',,,,',
        'Referral ID,Referral Date,Area Code,Wellbeing Pre,Notes',
        'R1,2025-04-03,E06000009,12.3456789,"said ""hello"", then left"',
        'R2,03/04/2025,E06000008,154800,"two\nlines"',
        'R3,2024-02-29 12:00:00,E10000017,,',
        'R4,,E10000017,0.00000015,TRUE',
        ''
      ].join('\n')
    );
  });

  test('a 1904-based workbook (old Mac Excel) gives the same calendar dates', async () => {
    const ws = sheet([['Date'], [{ t: 'n', v: serial(2025, 4, 3) - 1462, z: 'yyyy-mm-dd' }]]);
    expect(await csvOf(workbook({ S: ws }, true))).toBe('Date\n2025-04-03\n');
  });

  test('numbers too large or small for plain JavaScript text are written without exponents', () => {
    expect(plainNumber(1.5e-7)).toBe('0.00000015');
    expect(plainNumber(-2.25e-9)).toBe('-0.00000000225');
    expect(plainNumber(1.2345e21)).toBe('1234500000000000000000');
    expect(plainNumber(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(plainNumber(-154800)).toBe('-154800');
    expect(decodeRange('B3:AA10')).toEqual({ s: { r: 2, c: 1 }, e: { r: 9, c: 26 } });
  });

  test('a used range starting right of column A starts the CSV there; rows still start at row 1', async () => {
    const ws: XLSX.WorkSheet = { B2: { t: 's', v: 'Area code' }, C2: { t: 's', v: 'Population' }, B3: { t: 's', v: 'E06000009' }, C3: { t: 'n', v: 141000 }, '!ref': 'B2:C3' };
    expect(await csvOf(workbook({ S: ws }))).toBe(',\nArea code,Population\nE06000009,141000\n');
  });
});

describe('choosing the sheet', () => {
  const notes = () => sheet([['About this workbook'], ['Figures are provisional.']]);

  test('opens on the first sheet that looks like an extract; another sheet can be asked for', async () => {
    const blob = workbook({ Notes: notes(), Referrals: referrals() });
    const p = await prepareAnyFile('q1.xlsx', blob);
    if (!p.ok) throw new Error(p.message);
    expect(p.file.workbook?.sheets).toEqual(['Notes', 'Referrals']);
    expect(p.file.workbook?.sheet).toBe('Referrals');
    expect(p.file.kind).toBe('referrals');
    // The title and the blank row above the header are skipped as in a CSV: the header is row 3.
    expect(p.file.layout.headerLine).toBe(2);
    expect(p.file.layout.headers).toEqual(['Referral ID', 'Referral Date', 'Area Code', 'Wellbeing Pre', 'Notes']);
    expect(p.file.encoding).toBe('utf-8');

    // The notes sheet reads as a one-column file that is no extract (the card then asks which it is).
    const other = await prepareAnyFile('q1.xlsx', blob, 'Notes');
    if (!other.ok) throw new Error(other.message);
    expect(other.file.kind).toBeNull();
    expect(other.file.layout.headers).toEqual(['About this workbook']);
    expect(other.file.workbook).toMatchObject({ sheets: ['Notes', 'Referrals'], sheet: 'Notes' });
  });

  test('an empty chosen sheet is named, and the sheets stay on offer', async () => {
    const blob = workbook({ Referrals: referrals(), Blank: sheet([[null]]) });
    const p = await prepareAnyFile('q1.xlsx', blob, 'Blank');
    expect(p).toMatchObject({ ok: false, message: MESSAGES.emptySheet('Blank'), workbook: { sheets: ['Referrals', 'Blank'], sheet: 'Blank' } });
  });
});

describe('files that are not readable workbooks say so', () => {
  const xlsx = async () => new Uint8Array(await workbook({ Referrals: referrals() }).arrayBuffer());

  test('an old .xls workbook', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, referrals(), 'Referrals');
    const xls = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xls' }) as ArrayBuffer);
    const p = await prepareAnyFile('old.xls', xls);
    expect(p).toMatchObject({ ok: false, message: MESSAGES.xls });
    expect(MESSAGES.xls).toMatch(/97–2003.*Save As/);
  });

  test('a password-protected workbook (an Office encrypted container)', async () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, 'EncryptionInfo', new Uint8Array(64));
    XLSX.CFB.utils.cfb_add(cfb, 'EncryptedPackage', new Uint8Array(8000));
    const p = await prepareAnyFile('locked.xlsx', new Uint8Array(XLSX.CFB.write(cfb, { type: 'array' }) as ArrayBuffer));
    expect(p).toMatchObject({ ok: false, message: MESSAGES.encrypted });
    expect(MESSAGES.encrypted).toMatch(/password-protected.*remove the password/);
  });

  test('a workbook cut short, and a zip that holds no workbook', async () => {
    const bytes = await xlsx();
    const cut = await prepareAnyFile('cut.xlsx', bytes.slice(0, Math.floor(bytes.length * 0.6)));
    expect(cut.ok).toBe(false);
    if (!cut.ok) expect(cut.message).toMatch(/^This Excel workbook could not be read \(the zip directory at its end is missing or broken\): it may be damaged/);
    const { zipSync, strToU8 } = await import('fflate');
    const zip = await prepareAnyFile('boundaries.zip', zipSync({ 'readme.txt': strToU8('not a workbook') }));
    expect(zip).toMatchObject({ ok: false, message: MESSAGES.notWorkbook });
  });
});

describe('the workbook fixture and its CSV twin (tests/fixtures/xlsx)', () => {
  const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/xlsx/${name}`, import.meta.url)));
  const expected = JSON.parse(readFileSync(new URL('../fixtures/xlsx/expected.json', import.meta.url), 'utf8'));

  test('load the same rows, as the generator meant them', async () => {
    const db = await openNodeDb();
    const facts = async (name: string) => {
      const p = await prepareAnyFile(name, fixture(name));
      if (!p.ok) throw new Error(p.message);
      const report = await loadFile(db, p.file, { kind: 'referrals', mapping: p.file.mapping, mode: 'replace', today: '2026-11-23' });
      expect(report.message).toBeNull();
      const [r] = await db.query<Record<string, unknown>>(
        `SELECT count(*)::INTEGER AS n, strftime(min(referral_date), '%Y-%m-%d') AS lo, strftime(max(referral_date), '%Y-%m-%d') AS hi,
          round(sum(wellbeing_pre) * 100)::BIGINT::INTEGER AS pre_cents, count(first_contact_date)::INTEGER AS contacts, count(end_date)::INTEGER AS ends,
          string_agg(referral_id || '|' || strftime(referral_date, '%Y-%m-%d') || '|' || coalesce(strftime(first_contact_date, '%Y-%m-%d'), '') || '|' || coalesce(ethnic_group, ''), ';' ORDER BY referral_id) AS rows
         FROM referrals`
      );
      return { sheet: p.file.workbook?.sheet ?? null, header: p.file.layout.headerLine, loaded: report.loaded, ...r };
    };
    const csv = await facts('referrals-twin.csv');
    const xlsx = await facts('referrals-twin.xlsx');
    expect(csv).toMatchObject({ sheet: null, header: 2, loaded: expected.rows, n: expected.rows, lo: expected.min_referral_date, hi: expected.max_referral_date, pre_cents: expected.sum_wellbeing_pre_cents, contacts: expected.first_contacts, ends: expected.ends });
    expect(xlsx).toEqual({ ...csv, sheet: 'Referrals' });
  }, 60_000);
});
