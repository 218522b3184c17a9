import { describe, expect, test } from 'vitest';
import { sniffEncoding, sampleText, toUtf8 } from '../../src/lib/ingest/decode';
import { detectExtract } from '../../src/lib/ingest/detect';
import { mapHeaders, normaliseHeader } from '../../src/lib/ingest/headers';
import { recordLines } from '../../src/lib/ingest/lines';
import { findSavedMapping, saveMapping } from '../../src/lib/ingest/saved-mappings';
import { detectLayout, parseRecords } from '../../src/lib/ingest/sniff';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('header synonym mapper', () => {
  test('normalises case, spacing, punctuation and £', () => {
    expect(normaliseHeader('  Date of Referral ')).toBe('date of referral');
    expect(normaliseHeader('Amount (£)')).toBe('amount gbp');
    expect(normaliseHeader('\ufeffReferral_ID')).toBe('referral id');
    expect(normaliseHeader('IMD Decile (1 = most deprived)')).toBe('imd decile 1 most deprived');
    expect(normaliseHeader('Date\nReferred')).toBe('date referred');
    expect(normaliseHeader('LA\r\nCode')).toBe('la code');
  });

  test('an IMD rank is never taken for the score (a rank runs the other way: 1 is the most deprived)', () => {
    expect(mapHeaders('population', ['LAD code', 'Population', 'IMD Rank'])).toEqual({ area_code: 0, population: 1 });
    expect(mapHeaders('population', ['LAD code', 'Population', 'IMD - Rank of average score'])).toEqual({ area_code: 0, population: 1 });
    // The MHCLG summary as published: the score column is the score.
    expect(mapHeaders('population', ['ltla19_code', 'Score', 'Rank_of_average_score_derived', 'Population'])).toEqual({ area_code: 0, imd_score: 1, population: 3 });
  });

  test('ONS and MHCLG downloads as published: codes with the year in full, one sex never a band, a code never a name', () => {
    // ONS small-area population estimates (broad ages): the LSOA is the area; the female 65+ column is not the band.
    const sape = ['LSOA 2021 Code', 'LSOA 2021 Name', 'LAD 2021 Code', 'LAD 2021 Name', 'Total', 'F0 to 15', 'F16 to 64', 'F65 and over', 'M0 to 15', 'M16 to 64', 'M65 and over'];
    const m = mapHeaders('population', sape);
    expect(m).toMatchObject({ area_code: 0, area_name: 1 });
    expect(m.pop_65_plus).toBeUndefined();
    expect(m.pop_18_64).toBeUndefined();
    // Its columns of people by age make it a population file, though its "Total" could be a funding amount.
    expect(detectExtract(sape, 'sapelsoabroadage.csv')).toMatchObject({ kind: 'population', missing: [], mapping: { area_code: 0, area_name: 1, population: 4 } });
    expect(detectExtract(['Area code', 'Period', 'Total'], 'ledger.csv')?.kind).toBe('funding');
    // IMD 2019 File 7: the district's code is not the area's name; 18-59/64 is not the 18-64 band.
    const file7 = ['LSOA code (2011)', 'LSOA name (2011)', 'Local Authority District code (2019)', 'Local Authority District name (2019)',
      'Index of Multiple Deprivation (IMD) Score', 'Working age population 18-59/64: for use with Employment Deprivation Domain (excluding prisoners)'];
    const f = mapHeaders('population', file7);
    expect(f).toMatchObject({ area_code: 0, area_name: 1, imd_score: 4 });
    expect(Object.values(f)).not.toContain(2);
    expect(f.pop_18_64).toBeUndefined();
    // A case system's export: the sub-ICB location is the area; WEMWBS at the start and the end.
    expect(mapHeaders('referrals', ['Referral ID', 'Referral Date', 'Sub ICB Location Code', 'WEMWBS Start', 'WEMWBS End'])).toEqual({
      referral_id: 0, referral_date: 1, area_code: 2, wellbeing_pre: 3, wellbeing_post: 4
    });
  });

  test('maps Excel-style referral headers to canonical fields', () => {
    const headers = ['Referral ID', 'Date of Referral', 'LAD23CD', 'Referral Source', 'Age Band', 'IMD Decile', 'Service Type', 'Provider Code', 'Referral Status', 'Date First Contact', 'Discharge Date', 'WEMWBS Pre', 'WEMWBS Post'];
    expect(mapHeaders('referrals', headers)).toEqual({
      referral_id: 0, referral_date: 1, area_code: 2, referral_source: 3, age_band: 4, imd_decile: 5,
      service_category: 6, provider_id: 7, status: 8, first_contact_date: 9, end_date: 10, wellbeing_pre: 11, wellbeing_post: 12
    });
  });

  test('recognises ONS geography code columns of any vintage', () => {
    for (const h of ['LAD24CD', 'ltla22cd', 'ICB23CD', 'LSOA21CD', 'SICBL24CD']) {
      expect(mapHeaders('population', [h, 'Population'])).toMatchObject({ area_code: 0, population: 1 });
    }
    expect(mapHeaders('population', ['LAD24CD', 'LAD24NM', 'ICB24CD', 'Total population'])).toEqual({ area_code: 0, area_name: 1, parent_code: 2, population: 3 });
  });

  test('each column feeds at most one field, exact matches win', () => {
    const m = mapHeaders('funding', ['Area Code', 'Financial Year', 'Amount (£)', 'Start Date', 'End Date']);
    expect(m).toEqual({ area_code: 0, period: 1, amount_gbp: 2, contract_start: 3, contract_end: 4 });
    const cols = Object.values(m);
    expect(new Set(cols).size).toBe(cols.length);
  });

  test('social prescribing platforms\' API-style headers', () => {
    expect(mapHeaders('referrals', ['referral_uuid', 'created_at', 'lsoa21cd', 'referral_status', 'first_contact_at', 'closed_at'])).toEqual({
      referral_id: 0, referral_date: 1, area_code: 2, status: 3, first_contact_date: 4, end_date: 5
    });
  });

  test('between two exact names for a field, the better one wins wherever it stands', () => {
    const m = mapHeaders('referrals', ['Referral ID', 'Referral Date', 'Area Code', 'Provider', 'Provider Code']);
    expect(m.provider_id).toBe(4);
  });

  test('unknown headers map to nothing', () => {
    expect(mapHeaders('referrals', ['foo', 'bar baz'])).toEqual({});
  });
});

