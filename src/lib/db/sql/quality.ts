/**
 * Field completeness (SPEC 4.7, the Data quality view): for each loaded extract, how many rows carry a
 * usable value in each field, overall, by area and by month. One check per field: which rows it applies
 * to (a first-contact date is expected only of referrals that were seen) and what a usable value is
 * (non-null, and where there is a rule, valid: a deprivation decile 1–10, an age band that tells a child
 * from an adult). The SQL of each check sits beside the words that say it, as in rules.ts; the words are
 * shown with the view's tables and in docs/methods.md.
 *
 * One scan of the table per extract: a wide aggregate (two counts per check) over GROUPING SETS (),
 * (area), (month), turned into long rows here. Only counts reach the page. A table with no rows gives
 * no rows. The query text depends only on the extract (from a fixed list), never on user values.
 * Tested on hand-computed rows in tests/unit/quality-sql.test.ts.
 */
import type { DbClient } from '../client';
import { EXTRACTS, REFERRAL_STATUSES, type ExtractKind, type FieldSpec } from '../../domain/extracts';
import { CLOSED_STATUSES, WAIT } from './rules';

/** The extracts the view checks (the lookup of the user's groupings has only required codes). */
export const QUALITY_EXTRACTS = ['referrals', 'funding', 'providers', 'population'] as const satisfies readonly ExtractKind[];
export type QualityExtract = (typeof QUALITY_EXTRACTS)[number];

export interface QualityCheck {
  /** The field's name; 'wellbeing_both' for the pair a wellbeing change needs. */
  id: string;
  /** What the value is, as a noun phrase ("deprivation decile"): "no deprivation decile". */
  label: string;
  /** The rows it is expected of, as a noun phrase: "referrals", "referrals seen", "completed referrals". */
  rows: string;
  /** The rule in plain English (shown with the tables and in docs/methods.md). */
  rule: string;
  /** SQL: the row is expected to have it; omitted = every row. */
  applies?: string;
  /** SQL: the value is usable (NULL counts as not). */
  usable: string;
  required: boolean;
}

const text = (c: string) => `nullif(trim(${c}), '') IS NOT NULL`;
const present = (c: string) => `${c} IS NOT NULL`;

/**
 * An age band that says whether the person is a child (0–17) or an adult: the children and young people
 * gap's reading of it (provision.ts cypGapSql): 'a-b' with b ≤ 17, or 'a-b' / 'a+' with a ≥ 18.
 */
const AGE_KNOWN = `(TRY_CAST(regexp_extract(age_band, '^(\\d+)-(\\d+)$', 2) AS INTEGER) <= 17
  OR TRY_CAST(regexp_extract(age_band, '^(\\d+)(?:-\\d+|\\+)$', 1) AS INTEGER) >= 18)`;
/** Seen: the status says the person was taken on and attended (accepted, completed), so a first contact happened. */
const SEEN = `status IN ('accepted', 'completed')`;
const COMPLETED = `status = 'completed'`;

/** Rules that say more than "present": by extract, then field. */
const SPECIAL: Partial<Record<QualityExtract, Record<string, Omit<QualityCheck, 'id' | 'required'>>>> = {
  referrals: {
    age_band: { label: 'age band', rows: 'referrals', usable: AGE_KNOWN, rule: 'An age band that tells a child (0–17) from an adult (such as 0-17, 18-29, 75+); a band across 18 (16-24) does not.' },
    imd_decile: { label: 'deprivation decile', rows: 'referrals', usable: 'imd_decile BETWEEN 1 AND 10', rule: 'A whole number from 1 (most deprived) to 10.' },
    status: { label: 'status', rows: 'referrals', usable: `status IN (${REFERRAL_STATUSES.map((s) => `'${s}'`).join(', ')})`, rule: `One of ${REFERRAL_STATUSES.join(', ')}.` },
    first_contact_date: {
      label: 'first-contact date', rows: 'referrals seen', applies: SEEN, usable: WAIT.valid(),
      rule: 'Expected of referrals seen (status accepted or completed); usable on or after the referral date.'
    },
    end_date: {
      label: 'end date', rows: 'closed referrals', applies: `status IN ${CLOSED_STATUSES}`, usable: WAIT.valid('end_date'),
      rule: 'Expected of closed referrals (declined, withdrawn, did not attend, completed); usable on or after the referral date.'
    },
    wellbeing_pre: { label: 'wellbeing score before', rows: 'completed referrals', applies: COMPLETED, usable: present('wellbeing_pre'), rule: 'Expected of completed referrals.' },
    wellbeing_post: { label: 'wellbeing score after', rows: 'completed referrals', applies: COMPLETED, usable: present('wellbeing_post'), rule: 'Expected of completed referrals.' }
  },
  funding: {
    contract_end: { label: 'contract end date', rows: 'funding lines', usable: 'contract_end >= contract_start', rule: 'On or after the contract start (a line without a start cannot be judged).' }
  },
  providers: {
    monthly_capacity: { label: 'monthly capacity', rows: 'provider services', usable: 'monthly_capacity >= 0', rule: 'A number of places, 0 or more.' },
    link_worker_fte: { label: 'link worker FTE', rows: 'provider services', usable: 'link_worker_fte >= 0', rule: '0 or more.' }
  },
  population: {
    population: { label: 'population', rows: 'areas', usable: 'population > 0', rule: 'More than 0.' },
    imd_decile: { label: 'deprivation decile', rows: 'areas', usable: 'imd_decile BETWEEN 1 AND 10', rule: 'A whole number from 1 (most deprived) to 10.' }
  }
};

