/**
 * The canonical extracts (SPEC section 2, with the lookup of the user's own groupings): which fields each has, their kinds and which are
 * required. Everything downstream (header mapping, detection, SQL typing, templates and the data
 * dictionary) reads this one table, so adding a field here is enough to carry it through.
 */

export type ExtractKind = 'referrals' | 'funding' | 'providers' | 'population' | 'lookup';

/** How a raw text cell is turned into a typed value (see db/sql/parse.ts for the SQL). */
export type FieldKind =
  | 'id' // trimmed text, case kept
  | 'code' // trimmed, upper-cased area / org code
  | 'text'
  | 'date'
  | 'money'
  | 'integer'
  | 'number'
  | 'status'
  | 'age_band'
  | 'decile'
  | 'period'; // financial year (2023/24) or month (2023-04)

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  required?: boolean;
  /** One line for the data dictionary and the mapping screen. */
  description: string;
  example: string;
  /** No two records may share a value: a repeat is rejected as a duplicate (the extract's key). */
  unique?: boolean;
  /**
   * Other fields a file may give instead of this required one (a finance ledger has debit and credit
   * columns, not an amount): with any of them mapped the field is not missing, and `derive` makes it.
   */
  alternatives?: string[];
  /**
   * When the file has no column for the field, it is computed on load as `from` minus each of `minus`:
   * with `when: 'all'` only if all of them are mapped, with `when: 'any'` if any is (an unmapped or empty
   * one counting as 0).
   */
  derive?: { from: string; minus: string[]; when: 'all' | 'any' };
}

/** A column stored with the loaded table, computed once on load from a field (funding's period → its first day and year). */
export interface ComputedColumn {
  name: string;
  from: string;
  /** period_start: the first day of a period; fy: the financial year of that day. */
  how: 'period_start' | 'fy';
}

export interface ExtractSpec {
  kind: ExtractKind;
  label: string;
  /** What one row is. */
  grain: string;
  fields: FieldSpec[];
  computed?: ComputedColumn[];
}