describe('extract detector', () => {
  test('detects each extract from typical headers', () => {
    expect(detectExtract(['Referral ID', 'Referral Date', 'Area Code', 'Status'])?.kind).toBe('referrals');
    expect(detectExtract(['Area Code', 'Financial Year', 'Amount (£)', 'Funder'])?.kind).toBe('funding');
    expect(detectExtract(['Provider ID', 'Provider Name', 'Sector', 'Monthly Capacity'])?.kind).toBe('providers');
    expect(detectExtract(['LAD24CD', 'LAD24NM', 'Population', 'IMD Score'])?.kind).toBe('population');
  });
  test('reports missing required fields instead of guessing them', () => {
    const d = detectExtract(['Referral ID', 'Area Code', 'Status']);
    expect(d?.kind).toBe('referrals');
    expect(d?.missing).toEqual(['referral_date']);
    expect(d!.confidence).toBeLessThan(1);
  });
  test('the file name breaks a tie', () => {
    expect(detectExtract(['Area Code', 'Amount'], 'grant ledger 2024.csv')?.kind).toBe('funding');
  });
  test('returns null for unrelated files', () => {
    expect(detectExtract(['Colour', 'Shape', 'Weight'])).toBeNull();
  });
});

describe('encoding sniffing', () => {
  test('UTF-8 with and without BOM', () => {
    expect(sniffEncoding(utf8('\ufeffa,b\n1,2\n'))).toEqual({ ok: true, encoding: 'utf-8', bomLength: 3 });
    expect(sniffEncoding(utf8('a,b\n£1,2\n'))).toEqual({ ok: true, encoding: 'utf-8', bomLength: 0 });
  });
  test('UTF-16LE with BOM and without', () => {
    const text = 'Provider ID\tName\r\nP1\tCafé\r\n';
    const le = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) le[i * 2] = text.charCodeAt(i) & 0xff, (le[i * 2 + 1] = text.charCodeAt(i) >> 8);
    expect(sniffEncoding(new Uint8Array([0xff, 0xfe, ...le]))).toMatchObject({ ok: true, encoding: 'utf-16le', bomLength: 2 });
    const noBom = sniffEncoding(le);
    expect(noBom).toMatchObject({ ok: true, encoding: 'utf-16le', bomLength: 0 });
    const enc = { encoding: 'utf-16le' as const, bomLength: 0 };
    expect(sampleText(le, enc)).toBe(text);
    expect(new TextDecoder().decode(toUtf8(le, enc))).toBe(text);
  });
  test('Windows-1252 £ falls back from UTF-8', () => {
    const bytes = new Uint8Array([...utf8('amount\n'), 0xa3, ...utf8('12\n')]);
    const s = sniffEncoding(bytes);
    expect(s).toMatchObject({ ok: true, encoding: 'windows-1252' });
    if (s.ok) expect(new TextDecoder().decode(toUtf8(bytes, s))).toBe('amount\n£12\n');
  });
  test('empty, image and workbook files are refused with a reason', () => {
    const empty = sniffEncoding(new Uint8Array());
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.reason).toMatch(/empty/);
    const png = sniffEncoding(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    if (!png.ok) expect(png.reason).toMatch(/PNG image/);
    else throw new Error('PNG accepted');
    const xlsx = sniffEncoding(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    if (!xlsx.ok) expect(xlsx.reason).toMatch(/Excel/);
    else throw new Error('xlsx accepted');
  });
});

