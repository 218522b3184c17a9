import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { DbClient } from '../../src/lib/db/client';
import { tableCounts } from '../../src/lib/db/queries';
import { loadFile, prepareFile, type LoadOptions } from '../../src/lib/ingest/load';
import { openNodeDb } from '../../scripts/lib/node-db';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));
const expected = JSON.parse(readFileSync(new URL('../fixtures/expected.json', import.meta.url), 'utf8'));
const TODAY = '2026-11-23';

let db: DbClient;
beforeAll(async () => {
  db = await openNodeDb();
});

async function load(name: string, opts: Partial<LoadOptions> = {}) {
  const p = prepareFile(name, fixture(name));
  if (!p.ok) throw new Error(p.message);
  const f = p.file;
  return { file: f, report: await loadFile(db, f, { kind: f.kind!, mapping: f.mapping, mode: 'replace', today: TODAY, ...opts }) };
}

describe('loading real-world extracts', () => {
  test('messy Excel referrals: good rows load, bad rows reported by line', async () => {
    const { file, report } = await load('referrals-excel-messy.csv');
    expect(file.kind).toBe('referrals');
    expect(file.encoding).toBe('utf-8');
    expect(report.ok).toBe(true);
    const e = expected['referrals-excel-messy.csv'];
    expect(report.loaded).toBe(e.good_rows);
    expect(report.rejected).toBe(e.bad_rows);
    const badLines = [...new Set(report.problems.map((p) => p.line))].sort((a, b) => a! - b!);
    expect(badLines).toEqual(Object.keys(e.bad_lines).map(Number));
    expect(report.problems.find((p) => p.line === 20)?.reason).toMatch(/unknown status/);
    expect(report.problems.find((p) => p.line === 27)?.reason).toMatch(/duplicate/);
    expect(report.problems.find((p) => p.line === 41)?.reason).toMatch(/future/);
    expect(report.problems.find((p) => p.line === 9)?.value).toBe('31/02/2024');
    expect(report.suppressed).toEqual(e.star_cells_all_rows);
    expect(report.skipped.some((s) => s.line === 44 && /total/.test(s.text))).toBe(true);
    const [sums] = await db.query<{ pre: number; post: number; d: string }>(
      `SELECT sum(wellbeing_pre)::DOUBLE AS pre, sum(wellbeing_post)::DOUBLE AS post,
        strftime(min(referral_date), '%Y-%m-%d') AS d FROM referrals`
    );
    expect(sums).toEqual({ pre: e.good_wellbeing_pre.sum, post: e.good_wellbeing_post.sum, d: e.min_referral_date_good });
    const byStatus = await db.query<{ status: string; n: number }>(`SELECT status, count(*)::INTEGER AS n FROM referrals GROUP BY 1 ORDER BY 1`);
    expect(Object.fromEntries(byStatus.map((r) => [r.status, r.n]))).toEqual(e.good_by_status);
  });

  test('UTF-16 tab-separated providers', async () => {
    const { file, report } = await load('providers-utf16.txt');
    expect(file.encoding).toBe('utf-16le');
    expect(file.layout.delimiter).toBe('\t');
    expect(file.kind).toBe('providers');
    expect(report.ok).toBe(true);
    const e = expected['providers-utf16.txt'];
    const [r] = await db.query<{ cap: number; fte: number; n: number }>(`SELECT sum(monthly_capacity)::DOUBLE AS cap, sum(link_worker_fte)::DOUBLE AS fte, count(*)::INTEGER AS n FROM providers`);
    expect(r).toEqual({ cap: e.sum_monthly_capacity, fte: e.sum_link_worker_fte, n: e.good_rows });
  });

  test('Windows-1252 ledger with £ and accounting negatives', async () => {
    const { file, report } = await load('funding-ledger.csv');
    expect(file.encoding).toBe('windows-1252');
    expect(file.kind).toBe('funding');
    expect(report.ok).toBe(true);
    const e = expected['funding-ledger.csv'];
    expect(report.loaded).toBe(e.good_rows);
    const [r] = await db.query<{ total: number }>(`SELECT sum(amount_gbp)::DOUBLE AS total FROM funding`);
    expect(r!.total).toBeCloseTo(Number(e.sum_amount_gbp), 2);
  });

  test('a file that turns out to be Windows-1252 after the sampled part still loads, with £ intact', async () => {
    const head = 'area_code,period,amount_gbp,funding_stream\n';
    const rows = Array.from({ length: 9000 }, (_, i) => `E06000009,2023/24,10.00,Stream ${i}\n`).join('');
    const text = head + rows;
    const tail = new Uint8Array([...new TextEncoder().encode('E06000009,2023/24,5.00,Caf'), 0xe9, ...new TextEncoder().encode(' grant '), 0xa3, 0x35, 0x0a]);
    const bytes = new Uint8Array([...new TextEncoder().encode(text), ...tail]);
    expect(bytes.length).toBeGreaterThan(256 * 1024);
    const p = prepareFile('late-1252.csv', bytes);
    if (!p.ok) throw new Error(p.message);
    expect(p.file.encoding).toBe('utf-8');
    const r = await loadFile(db, p.file, { kind: 'funding', mapping: p.file.mapping, mode: 'replace', today: TODAY });
    expect(r.message).toBeNull();
    expect(r.encoding).toBe('windows-1252');
    expect(r.loaded).toBe(9001);
    const [row] = await db.query<{ s: string }>(`SELECT funding_stream AS s FROM funding WHERE amount_gbp = 5`);
    expect(row!.s).toBe('Café grant £5');
  });

  test('a deprivation file adds its columns to the loaded population, reporting unmatched codes', async () => {
    await load('population-small.csv');
    const q = `SELECT area_code, imd_score, imd_decile FROM population WHERE area_code IN ('E06000009', 'E06000008') ORDER BY 1`;
    const [before08] = await db.query(q);
    const imd = new TextEncoder().encode('LAD19CD,IMD Score,IMD Decile\nE06000009,45.04,1\nE10000017,23.1,5\nE07000117,33.9,2\n');
    const p = prepareFile('imd.csv', imd);
    if (!p.ok) throw new Error(p.message);
    expect(p.file.kind).toBe('population');
    const r = await loadFile(db, p.file, { kind: 'population', mapping: p.file.mapping, mode: 'merge', today: TODAY });
    expect(r.message).toBeNull();
    expect(r.loaded).toBe(2);
    expect(r.unmatched?.fileOnly).toEqual(['E07000117']);
    expect(r.unmatched?.tableOnly).toHaveLength(4);
    expect(r.unmatched?.hint).toMatch(/different kinds|vintages/);
    // Areas the file does not mention keep their values.
    expect(await db.query(q)).toEqual([before08, { area_code: 'E06000009', imd_score: 45.04, imd_decile: 1 }]);
  });

  test('NaN, infinities and amounts too large to store are reported by line, not a failed load', async () => {
    const csv = ['funder,provider_id,area_code,period,amount_gbp', 'ICB,P1,E06000001,2023/24,100', 'ICB,P2,E06000002,2023/24,1e300',
      'ICB,P3,E06000003,2023/24,NaN', 'ICB,P4,E06000004,2023/24,-inf', 'ICB,P5,E06000005,2023/24,250.5'].join('\n');
    const p = prepareFile('ledger.csv', new TextEncoder().encode(csv));
    if (!p.ok) throw new Error(p.message);
    const report = await loadFile(db, p.file, { kind: 'funding', mapping: p.file.mapping, mode: 'replace', today: TODAY });
    expect(report.ok).toBe(true);
    expect(report.loaded).toBe(2);
    expect(report.problems.map((x) => [x.line, x.column, x.value])).toEqual([[3, 'amount_gbp', '1e300'], [4, 'amount_gbp', 'NaN'], [5, 'amount_gbp', '-inf']]);
    const [sum] = await db.query<{ s: number }>('SELECT sum(amount_gbp)::DOUBLE AS s FROM funding');
    expect(sum!.s).toBe(350.5);
  });

  test('broken files leave loaded tables unchanged', async () => {
    await load('population-small.csv');
    const before = await tableCounts(db);
    for (const name of ['empty.csv', 'image-renamed.csv']) {
      const p = prepareFile(name, fixture(name));
      expect(p.ok).toBe(false);
      if (!p.ok) expect(p.message.length).toBeGreaterThan(20);
    }
    const header = await load('referrals-header-only.csv');
    expect(header.report.ok).toBe(false);
    expect(header.report.message).toMatch(/no data rows/);
    const ragged = await load('referrals-ragged.csv');
    expect(ragged.report.ok).toBe(false);
    expect(ragged.report.malformed.map((m) => m.line)).toEqual([4, 6, 7, 10]);
    expect(ragged.report.message).toMatch(/lines 4, 6, 7, 10/);
    expect(await tableCounts(db)).toEqual(before);
  });

  test('a file saved over after it was added gets a sentence saying so, and the tables are unchanged', async () => {
    const p = prepareFile('referrals-excel-messy.csv', fixture('referrals-excel-messy.csv'));
    if (!p.ok) throw new Error(p.message);
    const before = await tableCounts(db);
    // What the browser does with a File whose disk copy changed: reading it again fails.
    class Stale extends Blob {
      override slice(): Blob { return new Stale(); }
      override async arrayBuffer(): Promise<ArrayBuffer> { throw new DOMException('The requested file could not be read', 'NotReadableError'); }
    }
    const r = await loadFile(db, { ...p.file, source: new Stale() }, { kind: 'referrals', mapping: p.file.mapping, mode: 'replace', today: '2026-11-24' });
    expect(r.ok).toBe(false);
    expect(r.message).toBe('referrals-excel-messy.csv changed or moved after it was added, so it could not be read again. Add it again. Nothing was loaded.');
    expect(await tableCounts(db)).toEqual(before);
  });

  test('notes and sources below the data are skipped and listed, padded with delimiters or not; an id alone is still a record', async () => {
    const csv = [
      '"Population estimates, mid-2023"', '', 'Code,Name,All ages',
      'E06000009,Blackpool,"141,874"', 'E07000117,Burnley,"96,955"', 'E06000010,"Kingston upon Hull, City of",270640', '',
      'Notes:', '"1. Figures may not sum because of rounding."', '[x] = not available'
    ].join('\r\n');
    const p = prepareFile('ons-population.csv', new TextEncoder().encode(csv));
    if (!p.ok) throw new Error(p.message);
    const r = await loadFile(db, p.file, { kind: 'population', mapping: p.file.mapping, mode: 'replace', today: TODAY });
    expect(r.message).toBeNull();
    expect(r.ok).toBe(true);
    expect(r.loaded).toBe(3);
    expect(r.malformed).toEqual([]);
    expect(r.skipped.map((x) => x.line)).toEqual([8, 9, 10]);
    expect(r.skipped[1]!.text).toContain('Figures may not sum');
    const [sum] = await db.query<{ s: number }>('SELECT sum(population)::DOUBLE AS s FROM population');
    expect(sum!.s).toBe(141874 + 96955 + 270640);

    const padded = [
      'Referral ID,Referral Date,Area Code,Status',
      'R1,01/04/2024,E06000009,Waiting', 'R2,02/04/2024,E06000009,Completed', 'R3,,,',
      ',,,', '"Source: EMIS Web search ""SP referrals v3""",,,', 'Notes: * = suppressed (fewer than 5),,,', '© NHS Somewhere ICB 2025,,,'
    ].join('\n');
    const q = prepareFile('referrals-notes.csv', new TextEncoder().encode(padded));
    if (!q.ok) throw new Error(q.message);
    const s = await loadFile(db, q.file, { kind: 'referrals', mapping: q.file.mapping, mode: 'replace', today: TODAY });
    expect(s.ok).toBe(true);
    expect(s.loaded).toBe(2);
    expect(s.problems.map((x) => [x.line, x.column])).toEqual([[4, 'referral_date'], [4, 'area_code']]);
    expect(s.skipped.map((x) => x.line)).toEqual([6, 7, 8]);

    // A name or a spaced id alone is a record with fields missing, not a note.
    const names = ['Provider ID,Provider Name,Area Code', 'P1,Mind Leeds,E08000035', 'Mind Leeds,,', 'R 2,,'].join('\n');
    const n = prepareFile('providers-names.csv', new TextEncoder().encode(names));
    if (!n.ok) throw new Error(n.message);
    const t = await loadFile(db, n.file, { kind: 'providers', mapping: n.file.mapping, mode: 'replace', today: TODAY });
    expect(t.loaded).toBe(1);
    expect(t.skipped).toEqual([]);
    expect([...new Set(t.problems.map((x) => x.line))]).toEqual([3, 4]);
  });

  test('a delimiter ending each data line but not the header: every record loads', async () => {
    const csv = 'Referral ID,Referral Date,Area Code\r\nR1,01/04/2024,E06000009,\r\nR2,02/04/2024,E06000009,\r\nR3,31/02/2024,E06000010,\r\n';
    const p = prepareFile('trailing.csv', new TextEncoder().encode(csv));
    if (!p.ok) throw new Error(p.message);
    expect(p.file.kind).toBe('referrals');
    const r = await loadFile(db, p.file, { kind: 'referrals', mapping: p.file.mapping, mode: 'replace', today: TODAY });
    expect(r.ok).toBe(true);
    expect(r.loaded).toBe(2);
    expect(r.problems.map((x) => [x.line, x.column])).toEqual([[4, 'referral_date']]);
  });

  test('a finance ledger with debit and credit columns (no amount) and M01-style periods loads with amount = debit - credit', async () => {
    const csv = [
      'Cost Centre,Narrative,Period,Area,Debit,Credit',
      'SP001,Link worker contract,M01 2024/25,E06000009,"£1,200.00",',
      'SP001,Link worker contract,M02 2024/25,E06000009,"1,200.00",0.00',
      'SP001,Recharge to PCN,M03 2024/25,E06000009,,300.00',
      'SP002,Grant,Q4 2024/25,E07000117,500,'
    ].join('\r\n');
    const p = prepareFile('gl-export.csv', new TextEncoder().encode(csv));
    if (!p.ok) throw new Error(p.message);
    expect(p.file.kind).toBe('funding');
    expect(p.file.mapping).toMatchObject({ period: 2, area_code: 3, debit_gbp: 4, credit_gbp: 5 });
    expect(p.file.mapping.amount_gbp).toBeUndefined();
    const r = await loadFile(db, p.file, { kind: 'funding', mapping: p.file.mapping, mode: 'replace', today: TODAY });
    expect(r.message).toBeNull();
    expect(r.loaded).toBe(4);
    const rows = await db.query<{ period: string; a: number }>('SELECT period, amount_gbp::DOUBLE AS a FROM funding ORDER BY period, a');
    expect(rows).toEqual([{ period: '2024-04', a: 1200 }, { period: '2024-05', a: 1200 }, { period: '2024-06', a: -300 }, { period: '2024/25', a: 500 }]);
  });

  test('ragged file loads the good rows when asked to skip malformed lines', async () => {
    const { report } = await load('referrals-ragged.csv', { skipMalformed: true });
    expect(report.ok).toBe(true);
    expect(report.loaded).toBe(6);
  });
});

