/**
 * Step 3 of ingest: map a file's column headers to canonical fields. Headers are normalised
 * ("Date of Referral " -> "date of referral", "Amount (£)" -> "amount gbp") and matched against
 * synonyms seen in EMIS / SystmOne reports, SP platforms, finance ledgers and ONS downloads,
 * then against patterns for ONS geography codes (LAD23CD, ICB24CD, LSOA21CD ...).
 */
import { EXTRACTS, type ExtractKind } from '../domain/extracts';
import { andList } from '../domain/format';

/** field -> source column index, for the fields that were matched. */
export type Mapping = Record<string, number>;

export function normaliseHeader(h: string): string {
  return h
    .replace(/^\ufeff/, '')
    // A line break inside a header cell (Excel's wrapped titles) separates words.
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .replace(/£/g, ' gbp ')
    .replace(/[_\-./()[\]#:]+/g, ' ')
    .replace(/[^a-z0-9 %+]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const SYN: Record<string, string[]> = {
  referral_id: ['referral id', 'referral ref', 'referral reference', 'referral number', 'referral no', 'ref', 'ref id', 'id', 'case id', 'case ref', 'record id', 'pseudo id', 'pseudonymised id', 'patient referral id', 'referralid', 'referral uuid', 'referral guid', 'uuid'],
  referral_date: ['referral date', 'date of referral', 'date referred', 'referred date', 'referral received', 'date received', 'received date', 'referral received date', 'referred on', 'date referral received', 'referraldate', 'created at', 'created date', 'date created', 'created on'],
  area_code: ['area code', 'area', 'district', 'la code', 'lad code', 'local authority code', 'ltla code', 'utla code', 'district code', 'gss code', 'ons code', 'geography code', 'area id', 'sub icb code', 'sub icb location code', 'sub icb location', 'sicbl code', 'sicbl', 'icb code', 'ccg code', 'pcn code', 'lsoa code', 'lsoa', 'areacode', 'code', 'cost centre area', 'locality code'],
  referral_source: ['referral source', 'source', 'source of referral', 'referred by', 'referrer', 'referrer type', 'referral route', 'referring organisation type'],
  age_band: ['age band', 'age group', 'ageband', 'age range', 'age', 'age at referral', 'age years'],
  sex: ['sex', 'gender', 'sex at birth'],
  ethnic_group: ['ethnic group', 'ethnicity', 'ethnic category', 'ethnic origin', 'ethnicity group'],
  imd_decile: ['imd decile', 'deprivation decile', 'imd', 'imd 2019 decile', 'imd decile 1 most deprived', 'index of multiple deprivation decile', 'imd19 decile', 'decile'],
  service_category: ['service category', 'service type', 'service', 'category', 'activity type', 'intervention', 'intervention type', 'service area', 'support type'],
  provider_id: ['provider id', 'provider code', 'provider', 'provider ref', 'organisation code', 'org code', 'ods code', 'service id', 'service code', 'supplier id'],
  status: ['status', 'referral status', 'outcome', 'referral outcome', 'current status', 'state'],
  first_contact_date: ['first contact date', 'date first contact', 'date of first contact', 'first contact', 'first appointment date', 'date first seen', 'first seen date', 'contact date', 'first contacted', 'date contacted', 'first contact at', 'first seen at'],
  end_date: ['end date', 'discharge date', 'closed date', 'date closed', 'closure date', 'date of discharge', 'completion date', 'date completed', 'referral end date', 'closed at', 'ended at', 'discharged at', 'completed at'],
  wellbeing_pre: ['wellbeing pre', 'wemwbs pre', 'swemwbs pre', 'ons4 pre', 'pre score', 'baseline score', 'wellbeing baseline', 'wellbeing score pre', 'pre wellbeing', 'wellbeing start', 'start score', 'initial score', 'wemwbs baseline', 'wemwbs start', 'swemwbs start', 'wemwbs first'],
  wellbeing_post: ['wellbeing post', 'wemwbs post', 'swemwbs post', 'ons4 post', 'post score', 'follow up score', 'wellbeing follow up', 'wellbeing score post', 'post wellbeing', 'wellbeing end', 'end score', 'final score', 'wemwbs follow up', 'wemwbs end', 'swemwbs end', 'wemwbs last'],
  period: ['period', 'financial year', 'fin year', 'fy', 'year', 'month', 'reporting period', 'funding year', 'budget year', 'period name'],
  amount_gbp: ['amount gbp', 'amount', 'value', 'value gbp', 'funding', 'funding gbp', 'allocation', 'allocation gbp', 'total', 'spend', 'spend gbp', 'cost', 'net amount', 'budget', 'budget gbp', 'funding amount', 'amount gbp total'],
  funder: ['funder', 'funding source', 'source of funding', 'commissioner', 'funded by', 'funding body'],
  contract_start: ['contract start', 'contract start date', 'start date', 'start', 'from', 'date from', 'valid from', 'funding start'],
  contract_end: ['contract end', 'contract end date', 'end date', 'end', 'to', 'date to', 'valid to', 'funding end', 'expiry date'],
  funding_stream: ['funding stream', 'stream', 'programme', 'grant name', 'budget line', 'cost centre', 'scheme', 'description'],
  debit_gbp: ['debit', 'debits', 'dr', 'debit amount', 'debit gbp', 'debit value', 'dr amount'],
  credit_gbp: ['credit', 'credits', 'cr', 'credit amount', 'credit gbp', 'credit value', 'cr amount'],
  funding_id: ['funding id', 'line id', 'transaction id', 'journal id', 'invoice number'],
  provider_name: ['provider name', 'name', 'organisation name', 'org name', 'service name', 'organisation', 'supplier name', 'provider'],
  sector: ['sector', 'provider type', 'organisation type', 'org type', 'provider sector'],
  monthly_capacity: ['monthly capacity', 'capacity', 'capacity per month', 'places per month', 'monthly places', 'referrals per month capacity', 'slots per month'],
  link_worker_fte: ['link worker fte', 'link workers fte', 'lw fte', 'fte', 'link worker wte', 'wte', 'staff fte', 'link workers'],
  latitude: ['latitude', 'lat'],
  longitude: ['longitude', 'long', 'lon', 'lng'],
  easting: ['easting', 'eastings', 'bng e', 'bng easting', 'os easting', 'grid easting', 'x coordinate'],
  northing: ['northing', 'northings', 'bng n', 'bng northing', 'os northing', 'grid northing', 'y coordinate'],
  population: ['population', 'total population', 'pop', 'all ages', 'resident population', 'registered population', 'list size', 'population all ages', 'count', 'usual residents', 'mid year population'],
  area_name: ['area name', 'name', 'la name', 'lad name', 'local authority name', 'local authority', 'district name', 'geography name', 'areaname', 'ltla name'],
  parent_code: ['parent code', 'icb code', 'parent area code', 'parent', 'region code', 'nhs region code', 'utla code', 'upper tier code'],
  parent_name: ['parent name', 'icb name', 'parent area name', 'region name', 'nhs region name', 'utla name'],
  pop_0_17: ['pop 0 17', 'population 0 17', 'age 0 17', 'aged 0 17', '0 17', 'children', 'under 18', 'aged under 18'],
  pop_18_64: ['pop 18 64', 'population 18 64', 'age 18 64', 'aged 18 64', '18 64', 'working age'],
  pop_65_plus: ['pop 65 plus', 'pop 65+', 'population 65+', 'population 65 plus', 'age 65 plus', 'age 65+', 'aged 65+', 'aged 65 and over', '65+', '65 plus', 'over 65', '65 and over'],
  imd_score: ['imd score', 'imd average score', 'imd 2019 average score', 'average score', 'score', 'deprivation score', 'imd avg score'],
  group_code: ['group code', 'group', 'parent code', 'parent', 'place code', 'place', 'neighbourhood code', 'neighbourhood', 'footprint code', 'footprint', 'cluster code', 'cluster', 'locality group code', 'new icb code', 'grouping code'],
  group_name: ['group name', 'parent name', 'place name', 'neighbourhood name', 'footprint name', 'cluster name', 'grouping name', 'new icb name'],
  rural_urban: ['rural urban', 'rural urban classification', 'ruc', 'ruc11', 'rural urban class', 'urban rural', 'settlement type']
};

// ONS geography code columns such as LAD23CD, LTLA22CD, ICB24CD, LSOA21CD; names as ...NM.
// R and Python tools often write them lad21_code / lad21_name instead.
// (ONS's and MHCLG's own downloads also write the year in full, before or after: "LSOA 2021 Code", "LSOA code (2011)".)
const GEO_CODE = /^(lad|ltla|utla|ua|cty|ctyua|icb|sicbl|ccg|lsoa|msoa|oa|pcn|wd|rgn|nhser|cal)(\d{2}|\d{4})?(cd|code)(\d{4})?$/;
const GEO_NAME = /^(lad|ltla|utla|ua|cty|ctyua|icb|sicbl|ccg|lsoa|msoa|pcn|wd|rgn|nhser|cal)(\d{2}|\d{4})?(nm|name)(\d{4})?$/;
const PARENT_GEO = /^(icb|rgn|nhser|utla|ctyua|cty)\d{0,2}(cd|nm|code|name)$/;

/**
 * Headers that must never feed a field, whatever synonym they contain: an IMD rank runs the other way from the
 * score (rank 1 is the most deprived), so "IMD Rank of average score" taken as the score would invert need.
 */
const ONE_SEX = /(^|\s)[fm]\d|\b(fe)?males?\b|\b(wo)?men\b|\b(boys|girls)\b/;
const NEVER: Record<string, RegExp> = {
  imd_score: /\brank/,
  // A name is never a code column ("Local Authority District code (2019)" is not the district's name).
  area_name: /\bcode\b/,
  // A count of one sex is not the population of a band ("F65 and over", "Males 0-17" in ONS small-area files),
  // and "working age" in a file that says 16-64 or 18-59 is another band.
  population: ONE_SEX,
  pop_0_17: ONE_SEX,
  pop_18_64: new RegExp(`${ONE_SEX.source}|\\b(16|59)\\b`),
  pop_65_plus: ONE_SEX
};

/**
 * How well a normalised header names a field: 3 = exact synonym, 2 = geography-code pattern,
 * 1 = the header contains a multi-word synonym; 0 = no match.
 */
function score(field: string, h: string, compact: string): number {
  if (NEVER[field]?.test(h)) return 0;
  const syns = SYN[field] ?? [];
  if (h === field.replace(/_/g, ' ') || syns.includes(h)) return 3;
  if (field === 'area_code' && GEO_CODE.test(compact)) return 2;
  if (field === 'area_name' && GEO_NAME.test(compact)) return 2;
  if (field === 'parent_code' && PARENT_GEO.test(compact) && /(cd|code)$/.test(compact)) return 1;
  if (field === 'parent_name' && PARENT_GEO.test(compact) && /(nm|name)$/.test(compact)) return 1;
  if (syns.some((s) => s.includes(' ') && h.includes(s))) return 1;
  return 0;
}

/**
 * Map headers to the fields of one extract. Each column goes to at most one field and each
 * field to at most one column, best scores first, so "Start Date" cannot also claim end_date.
 */
export function mapHeaders(kind: ExtractKind, headers: string[]): Mapping {
  const fields = EXTRACTS[kind].fields.map((f) => f.name);
  const norm = headers.map(normaliseHeader);
  const compact = norm.map((h) => h.replace(/\s/g, ''));
  const candidates: { field: string; col: number; s: number; order: number; rank: number }[] = [];
  fields.forEach((field, fi) => {
    norm.forEach((h, col) => {
      const s = score(field, h, compact[col]!);
      const rank = SYN[field]?.indexOf(h) ?? -1;
      if (s > 0) candidates.push({ field, col, s, order: fi, rank: rank < 0 ? Infinity : rank });
    });
  });
  // Higher score first; among equals, required fields and the field's own order first, then the better name
  // (synonyms are listed best first: "Provider Code" over "Provider", which wide extracts use for the name).
  candidates.sort((a, b) => b.s - a.s || a.order - b.order || a.rank - b.rank || a.col - b.col);
  const mapping: Mapping = {};
  const usedCols = new Set<number>();
  for (const c of candidates) {
    if (c.field in mapping || usedCols.has(c.col)) continue;
    mapping[c.field] = c.col;
    usedCols.add(c.col);
  }
  return mapping;
}

/** Headers that name the same thing (alike once normalised), with their 0-based columns; empty headers aside. */
export function duplicateHeaders(headers: string[]): { name: string; cols: number[] }[] {
  const groups = new Map<string, { name: string; cols: number[] }>();
  headers.forEach((h, col) => {
    const key = normaliseHeader(h);
    if (key === '') return;
    const g = groups.get(key);
    if (g) g.cols.push(col);
    else groups.set(key, { name: h.trim(), cols: [col] });
  });
  return [...groups.values()].filter((g) => g.cols.length > 1);
}

const columnList = (cols: number[]) => andList(cols.map((c) => String(c + 1)));

/**
 * One sentence for each header that appears more than once where one of its columns feeds a field, saying
 * which: "'Area code' appears in columns 2 and 7; column 2 is used for area_code …". Columns are numbered
 * from 1, as a spreadsheet user counts them.
 */
export function duplicateHeaderNotes(headers: string[], mapping: Mapping): string[] {
  const fieldOf = new Map(Object.entries(mapping).map(([f, c]) => [c, f]));
  const notes: string[] = [];
  for (const g of duplicateHeaders(headers)) {
    const used = g.cols.find((c) => fieldOf.has(c));
    if (used === undefined) continue;
    const others = g.cols.filter((c) => c !== used).map((c) => c + 1);
    notes.push(`'${g.name}' appears in columns ${columnList(g.cols)}; column ${used + 1} is used for ${fieldOf.get(used)}. If column ${others.join(' or ')} is the right one, pick it in the column mapping.`);
  }
  return notes;
}

/** A key for "a file of the same shape": the extract kind and its normalised headers. */
export function shapeKey(kind: ExtractKind, headers: string[]): string {
  return `${kind}|${headers.map(normaliseHeader).join('|')}`;
}
