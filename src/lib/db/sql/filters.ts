/**
 * The values the shared filters offer, from the loaded referrals: areas (with names from the
 * population extract when there is one), service categories, referral sources and age bands, each
 * with its number of referrals so the lists can show the largest first.
 */
export function filterValuesSql(hasPopulation: boolean): string {
  const names = hasPopulation
    ? `LEFT JOIN (SELECT area_code, any_value(area_name) AS name FROM area_population GROUP BY area_code) p ON p.area_code = r.value AND r.kind = 'area'`
    : `LEFT JOIN (SELECT NULL::VARCHAR AS area_code, NULL::VARCHAR AS name WHERE false) p ON false`;
  return `WITH r AS (
  SELECT 'area' AS kind, area_code AS value, count(*) AS n FROM referrals WHERE area_code IS NOT NULL GROUP BY ALL
  UNION ALL SELECT 'service', service_category, count(*) FROM referrals WHERE service_category IS NOT NULL GROUP BY ALL
  UNION ALL SELECT 'source', referral_source, count(*) FROM referrals WHERE referral_source IS NOT NULL GROUP BY ALL
  UNION ALL SELECT 'age', age_band, count(*) FROM referrals WHERE age_band IS NOT NULL GROUP BY ALL)
SELECT r.kind, r.value, coalesce(p.name, r.value) AS label, r.n::INTEGER AS n FROM r ${names}
ORDER BY r.kind, CASE WHEN r.kind IN ('area', 'age') THEN coalesce(p.name, r.value) END, r.n DESC, r.value`;
}