// Real ONS / MHCLG downloads from ../shared/reference, when that folder exists; the project stands
// alone without it.
const GEO = new URL('../../../shared/reference/geography/', import.meta.url);
const present = existsSync(new URL('population_mid2020_lad21_broad_age_bands_ew.csv', GEO));

// Registered only when the folder exists, so a clone without it runs (and skips) nothing here.
if (present) describe('real reference downloads (../shared present)', () => {
  test('ONS mid-2020 population by broad age band loads as a population extract', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('population_mid2020_lad21_broad_age_bands_ew.csv', GEO)));
    const p = prepareFile('population_mid2020_lad21_broad_age_bands_ew.csv', bytes);
    if (!p.ok) throw new Error(p.message);
    expect(p.file.kind).toBe('population');
    expect(p.file.mapping).toMatchObject({ area_code: 0, area_name: 1, population: 2, pop_0_17: 3, pop_18_64: 4 });
    const r = await loadFile(db, p.file, { kind: 'population', mapping: p.file.mapping, mode: 'replace', today: '2026-11-23' });
    expect(r.ok).toBe(true);
    expect(r.loaded).toBe(331);
    const [b] = await db.query<{ pop: number; p65: number }>(`SELECT population::DOUBLE AS pop, pop_65_plus::DOUBLE AS p65 FROM population WHERE area_code = 'E06000009'`);
    // Blackpool: 65+ = 65-74 + 75-84 + 85+ in the source file.
    const line = readFileSync(new URL('population_mid2020_lad21_broad_age_bands_ew.csv', GEO), 'utf8').split('\n').find((l) => l.startsWith('E06000009'))!.split(',');
    expect(b!.pop).toBe(Number(line[2]));
    expect(b!.p65).toBe(Number(line[5]) + Number(line[6]) + Number(line[7]));
  });

  test('ONS mid-2020 population by single year of age (a header of numbers: 0, 1 … 90+) loads as downloaded', async () => {
    const name = 'population_mid2020_lad21_single_year_of_age_ew.csv';
    const p = prepareFile(name, new Uint8Array(readFileSync(new URL(name, GEO))));
    if (!p.ok) throw new Error(p.message);
    expect(p.file.kind).toBe('population');
    expect(p.file.mapping).toMatchObject({ area_code: 0, area_name: 1, population: 2 });
    const r = await loadFile(db, p.file, { kind: 'population', mapping: p.file.mapping, mode: 'replace', today: '2026-11-23' });
    expect(r.ok).toBe(true);
    expect(r.loaded).toBe(331);
    // The single years added up into the bands the need weights read: the same as ONS's broad-band file says.
    expect(p.file.agesAdded).toBe(true);
    const [d] = await db.query<{ a: number; b: number; c: number }>(`SELECT pop_0_17::DOUBLE AS a, pop_18_64::DOUBLE AS b, pop_65_plus::DOUBLE AS c FROM population WHERE area_code = 'E06000047'`);
    const broad = readFileSync(new URL('population_mid2020_lad21_broad_age_bands_ew.csv', GEO), 'utf8').split('\n').find((l) => l.startsWith('E06000047'))!.split(',').map(Number);
    expect(d).toEqual({ a: broad[3], b: broad[4], c: broad[5]! + broad[6]! + broad[7]! });
  });

  test('the MHCLG IMD summary: the score is the score, the rank of average score is not taken for it', () => {
    const name = 'imd2019_lad19_summary_england.csv';
    const p = prepareFile(name, new Uint8Array(readFileSync(new URL(name, GEO))));
    if (!p.ok) throw new Error(p.message);
    expect(p.file.mapping.imd_score).toBe(1);
    expect(Object.values(p.file.mapping)).not.toContain(2);
  });

  test('a lookup without population is refused with the missing field named', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('lad24_sicbl24_icb24_lookup_apr2024.csv', GEO)));
    const p = prepareFile('lad24_sicbl24_icb24_lookup_apr2024.csv', bytes);
    if (!p.ok) throw new Error(p.message);
    expect(p.file.kind).toBe('population');
    expect(p.file.mapping).toMatchObject({ area_code: 0, area_name: 1 });
    const r = await loadFile(db, p.file, { kind: 'population', mapping: p.file.mapping, mode: 'replace', today: '2026-11-23' });
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/not mapped: population/);
  });
});

