/**
 * SQL for the Pathways view (issue 19): referrals received in the period counted by referral source,
 * service category, the sector of the provider they went to, and recorded status. One small cube (at most
 * sources × services × sectors × statuses rows) from which domain/pathways/ makes the flows between the
 * stages and the outcome rates by source and by service, so the flows and the rates cannot disagree.
 * Conventions, the period and the filters are as in capacity.ts (FILTERS_APPLIED.pathways).
 *
 * - sector: the providers extract's sector for the referral's provider_id (its row with the latest
 *   contract start, as fundingContinuity names a provider); null when the referral names no provider
 *   (has_provider false) or the provider is not in the extract or has no sector.
 * - status: as loaded (ingest maps the synonyms to waiting, accepted, declined, completed, dna, withdrawn); null when blank.
 */
import type { DbClient, SqlParam } from '../client';
import type { PathwayCell } from '../../domain/pathways/stages';
import { providerSectorsSql } from './provider-sector';
import { AGG } from './aggregates';
import { andAll, filterConditions, inPeriod, inSummaryPeriod, measureTables, REFERRAL_COLUMNS, validPeriod, type CapacityOptions, type FilterColumns } from './capacity';

/**
 * Whether the summary (aggregates.ts AGG.pathways, keyed by area, month, source, service, sector and status) can
 * answer: no provider or age-band filter. Otherwise the records are read.
 */
export function pathwaysFromSummaries(opts: CapacityOptions): boolean {
  return !opts.providers?.length && !opts.ageBands?.length;
}

/** The summary's filter columns (pathwaysFromSummaries says the others are unset). */
const SUMMARY_COLUMNS: FilterColumns = { areaCodes: 'area_code', serviceCategories: 'service_category', referralSources: 'referral_source' };

/**
 * Parameters: from, to, then the referral filters. `read`: from the summary (when it can answer) or the records
 * (the tests ask for both, to check one against the other).
 */
export function pathwayCellsSql(
  have: ReadonlySet<string>, opts: CapacityOptions, read: 'summaries' | 'records' = pathwaysFromSummaries(opts) ? 'summaries' : 'records'
): { sql: string; params: SqlParam[] } {
  const params: SqlParam[] = [];
  if (read === 'summaries') {
    if (!pathwaysFromSummaries(opts)) throw new Error('the summary tables cannot answer this: read the records');
    const sql = `SELECT referral_source AS source, service_category AS service, sector, has_provider, status, sum(n)::INTEGER AS n
FROM ${AGG.pathways}
WHERE ${inSummaryPeriod('month', opts, params)}${andAll(filterConditions(opts, 'pathways', SUMMARY_COLUMNS, params))}
GROUP BY ALL
ORDER BY ALL`;
    return { sql, params };
  }
  // Counted first by provider (a few hundred), then joined to the providers: the join never sees a record.
  const sql = `WITH r AS (SELECT referral_source, service_category, provider_id, status, count(*) AS n FROM referrals
  WHERE ${inPeriod('referral_date', opts, params)}${andAll(filterConditions(opts, 'pathways', REFERRAL_COLUMNS, params))}
  GROUP BY ALL),
info AS (${providerSectorsSql(have)})
SELECT r.referral_source AS source, r.service_category AS service, info.sector, r.provider_id IS NOT NULL AS has_provider,
  r.status, sum(r.n)::INTEGER AS n
FROM r LEFT JOIN info USING (provider_id)
GROUP BY ALL
ORDER BY ALL`;
  return { sql, params };
}

/** The cube of referrals by source, service, provider sector and status (empty without referrals or for a bad period). */
export async function pathwayCells(db: DbClient, opts: CapacityOptions, known?: ReadonlySet<string>): Promise<PathwayCell[]> {
  if (!validPeriod(opts)) return [];
  const have = known ?? (await measureTables(db));
  if (!have.has('referrals')) return [];
  const { sql, params } = pathwayCellsSql(have, opts);
  return db.query<PathwayCell>(sql, params);
}
