/**
 * The rules every referral measure is built from, each written once: a named SQL fragment and,
 * beside it, the sentence that says it in plain English (the "how this is calculated" notes quote
 * these). Columns are the canonical ones of the referrals table; `d`, `from` and `to` are SQL
 * expressions for dates (a column, a CTE field or a bound parameter), never user text.
 * Tested on hand-computed rows in tests/unit/rules-sql.test.ts.
 */

import { RULE_NOTES } from '../../domain/rule-notes';

/**
 * A financial year bound as its label ('2024/25', the only parameter): CTEs `params` and `fy` with
 * fy, fy_start (1 April) and fy_end (31 March). Membership is IN_FY: between the two, inclusive.
 * (fs_fy_of, the macro, labels a date's year: the same rule the other way round.)
 */
const fyStart = (label: string) => `make_date(TRY_CAST(left(${label}, 4) AS INTEGER), 4, 1)`;
const fyEnd = (label: string) => `make_date(TRY_CAST(left(${label}, 4) AS INTEGER) + 1, 3, 31)`;
export const FY = {
  ctes: `params AS (SELECT ?::VARCHAR AS fy),
fy AS (SELECT fy, ${fyStart('fy')} AS fy_start,
    ${fyEnd('fy')} AS fy_end FROM params)`,
  /** A year's first and last day from its label (a column or expression holding 'yyyy/yy'). */
  start: fyStart,
  end: fyEnd,
  contains: (col: string) => `${col} BETWEEN fy_start AND fy_end`,
  note: RULE_NOTES.financialYear
} as const;

/** Statuses that close a referral. */
export const CLOSED_STATUSES = `('declined', 'withdrawn', 'dna', 'completed')`;

/** Closed, undated: a closing status with no end date. We cannot tell when it closed, so it counts as closed. */
export const CLOSED_UNDATED = {
  sql: `(end_date IS NULL AND coalesce(status IN ${CLOSED_STATUSES}, false))`,
  note: RULE_NOTES.closedUndated
} as const;

/** Still waiting on day `d`: received by then, not first contacted by then, not ended by then, and not closed undated. */
export const STILL_WAITING = {
  on: (d: string, r: { referral: string; contact: string; end: string } = { referral: 'referral_date', contact: 'first_contact_date', end: 'end_date' }) =>
    `(${r.referral} <= ${d} AND (${r.contact} IS NULL OR ${r.contact} > ${d}) AND (${r.end} IS NULL OR ${r.end} > ${d}) AND NOT ${CLOSED_UNDATED.sql})`,
  note: RULE_NOTES.stillWaiting
} as const;

/**
 * A wait: a first contact between `from` and `to` (inclusive) on or after its referral date; the wait
 * is first contact − referral in days. A first contact dated before the referral is a data error, not
 * a wait of minus days, and is left out.
 */
export const WAIT = {
  /** A date that can end a wait: on or after the referral (before it is a data error). */
  valid: (fc = 'first_contact_date', rd = 'referral_date') => `(${fc} >= ${rd})`,
  counted: (from: string, to: string, fc = 'first_contact_date', rd = 'referral_date') => `(${fc} BETWEEN ${from} AND ${to} AND ${WAIT.valid(fc, rd)})`,
  days: (fc = 'first_contact_date', rd = 'referral_date') => `(${fc} - ${rd})`,
  note: RULE_NOTES.wait
} as const;

/**
 * Waiting over 4, 8 and 18 weeks: on the list more than 28, 56 and 126 days after referral, i.e. from the 29th,
 * 57th and 127th day. `col`: the name the waiting-list SQL gives each count.
 */
export const OVER_WEEKS = [
  { col: 'w4', days: 29 },
  { col: 'w8', days: 57 },
  { col: 'w18', days: 127 }
] as const;

/**
 * Accepted: the provider took the referral on. Statuses accepted, completed and dna always count
 * (a DNA was booked: it used a place); declined never does; waiting, withdrawn and a blank status
 * count only with a first contact date (someone withdrawn before first contact never was taken on).
 */
export const ACCEPTED = {
  sql: `(status IN ('accepted', 'completed', 'dna') OR (first_contact_date IS NOT NULL AND status IS DISTINCT FROM 'declined'))`,
  note: RULE_NOTES.accepted
} as const;

/** Open caseload on day `d`: taken on (first contact) by then, not declined, not ended by then and not closed undated. */
export const OPEN_CASELOAD = {
  on: (d: string) =>
    `(referral_date <= ${d} AND first_contact_date <= ${d} AND (end_date IS NULL OR end_date > ${d}) AND status IS DISTINCT FROM 'declined' AND NOT ${CLOSED_UNDATED.sql})`,
  /** The part of `on` that does not depend on the day: the rows a summary by month keeps (aggregates.ts AGG.caseload). */
  taken: `(referral_date IS NOT NULL AND first_contact_date IS NOT NULL AND status IS DISTINCT FROM 'declined' AND NOT ${CLOSED_UNDATED.sql})`,
  /** The month a row of `taken` starts to count: that of its later date, referral or first contact. */
  startMonth: `date_trunc('month', greatest(referral_date, first_contact_date))::DATE`,
  /** The month it stops counting (NULL: not ended). */
  endMonth: `date_trunc('month', end_date)::DATE`,
  /**
   * `on` the last day of month m, counted from a summary of events by month: a row of `taken` is open at m's end
   * when it started by m (startMonth ≤ m) and did not end by then (endMonth NULL or > m). A row ending in or before
   * the month it starts is never open, so the summary leaves it out; every other row that has ended by m's end also
   * started by then, so the open caseload at m's end is Σ starts − Σ ends over the months up to m. Exact.
   */
  eventsUpTo: (m: string) => `month <= ${m}`,
  note: RULE_NOTES.openCaseload
} as const;

/**
 * Referred from primary care: the source names a GP practice, a primary care network or primary care. Sources
 * are free text in the extracts ('GP', 'GP practice', 'PCN'…), so the rule matches the usual names; a blank source is neither.
 */
export const PRIMARY_CARE = {
  is: (col = 'referral_source') => `regexp_matches(lower(trim(${col})), '^(gp|gps|gp practice|gp surgery|general practi.*|pcn|primary care.*)$')`,
  note: RULE_NOTES.primaryCare
} as const;

/** A children and young people's service, by its service category (free text in the extracts). */
export const CYP_SERVICE = {
  is: (col = 'service_category') => `regexp_matches(lower(${col}), '(child|young people|young person|youth|\\bcyp\\b)')`,
  note: RULE_NOTES.cypService
} as const;

/**
 * The great-circle distance in km between two WGS84 points (the haversine formula, on a sphere of the earth's mean
 * radius, 6,371.0088 km): within 0.5% of the ellipsoidal distance, far closer than a district's centre is to its people.
 */
export const DISTANCE = {
  km: (lat1: string, lon1: string, lat2: string, lon2: string) =>
    `(2 * 6371.0088 * asin(sqrt(pow(sin(radians(${lat2} - ${lat1}) / 2), 2) + cos(radians(${lat1})) * cos(radians(${lat2})) * pow(sin(radians(${lon2} - ${lon1}) / 2), 2))))`,
  note: RULE_NOTES.distance
} as const;