describe('reader failures in the user’s terms', () => {
  test('the lost-in-quotes failure says what to look for; others lose the engine’s class names', async () => {
    const { readerFailure } = await import('../../src/lib/ingest/load');
    const quotes = readerFailure('Invalid Input Error: The CSV Parser state machine reached an invalid state.\nThis can happen when is not possible to parse the file');
    expect(quotes).toMatch(/^The file could not be read: its quotes do not pair up/);
    expect(quotes).not.toMatch(/Invalid Input|state machine|\.\./);
    expect(readerFailure('IO Error: Could not read file "x"')).toBe('The file could not be read (Could not read file "x"). Nothing was loaded.');
  });

  test('running out of the engine\'s memory mid-load (the message DuckDB gave a 1M-row load under a 300 MB limit) says so', async () => {
    const { readerFailure } = await import('../../src/lib/ingest/load');
    const text = readerFailure('Out of Memory Error: could not allocate block of size 30.5 MiB (259.9 MiB/286.1 MiB used)');
    expect(text).toMatch(/^The file is too large for the memory the in-browser database has left: it ran out while reading it\. Nothing was loaded and the tables are as they were\./);
    expect(text).not.toMatch(/allocate|MiB|Error/);
  });

  test('a title with a line break above the header: every record loads, problems on the lines an editor shows', async () => {
    const csv = '"Social prescribing\nreferrals, 2024"\n\nReferral ID,Referral Date,Area Code\nR1,01/04/2024,E06000009\nR2,31/02/2024,E06000009\nR3,02/04/2024,E06000009\n';
    const p = prepareFile('titled.csv', new TextEncoder().encode(csv));
    if (!p.ok) throw new Error(p.message);
    expect(p.file.layout.headerLine).toBe(3);
    const r = await loadFile(db, p.file, { kind: 'referrals', mapping: p.file.mapping, mode: 'replace', today: TODAY });
    expect(r.ok).toBe(true);
    expect(r.loaded).toBe(2);
    expect(r.problems.map((x) => [x.line, x.value])).toEqual([[6, '31/02/2024']]);
  });
});