export const REFERRAL_STATUSES = [
  'waiting',
  'accepted',
  'declined',
  'completed',
  'dna',
  'withdrawn'
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const AGE_BANDS = ['0-17', '18-29', '30-44', '45-64', '65-74', '75+'] as const;

export const EXTRACTS: Record<ExtractKind, ExtractSpec> = {
  referrals: {
    kind: 'referrals',
    label: 'Referrals',
    grain: 'one anonymised social prescribing referral',
    fields: [
      { name: 'referral_id', kind: 'id', required: true, unique: true, description: 'Pseudonymised referral identifier, unique in the extract', example: 'R0001234' },
      { name: 'referral_date', kind: 'date', required: true, description: 'Date the referral was received', example: '2024-05-13' },
      { name: 'area_code', kind: 'code', required: true, description: 'Area of the person referred (ONS GSS code or any consistent code)', example: 'E06000009' },
      { name: 'referral_source', kind: 'text', description: 'Who referred: GP, self, social care, hospital, VCSE, other', example: 'GP' },
      { name: 'age_band', kind: 'age_band', description: 'Age band at referral (0-17, 18-29, 30-44, 45-64, 65-74, 75+); a numeric age is banded', example: '45-64' },
      { name: 'sex', kind: 'text', description: 'Sex as recorded', example: 'F' },
      { name: 'ethnic_group', kind: 'text', description: 'Ethnic group (ONS 5 groups or finer)', example: 'White' },
      { name: 'imd_decile', kind: 'decile', description: 'Index of Multiple Deprivation decile of residence, 1 = most deprived', example: '2' },
      { name: 'service_category', kind: 'text', description: 'Kind of service referred to', example: 'physical activity' },
      { name: 'provider_id', kind: 'id', description: 'Provider service the person was referred to', example: 'P0042' },
      { name: 'status', kind: 'status', description: 'waiting, accepted, declined, completed, dna or withdrawn', example: 'completed' },
      { name: 'first_contact_date', kind: 'date', description: 'Date of first contact with a link worker or service', example: '2024-06-02' },
      { name: 'end_date', kind: 'date', description: 'Date the referral was closed', example: '2024-09-30' },
      { name: 'wellbeing_pre', kind: 'number', description: 'Wellbeing score at start (ONS4 or WEMWBS)', example: '38' },
      { name: 'wellbeing_post', kind: 'number', description: 'Wellbeing score at end (same scale)', example: '45' }
    ]
  },
  funding: {
    kind: 'funding',
    label: 'Funding',
    grain: 'one funding line',
    fields: [
      { name: 'area_code', kind: 'code', required: true, description: 'Area the funding serves', example: 'E06000009' },
      { name: 'period', kind: 'period', required: true, description: 'Financial year (2023/24) or month (2023-04)', example: '2023/24' },
      {
        name: 'amount_gbp', kind: 'money', required: true, description: 'Amount in pounds; £, commas and accounting negatives (1,200.00) are accepted', example: '12500.00',
        alternatives: ['debit_gbp', 'credit_gbp'], derive: { from: 'debit_gbp', minus: ['credit_gbp'], when: 'any' }
      },
      { name: 'funder', kind: 'text', description: 'ICB, PCN/ARRS, council, grant or other', example: 'ICB' },
      { name: 'provider_id', kind: 'id', description: 'Provider funded, if known', example: 'P0042' },
      { name: 'contract_start', kind: 'date', description: 'Contract start date', example: '2023-04-01' },
      { name: 'contract_end', kind: 'date', description: 'Contract end date', example: '2024-03-31' },
      { name: 'funding_stream', kind: 'text', description: 'Name of the funding stream or grant', example: 'Core SP contract' },
      { name: 'debit_gbp', kind: 'money', description: 'Ledger debit (spend), for a finance ledger with debit and credit columns instead of an amount: the amount is debit minus credit', example: '1200.00' },
      { name: 'credit_gbp', kind: 'money', description: 'Ledger credit (a refund or recharge), with debit_gbp', example: '0.00' }
    ],
    computed: [{ name: 'period_start', from: 'period', how: 'period_start' }, { name: 'fy', from: 'period', how: 'fy' }]
  },
  providers: {
    kind: 'providers',
    label: 'Providers',
    grain: 'one provider service',
    fields: [
      { name: 'provider_id', kind: 'id', required: true, description: 'Provider service identifier', example: 'P0042' },
      { name: 'provider_name', kind: 'text', required: true, description: 'Name of the provider or service', example: 'Blackpool Walking Club' },
      { name: 'sector', kind: 'text', description: 'VCSE, NHS, council or other', example: 'VCSE' },
      { name: 'service_category', kind: 'text', description: 'Kind of service offered', example: 'green and nature' },
      { name: 'area_code', kind: 'code', description: 'Area served', example: 'E06000009' },
      { name: 'monthly_capacity', kind: 'integer', description: 'New referrals the service can take a month', example: '40' },
      { name: 'link_worker_fte', kind: 'number', description: 'Link worker whole-time equivalents', example: '2.5' },
      { name: 'contract_start', kind: 'date', description: 'Start of the current contract', example: '2023-04-01' },
      { name: 'contract_end', kind: 'date', description: 'End of the current contract', example: '2025-03-31' },
      { name: 'latitude', kind: 'number', description: 'Latitude (WGS84) of the service', example: '53.8175' },
      { name: 'longitude', kind: 'number', description: 'Longitude (WGS84) of the service', example: '-3.0357' },
      { name: 'easting', kind: 'number', description: 'Easting (British National Grid, metres) of the service, instead of latitude and longitude', example: '331000' },
      { name: 'northing', kind: 'number', description: 'Northing (British National Grid, metres) of the service, with easting', example: '436000' }
    ]
  },
  population: {
    kind: 'population',
    label: 'Population and need',
    grain: 'one area',
    fields: [
      { name: 'area_code', kind: 'code', required: true, unique: true, description: 'Area code (must match the other extracts and the map)', example: 'E06000009' },
      { name: 'population', kind: 'integer', required: true, description: 'Resident population', example: '141000' },
      { name: 'area_name', kind: 'text', description: 'Area name', example: 'Blackpool' },
      { name: 'parent_code', kind: 'code', description: 'Parent area code (e.g. ICB or region) for aggregation', example: 'E54000048' },
      { name: 'parent_name', kind: 'text', description: 'Parent area name', example: 'NHS Lancashire and South Cumbria ICB' },
      { name: 'pop_0_17', kind: 'integer', description: 'Population aged 0-17', example: '29000' },
      { name: 'pop_18_64', kind: 'integer', description: 'Population aged 18-64', example: '83000' },
      // ONS population files split 65+ into 65-74, 75-84, 85+: derived from the bands a file has.
      { name: 'pop_65_plus', kind: 'integer', description: 'Population aged 65 and over', example: '29000', derive: { from: 'population', minus: ['pop_0_17', 'pop_18_64'], when: 'all' } },
      { name: 'imd_score', kind: 'number', description: 'IMD average score (higher = more deprived)', example: '45.04' },
      { name: 'imd_decile', kind: 'decile', description: 'IMD decile, 1 = most deprived', example: '1' },
      { name: 'rural_urban', kind: 'text', description: 'Rural-urban classification', example: 'urban' }
    ]
  },
  lookup: {
    kind: 'lookup',
    label: 'Your groupings (lookup)',
    grain: 'one area and the group it rolls up to',
    fields: [
      { name: 'area_code', kind: 'code', required: true, unique: true, description: 'Area code, as in the other extracts (district, sub-ICB location…)', example: 'E07000123' },
      { name: 'group_code', kind: 'code', required: true, description: 'Code of your grouping the area rolls up to: a place, a neighbourhood, a merged ICB footprint', example: 'CENTRAL-LANCS' },
      { name: 'group_name', kind: 'text', description: 'Name of the grouping', example: 'Central Lancashire' },
      { name: 'latitude', kind: 'number', description: "Latitude (WGS84) of the area's centre, for finer centres: e.g. LSOA population-weighted centroids, each with its district as group_code", example: '53.8101' },
      { name: 'longitude', kind: 'number', description: "Longitude (WGS84) of the area's centre", example: '-3.0412' },
      { name: 'easting', kind: 'number', description: "Easting (British National Grid, metres) of the area's centre, instead of latitude and longitude", example: '331500' },
      { name: 'northing', kind: 'number', description: "Northing (British National Grid, metres) of the area's centre, with easting", example: '435800' },
      { name: 'population', kind: 'integer', description: 'People the centre stands for (e.g. the LSOA\'s residents), to weight its distance; equal weights without it', example: '1650' }
    ]
  }
};

export const EXTRACT_KINDS = Object.keys(EXTRACTS) as ExtractKind[];

export function requiredFields(kind: ExtractKind): string[] {
  return EXTRACTS[kind].fields.filter((f) => f.required).map((f) => f.name);
}

/** The required fields a mapping leaves without a column (none, or any of its alternatives). */
export function missingRequired(kind: ExtractKind, mapping: Record<string, number>, required = requiredFields(kind)): string[] {
  return required.filter((f) => !(f in mapping) && !(fieldSpec(kind, f)?.alternatives ?? []).some((a) => a in mapping));
}

/** Fields a file may give in place of a required one (they are not required themselves). */
export function alternativeFields(kind: ExtractKind): Set<string> {
  return new Set(EXTRACTS[kind].fields.flatMap((f) => f.alternatives ?? []));
}

/** The extract's key: the field no two records may share, if any. */
export function uniqueField(kind: ExtractKind): string | null {
  return EXTRACTS[kind].fields.find((f) => f.unique)?.name ?? null;
}

export function fieldSpec(kind: ExtractKind, name: string): FieldSpec | undefined {
  return EXTRACTS[kind].fields.find((f) => f.name === name);
}
