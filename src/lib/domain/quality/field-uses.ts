/**
 * Which figure reads which field: the one place the Data quality view learns what a gap does. Written by
 * reading the SQL that makes each figure (db/sql/*.ts) and the measures (domain/measures.ts,
 * waiting-measures.ts, equity/); when a figure starts or stops reading a field, change it here.
 *
 * Each use says, as a sentence template, what happens to a row without a usable value of the field:
 *   {missing}  the share of the rows without one ("23%")
 *   {usable}   the share with one
 *   {of}       whose rows: "referrals seen" or "Preston's referrals seen" (the check's rows, db/sql/quality.ts)
 *
 * What is read, and where (checked against the SQL):
 * - referrals.age_band: the children and young people gap (provision.ts cypGapSql counts only bands that
 *   tell a child from an adult in its share).
 * - referrals.first_contact_date: waits (median, 90th percentile, over 18 weeks: waiting.ts, area-measures.ts,
 *   equity.ts use WAIT, first contact on or after the referral); the open caseload per link worker
 *   (rules.ts OPEN_CASELOAD needs a first contact).
 * - referrals.end_date: the waiting list counts a closed referral with no end date as closed from the start
 *   (rules.ts CLOSED_UNDATED), so it never appears on any month's list.
 * - referrals.status: accepted referrals and utilisation count a referral with no status only when it has a
 *   first contact date (rules.ts ACCEPTED).
 * - referrals.provider_id: provider utilisation counts a provider's accepted referrals by provider_id (capacity.ts).
 * - referrals.service_category: wellbeing change by service category puts it under "Not recorded" (provision.ts).
 * - referrals.wellbeing_*: wellbeing change uses only referrals with both scores (provision.ts wellbeingChangeSql).
 * - referrals.imd_decile, sex, ethnic_group, referral_source: no figure reads them (the deprivation
 *   gradient groups areas by the population's decile, not the referral's own; referral source is a filter only).
 * - funding.contract_start / contract_end: the short-term funding share counts a line without both dates
 *   as not short-term (area-measures.ts, provision.ts SHORT_TERM); funding continuity leaves out lines with no
 *   start or no provider (provision.ts fundingContinuity).
 * - providers.monthly_capacity: utilisation, capacity per 1,000 and service variety (capacity.ts, provision.ts).
 * - providers.link_worker_fte: caseload per link worker (capacity.ts).
 * - providers.area_code: capacity per 1,000 and service variety by area.
 * - population.imd_decile / imd_score: the deprivation gradient leaves out areas with no decile (equity.ts
 *   gradientSql); the need index counts an area with neither as average (domain/need.ts).
 * - population.pop_0_17: the children and young people gap's population share (provision.ts).
 * - population.pop_65_plus: the need index counts an area without it as average on age (domain/need.ts).
 * Required fields (ids, dates, area codes, amounts, population) are read by nearly everything; a row
 * without one is rejected on load, so they are always complete and have no entry.
 */
import type { ExtractKind } from '../extracts';

export interface FigureUse {
  /** The figure as the views name it. */
  figure: string;
  /** The views it is on. */
  views: string;
  /** What a gap does, as a sentence template (see above). */
  sentence: string;
}

type Uses = Record<string, readonly FigureUse[]>;

export const FIELD_USES: Partial<Record<ExtractKind, Uses>> = {
  referrals: {
    age_band: [
      { figure: 'Children and young people gap', views: 'Capacity, Equity', sentence: 'The children and young people gap leaves out {missing} of {of} (no age band that tells a child from an adult).' }
    ],
    first_contact_date: [
      { figure: 'Median and 90th percentile wait', views: 'Waiting lists, Map, Equity', sentence: 'Median wait leaves out {missing} of {of} (no first-contact date on or after the referral).' },
      { figure: 'Link worker caseload', views: 'Capacity', sentence: 'Link worker caseload leaves out {missing} of {of} (no first-contact date).' }
    ],
    end_date: [
      { figure: 'Waiting list', views: 'Waiting lists, Map', sentence: 'The waiting list counts {missing} of {of} as closed from the day they were referred (no end date).' }
    ],
    status: [
      { figure: 'Accepted referrals, utilisation', views: 'Capacity', sentence: 'Accepted referrals and utilisation count {missing} of {of} as accepted only if they have a first-contact date (no known status).' }
    ],
    provider_id: [
      { figure: 'Provider utilisation', views: 'Capacity', sentence: 'Provider utilisation leaves out {missing} of {of} (no provider).' }
    ],
    service_category: [
      { figure: 'Wellbeing change by service', views: 'Capacity', sentence: 'Wellbeing change by service puts {missing} of {of} under “Not recorded” (no service category).' }
    ],
    wellbeing_both: [
      { figure: 'Wellbeing change', views: 'Capacity', sentence: 'Wellbeing change uses {usable} of {of} (those with both scores).' }
    ]
  },
  funding: {
    contract_start: [
      { figure: 'Short-term funding share', views: 'Capacity, Map', sentence: 'The short-term funding share counts {missing} of {of} as not short-term (no contract start).' },
      { figure: 'Funding continuity', views: 'Capacity', sentence: 'Funding continuity leaves out {missing} of {of} (no contract start).' }
    ],
    contract_end: [
      { figure: 'Short-term funding share', views: 'Capacity, Map', sentence: 'The short-term funding share counts {missing} of {of} as not short-term (no contract end on or after its start).' }
    ],
    provider_id: [
      { figure: 'Funding continuity', views: 'Capacity', sentence: 'Funding continuity leaves out {missing} of {of} (no provider).' }
    ]
  },
  providers: {
    monthly_capacity: [
      { figure: 'Utilisation, capacity per 1,000, service variety', views: 'Capacity, Map', sentence: 'Capacity figures leave out {missing} of {of} (no monthly capacity).' }
    ],
    link_worker_fte: [
      { figure: 'Link worker caseload', views: 'Capacity', sentence: 'Link worker caseload leaves out {missing} of {of} (no link worker FTE).' }
    ],
    area_code: [
      { figure: 'Capacity per 1,000, service variety', views: 'Capacity, Map', sentence: 'Capacity per 1,000 and service variety leave out {missing} of {of} (no area).' }
    ]
  },
  population: {
    imd_decile: [
      { figure: 'Deprivation gradient', views: 'Equity', sentence: 'The deprivation gradient leaves out {missing} of {of} (no deprivation decile).' }
    ],
    pop_0_17: [
      { figure: 'Children and young people gap', views: 'Capacity, Equity', sentence: 'The children and young people gap has no population share for {missing} of {of} (no population aged 0–17).' }
    ],
    pop_65_plus: [
      { figure: 'Need index (fair share)', views: 'Map, Equity', sentence: 'The need index counts {missing} of {of} as average on age (no population aged 65+).' }
    ]
  }
};

/** The figures a field feeds (none for a field no figure reads). */
export function usesOf(extract: ExtractKind, check: string): readonly FigureUse[] {
  return FIELD_USES[extract]?.[check] ?? [];
}