describe('subtotal rows of an area-keyed file', () => {
  const prepare = (name: string, csv: string) => {
    const p = prepareFile(name, new TextEncoder().encode(csv));
    if (!p.ok) throw new Error(p.message);
    return p.file;
  };

  test("ONS layout: England, a region and a county above the districts are skipped and listed, not loaded as areas", async () => {
    // As ONS mid-year estimates list them: the country, its region, a county, then districts (two in the county).
    const csv = [
      'Code,Name,Geography,All ages',
      'E92000001,ENGLAND,Country,"56,550,138"',
      'E12000002,NORTH WEST,Region,"7,417,397"',
      'E10000017,Lancashire,County,"1,235,354"',
      'E07000117,Burnley,Non-metropolitan District,"88,527"',
      'E07000120,Hyndburn,Non-metropolitan District,"81,043"',
      'E06000009,Blackpool,Unitary Authority,"141,100"'
    ].join('\n');
    const f = prepare('ons-mye.csv', csv);
    expect(f.kind).toBe('population');
    const r = await loadFile(db, f, { kind: 'population', mapping: f.mapping, mode: 'replace', today: TODAY });
    expect(r.ok).toBe(true);
    expect(r.loaded).toBe(3);
    expect(r.rejected).toBe(0);
    expect(r.skipped).toEqual([
      { line: 2, text: 'country total ("E92000001 ENGLAND")' },
      { line: 3, text: 'region total ("E12000002 NORTH WEST")' },
      { line: 4, text: 'county total ("E10000017 Lancashire")' }
    ]);
    const rows = await db.query<{ area_code: string }>('SELECT area_code FROM population ORDER BY 1');
    expect(rows.map((x) => x.area_code)).toEqual(['E06000009', 'E07000117', 'E07000120']);
  });

  test('an upper-tier file keeps its counties beside unitary authorities; a file of regions keeps its regions', async () => {
    const upper = prepare('upper-tier.csv', ['area_code,area_name,population', 'E10000017,Lancashire,1235354', 'E06000009,Blackpool,141100'].join('\n'));
    const r = await loadFile(db, upper, { kind: 'population', mapping: upper.mapping, mode: 'replace', today: TODAY });
    expect(r.loaded).toBe(2);
    expect(r.skipped).toEqual([]);
    const regions = prepare('regions.csv', ['area_code,area_name,population', 'E12000001,North East,2657909', 'E12000002,North West,7417397'].join('\n'));
    const s = await loadFile(db, regions, { kind: 'population', mapping: regions.mapping, mode: 'replace', today: TODAY });
    expect(s.loaded).toBe(2);
    expect(s.skipped).toEqual([]);
  });

  test("an ICB's total above its sub-ICB locations is skipped; funding too", async () => {
    const csv = ['area_code,period,amount_gbp', 'E54000048,2024/25,"£900,000"', 'E38000226,2024/25,"£400,000"', 'E38000227,2024/25,"£500,000"'].join('\n');
    const f = prepare('funding-with-icb-total.csv', csv);
    expect(f.kind).toBe('funding');
    const r = await loadFile(db, f, { kind: 'funding', mapping: f.mapping, mode: 'replace', today: TODAY });
    expect(r.loaded).toBe(2);
    expect(r.skipped).toEqual([{ line: 2, text: 'ICB total ("E54000048")' }]);
    const [sum] = await db.query<{ s: number }>('SELECT sum(amount_gbp)::DOUBLE AS s FROM funding');
    expect(sum!.s).toBe(900000);
  });
});

