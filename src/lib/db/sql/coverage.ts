/**
 * Whether the loaded tables belong together: for referrals, funding and providers, how many areas each
 * names, how many of those the population extract has, and how many of the extract's areas it leaves
 * out; and the financial years each covers. Read once per data change (dataset.refresh) and turned into
 * sentences by domain/coverage.ts beside the figures that combine the tables.
 */
import type { ExtractKind } from '../../domain/extracts';

export interface TableCoverage {
  table: Extract<ExtractKind, 'referrals' | 'funding' | 'providers'>;
  /** Distinct area codes the table names. */
  areas: number;
  /** Of those, how many the population extract has. */
  in_population: number;
  /** Areas of the population extract the table does not name. */
  population_only: number;
  /** Financial years covered, oldest first ('2023/24'); empty for providers. */
  years: string[];
}


/** One row per table with rows. `have`: the tables with data (referrals, funding, providers, population). */
export function coverageSql(have: ReadonlySet<string>): string | null {
  const pop = have.has('population') ? `(SELECT DISTINCT area_code FROM population WHERE area_code IS NOT NULL)` : `(SELECT NULL::VARCHAR AS area_code WHERE false)`;
  const years: Record<TableCoverage['table'], string> = {
    // Financial years as the Map labels them (fs_fy_of, macros.ts), from the distinct months only.
    referrals: `(SELECT list(DISTINCT fs_fy_of(m) ORDER BY fs_fy_of(m)) FROM (SELECT DISTINCT date_trunc('month', referral_date)::DATE AS m FROM referrals WHERE referral_date IS NOT NULL))`,
    funding: `(SELECT list(DISTINCT fy ORDER BY fy) FROM funding WHERE fy IS NOT NULL)`,
    providers: `[]::VARCHAR[]`
  };
  const parts = (['referrals', 'funding', 'providers'] as const)
    .filter((t) => have.has(t))
    .map(
      (t) => `SELECT '${t}' AS "table",
  (SELECT count(*) FROM (SELECT DISTINCT area_code FROM ${t} WHERE area_code IS NOT NULL))::INTEGER AS areas,
  (SELECT count(*) FROM (SELECT DISTINCT area_code FROM ${t} WHERE area_code IS NOT NULL) a SEMI JOIN ${pop} p USING (area_code))::INTEGER AS in_population,
  (SELECT count(*) FROM ${pop} p ANTI JOIN (SELECT DISTINCT area_code FROM ${t}) a USING (area_code))::INTEGER AS population_only,
  ${years[t]} AS years`
    );
  return parts.length ? parts.join('\nUNION ALL\n') : null;
}
