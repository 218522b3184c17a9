/** SQL for a provider's sector, as the Pathways view and the partnership reach summary both read it. */

/**
 * Each provider's sector: its providers row with the latest contract start (an empty query without providers).
 * The Pathways cube and the summary the Map's partnership reach reads (aggregates.ts AGG.sources) both join it.
 */
export function providerSectorsSql(have: ReadonlySet<string>): string {
  return have.has('providers')
    ? `SELECT provider_id, arg_max(sector, coalesce(contract_start, DATE '0001-01-01')) AS sector FROM providers WHERE provider_id IS NOT NULL GROUP BY provider_id`
    : `SELECT NULL::VARCHAR AS provider_id, NULL::VARCHAR AS sector WHERE false`;
}