describe('numbers written with a decimal comma', () => {
  test('a European export: 15.000 is fifteen thousand, 12.500,00 and (1.234,56) are read, and the report says how', async () => {
    const csv = ['area_code;period;amount_gbp;funding_stream', 'E06000009;2024/25;12.500,00;Core', 'E06000008;2024/25;15.000;Core',
      'E07000117;2024/25;(1.234,56);Clawback', 'E06000010;2024/25;€ 980,5;Grant'].join('\r\n');
    const p = prepareFile('funding-eu.csv', new TextEncoder().encode(csv));
    if (!p.ok) throw new Error(p.message);
    expect(p.file.layout.decimalComma).toBe(true);
    const r = await loadFile(db, p.file, { kind: 'funding', mapping: p.file.mapping, mode: 'replace', today: TODAY });
    expect(r.ok).toBe(true);
    expect(r.loaded).toBe(4);
    expect(r.readAs).toBe('utf-8, ";" separated, decimal commas (1.234,56 read as 1234.56)');
    const rows = await db.query<{ a: string; x: number }>('SELECT area_code AS a, amount_gbp::DOUBLE AS x FROM funding ORDER BY 1');
    expect(rows).toEqual([{ a: 'E06000008', x: 15000 }, { a: 'E06000009', x: 12500 }, { a: 'E06000010', x: 980.5 }, { a: 'E07000117', x: -1234.56 }]);
  });

  test('below the sample, a point that cannot be a thousands separator is reported, not misread', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => `E06000009;2024/25;1.${String(100 + (i % 900))},50;Core`);
    const csv = ['area_code;period;amount_gbp;funding_stream', ...rows, 'E06000008;2024/25;3.5;Core'].join('\n');
    const p = prepareFile('funding-eu-late.csv', new TextEncoder().encode(csv));
    if (!p.ok) throw new Error(p.message);
    expect(p.file.layout.decimalComma).toBe(true);
    const r = await loadFile(db, p.file, { kind: 'funding', mapping: p.file.mapping, mode: 'replace', today: TODAY });
    expect(r.loaded).toBe(500);
    expect(r.problems).toEqual([{ line: 502, column: 'amount_gbp', value: '3.5', reason: 'not an amount of money' }]);
  });

  test('a British file keeps reading 1,234.50 and 15.000 as before; one cell of each kind leaves the file as it is read now', async () => {
    const { usesDecimalComma } = await import('../../src/lib/ingest/sniff');
    expect(usesDecimalComma([['E1', '1,234.50'], ['E2', '15.000']])).toBe(false);
    expect(usesDecimalComma([['E1', '38,5'], ['E2', '12.50']])).toBe(false);
    expect(usesDecimalComma([['E1', '15.000'], ['E2', '1,234']])).toBe(false);
    expect(usesDecimalComma([['E1', '13.05.2024', '38,5']])).toBe(true);
  });
});