describe('layout: delimiter and header row', () => {
  test('comma, tab, semicolon and pipe', () => {
    for (const d of [',', '\t', ';', '|']) {
      const r = detectLayout(['a', 'b', 'c'].join(d) + '\n' + ['1', '2', '3'].join(d) + '\n' + ['4', '5', '6'].join(d) + '\n');
      expect(r.ok && r.layout.delimiter).toBe(d);
    }
  });
  test('finds the header below title rows and blank lines', () => {
    const text = 'Social prescribing referrals\nSource: EMIS report 14\n\nReferral ID,Referral Date,Area\nR1,01/04/2024,E06000009\nR2,02/04/2024,E06000009\n';
    const r = detectLayout(text);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.layout.headerLine).toBe(3);
      expect(r.layout.headers).toEqual(['Referral ID', 'Referral Date', 'Area']);
      expect(r.layout.sampleRows[0]).toEqual(['R1', '01/04/2024', 'E06000009']);
    }
  });
  test('quoted fields keep delimiters and newlines', () => {
    const recs = parseRecords('a,b\n"x, y","line1\nline2"\r\nlast,"say ""hi"""\n', ',');
    expect(recs.map((r) => r.cells)).toEqual([['a', 'b'], ['x, y', 'line1\nline2'], ['last', 'say "hi"']]);
    expect(recs.map((r) => r.line)).toEqual([0, 1, 3]);
  });
  test('a file of blank lines has no header', () => {
    const r = detectLayout('\n\n  \n');
    expect(r.ok).toBe(false);
  });
  test('a header of mostly numbers (ONS single year of age) is found above its data', () => {
    const r = detectLayout('ltla21_code,ltla21_name,total_population,0,1,2,90+\nE06000047,County Durham,533149.0,4727.0,4923.0,5145.0,3954.0\nE06000005,Darlington,107402.0,1107.0,1165.0,1231.0,1001.0\n');
    expect(r.ok && r.layout.headerLine).toBe(0);
    expect(r.ok && r.layout.headers).toEqual(['ltla21_code', 'ltla21_name', 'total_population', '0', '1', '2', '90+']);
  });
  test('a delimiter ending each data line but not the header: the header is the header, read with one more column', () => {
    const r = detectLayout('Referral ID,Referral Date,Area Code\nR1,01/04/2024,E06000009,\nR2,02/04/2024,E06000009,\nR3,03/04/2024,E06000010,\n');
    expect(r.ok && r.layout.headerLine).toBe(0);
    expect(r.ok && r.layout.columnCount).toBe(4);
    // An optional last column that is often empty is not that.
    const q = detectLayout('id,date,area,post\nR1,01/04/2024,E06000009,\nR2,02/04/2024,E06000009,40\nR3,03/04/2024,E06000010,\n');
    expect(q.ok && q.layout.headerLine).toBe(0);
    expect(q.ok && q.layout.columnCount).toBe(4);
    // One stray delimiter on one row: the others keep the header's width (that line alone is reported).
    const one = detectLayout('Referral ID,Referral Date,Area Code\nR1,01/04/2024,E06000009\nR2,02/04/2024,E06000009,\nR3,03/04/2024,E06000010\n');
    expect(one.ok && one.layout.columnCount).toBe(3);
  });
  test('a numbers-only first row is not taken as a header', () => {
    const r = detectLayout('1,2,3\n4,5,6\n');
    expect(r.ok).toBe(false);
  });
});