/** The pair a wellbeing change needs, checked as one (a referral with one score of the two adds nothing to it). */
const WELLBEING_BOTH: QualityCheck = {
  id: 'wellbeing_both', label: 'both wellbeing scores', rows: 'completed referrals', applies: COMPLETED, required: false,
  usable: 'wellbeing_pre IS NOT NULL AND wellbeing_post IS NOT NULL', rule: 'Before and after scores both present, on completed referrals.'
};

/** What each extract's rows are called. */
const ROWS: Record<QualityExtract, string> = { referrals: 'referrals', funding: 'funding lines', providers: 'provider services', population: 'areas' };

function checkOf(kind: QualityExtract, f: FieldSpec): QualityCheck {
  const special = SPECIAL[kind]?.[f.name];
  if (special) return { id: f.name, required: !!f.required, ...special };
  const isText = ['id', 'code', 'text', 'status', 'age_band'].includes(f.kind);
  return {
    id: f.name, label: f.name.replace(/_/g, ' '), rows: ROWS[kind], required: !!f.required,
    usable: isText ? text(f.name) : present(f.name), rule: isText ? 'Not blank.' : 'Present.'
  };
}

/**
 * Every check of an extract, in the extract's field order. Ledger debit and credit columns are left out:
 * they are only a way to give the amount, which is checked.
 */
export function qualityChecks(kind: QualityExtract): QualityCheck[] {
  const alternatives = new Set(EXTRACTS[kind].fields.flatMap((f) => f.alternatives ?? []));
  const checks = EXTRACTS[kind].fields.filter((f) => !alternatives.has(f.name)).map((f) => checkOf(kind, f));
  return kind === 'referrals' ? [...checks, WELLBEING_BOTH] : checks;
}

/** The month each extract's rows are dated by: referrals by referral date, funding by its period; the others have none. */
const MONTH: Record<QualityExtract, string | null> = {
  referrals: `strftime(referral_date, '%Y-%m')`,
  funding: `strftime(period_start, '%Y-%m')`,
  providers: null,
  population: null
};

export type QualityLevel = 'all' | 'area' | 'month';

/** The counts of one group, wide: of_i / ok_i for check i. */
type WideRow = { level: QualityLevel; area: string | null; area_name: string | null; month: string | null; rows: number } & Record<string, number | string | null>;

/** `names`: area_population exists (the app's area names, from the population extract or the built-in reference). */
export function completenessSql(kind: QualityExtract, names: boolean): string {
  const checks = qualityChecks(kind);
  const month = MONTH[kind];
  const counts = checks.flatMap((c, i) => {
    const applies = c.applies ? `coalesce(${c.applies}, false)` : 'true';
    return [
      `count(*) FILTER (WHERE ${applies})::INTEGER AS of_${i}`,
      `count(*) FILTER (WHERE ${applies} AND coalesce(${c.usable}, false))::INTEGER AS ok_${i}`
    ];
  });
  const sets = month ? '((), (area), (month))' : '((), (area))';
  const level = month ? `CASE WHEN grouping(area) = 0 THEN 'area' WHEN grouping(month) = 0 THEN 'month' ELSE 'all' END` : `CASE WHEN grouping(area) = 0 THEN 'area' ELSE 'all' END`;
  const g = `SELECT ${level} AS level, area, ${month ? 'month' : 'NULL::VARCHAR AS month'}, count(*)::INTEGER AS rows,
    ${counts.join(',\n    ')}
  FROM (SELECT *, area_code AS area${month ? `, ${month} AS month` : ''} FROM "${kind}") t
  GROUP BY GROUPING SETS ${sets}`;
  const name = names
    ? `LEFT JOIN (SELECT area_code, any_value(area_name) AS area_name FROM area_population GROUP BY area_code) n ON g.level = 'area' AND n.area_code = g.area`
    : '';
  return `SELECT g.*, ${names ? 'n.area_name' : 'NULL::VARCHAR AS area_name'} FROM (${g}) g ${name}
WHERE g.rows > 0 ORDER BY g.level, g.area NULLS LAST, g.month`;
}

/** One check's counts in one group. */
export interface CompletenessRow {
  extract: QualityExtract;
  check: string;
  level: QualityLevel;
  /** The area (level 'area'; null there: rows with no area code) or month ('yyyy-mm', level 'month'). */
  area: string | null;
  areaName: string | null;
  month: string | null;
  /** Rows the value is expected of. */
  of: number;
  /** Of those, rows with a usable value. */
  ok: number;
}

/** Every check's counts for one extract: overall, by area and (referrals, funding) by month. */
export async function fieldCompleteness(db: DbClient, kind: QualityExtract, names: boolean): Promise<CompletenessRow[]> {
  const checks = qualityChecks(kind);
  const wide = await db.query<WideRow>(completenessSql(kind, names));
  return wide.flatMap((w) =>
    checks.map((c, i) => ({
      extract: kind, check: c.id, level: w.level, area: w.level === 'area' ? w.area : null, areaName: w.area_name,
      month: w.level === 'month' ? w.month : null, of: Number(w[`of_${i}`]), ok: Number(w[`ok_${i}`])
    }))
  );
}