describe('population by single year of age', () => {
  test('the years are added up into the three bands, each line where it was, a band with a year missing left empty', async () => {
    const ages = [...Array.from({ length: 90 }, (_, i) => String(i)), '90+'];
    const row = (code: string, name: string, each: number, blank = -1) =>
      [code, `"${name}"`, String(each * 91), ...ages.map((_, i) => (i === blank ? '' : i === 3 ? `"${(each * 1000).toLocaleString('en-GB')}"` : String(each)))].join(',');
    const csv = [
      'Mid-year estimates by single year of age', '',
      ['Code', 'Name', 'All ages', ...ages].join(','),
      row('E06000009', 'Blackpool', 10), row('E06000008', 'Blackburn with Darwen', 20, 70), row('E07000117', 'Burnley, Lancs', 5),
      'Source: ONS'
    ].join('\r\n') + '\r\n';
    const p = prepareFile('sya.csv', new TextEncoder().encode(csv));
    if (!p.ok) throw new Error(p.message);
    expect(p.file.kind).toBe('population');
    expect(p.file.agesAdded).toBe(true);
    expect(p.file.mapping).toMatchObject({ area_code: 0, area_name: 1, population: 2 });
    expect(p.file.mapping.pop_0_17).toBe(94);
    const r = await loadFile(db, p.file, { kind: 'population', mapping: p.file.mapping, mode: 'replace', today: TODAY });
    expect(r.ok).toBe(true);
    expect(r.loaded).toBe(3);
    expect(r.readAs).toContain('single years of age added up into pop_0_17, pop_18_64 and pop_65_plus');
    // The source line below the data is still listed on its own line of the file.
    expect(r.skipped).toEqual([{ line: 7, text: 'note ("Source: ONS")' }]);
    const rows = await db.query<{ c: string; a: number | null; b: number | null; o: number | null }>(
      'SELECT area_code AS c, pop_0_17::DOUBLE AS a, pop_18_64::DOUBLE AS b, pop_65_plus::DOUBLE AS o FROM population ORDER BY 1');
    // Age 3 holds 1,000 × each (quoted, with a separator); every other year holds each.
    expect(rows).toEqual([
      { c: 'E06000008', a: 17 * 20 + 20000, b: 47 * 20, o: null },
      { c: 'E06000009', a: 17 * 10 + 10000, b: 47 * 10, o: 26 * 10 },
      { c: 'E07000117', a: 17 * 5 + 5000, b: 47 * 5, o: 26 * 5 }
    ]);
  });
});

describe('a file of two encodings', () => {
  test('lines written in UTF-8 stay UTF-8 beside lines in Windows-1252 (two exports stuck together)', async () => {
    const enc = new TextEncoder();
    const bytes = new Uint8Array([
      ...enc.encode('area_code,period,amount_gbp,funding_stream\nE06000009,2024/25,10.00,Café Connect – Blackpool\n'),
      ...enc.encode('E06000008,2024/25,5.00,Na'), 0xef, ...enc.encode('ve Arts grant '), 0xa3, 0x35, 0x0a
    ]);
    const p = prepareFile('mixed.csv', bytes);
    if (!p.ok) throw new Error(p.message);
    expect(p.file.encoding).toBe('windows-1252');
    const r = await loadFile(db, p.file, { kind: 'funding', mapping: p.file.mapping, mode: 'replace', today: TODAY });
    expect(r.ok).toBe(true);
    const rows = await db.query<{ s: string }>('SELECT funding_stream AS s FROM funding ORDER BY area_code');
    expect(rows.map((x) => x.s)).toEqual(['Naïve Arts grant £5', 'Café Connect – Blackpool']);
  });
});