describe('line numbers for records', () => {
  test('counts physical lines, skipping blank lines and rejected lines', () => {
    const text = 'h1,h2\nA,1\n\nB,2\nbad\nC,"x\ny"\nD,4\n';
    const lines = recordLines(utf8(text), 0, [1, 2, 3, 4], new Set([5]));
    expect([...lines.entries()]).toEqual([[1, 2], [2, 4], [3, 6], [4, 8]]);
  });
  test('old Mac files: a lone CR ends a line, also inside quotes', () => {
    const text = 'title\r\rh1,h2\rA,1\r"B\rb",2\rC,3\r';
    expect([...recordLines(utf8(text), 2, [1, 2, 3], new Set()).entries()]).toEqual([[1, 4], [2, 5], [3, 7]]);
  });
  test('honours CRLF and a header below title lines', () => {
    const text = 'title\r\n\r\nh1,h2\r\nA,1\r\nB,2\r\n';
    expect([...recordLines(utf8(text), 2, [2], new Set()).entries()]).toEqual([[2, 5]]);
  });
});

describe('saved mappings', () => {
  test('a confirmed mapping is found again for the same headers, by name', () => {
    const mem = new Map<string, string>();
    const store = { getItem: (k: string) => mem.get(k) ?? null, setItem: (k: string, v: string) => void mem.set(k, v) };
    const headers = ['Ref', 'When', 'Where'];
    saveMapping(store, 'referrals', headers, { referral_id: 0, referral_date: 1, area_code: 2 });
    expect(findSavedMapping(store, ['ref', ' When ', 'Where'])).toEqual({ kind: 'referrals', mapping: { referral_id: 0, referral_date: 1, area_code: 2 } });
    expect(findSavedMapping(store, ['Ref', 'When'])).toBeNull();
  });
  test('a corrupt store is ignored', () => {
    const store = { getItem: () => '{not json', setItem: () => undefined };
    expect(findSavedMapping(store, ['a'])).toBeNull();
  });
});

describe('unmatched-code hints', () => {
  test('local authorities of two vintages', async () => {
    const { vintageHint, areaKind } = await import('../../src/lib/domain/area-codes');
    expect(areaKind(['E54000048', 'E54000050', 'E06000009'])).toBe('ICB');
    expect(areaKind(['X1'])).toBeNull();
    expect(vintageHint(['E07000004', 'E07000150'], ['E06000060', 'W06000001'])).toMatch(/boundary vintages/);
    expect(vintageHint(['E07000004'], ['E06000060', 'W06000001'])).toMatch(/Welsh/);
    expect(vintageHint(['E54000048'], ['E06000009'])).toMatch(/different kinds/);
    expect(vintageHint(['E06000009'], [])).toBeNull();
  });
});

describe('finer centres as a lookup', () => {
  test('a lookup with coordinates and a population is still a lookup; a wider file without coordinates is not', () => {
    const d = detectExtract(['LSOA code', 'Group code', 'Latitude', 'Longitude', 'Population'], 'lsoa-centres-lookup.csv');
    expect(d?.kind).toBe('lookup');
    expect(d?.mapping).toMatchObject({ latitude: 2, longitude: 3, population: 4 });
    const bng = detectExtract(['area_code', 'group_code', 'Easting', 'Northing', 'Population'], 'centres.csv');
    expect(bng?.kind).toBe('lookup');
    expect(bng?.mapping).toMatchObject({ easting: 2, northing: 3 });
    // Without coordinates, five columns with a population are a population extract.
    expect(detectExtract(['area_code', 'group_code', 'area_name', 'group_name', 'Population'], 'areas.csv')?.kind).toBe('population');
  });
});
