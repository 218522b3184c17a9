/**
 * funding.csv: money per area, financial year and funder. Each area-year total is
 * £6.20 × population × need × the area's funding ratio (story.mjs) in 2023/24, a little
 * less before and more after, then split into:
 * - long contracts (≥ 12 months):
 *   - ARRS link worker reimbursement, one line per provider hosting link workers:
 *     its FTE × a share of them that is ARRS-funded (45–80%) × about £38k–£42k a
 *     year (capped at 75% of the long money);
 *   - ICB and usually council money for the rest, either annual (April–March) or one
 *     three-year contract (listed once per year, with that year's amount);
 * - short contracts (< 12 months): grants of 3–9 months, the bulk of the money in
 *   grant-dependent areas, more of them in areas with more services.
 * Amounts are pounds with pence. Each row names a provider of the same area.
 */
import { DATA_END, DATA_START, FINANCIAL_YEARS, addMonths, iso } from './dates.mjs';
import { BASE_FUNDING_PER_HEAD } from './story.mjs';
import { round } from './random.mjs';

/** Year-on-year level of funding, 2022/23 to 2024/25. */
export const YEAR_LEVEL = [0.92, 1.0, 1.06];

/** Roughly what ARRS reimburses per link worker FTE a year, 2022/23 to 2024/25. */
const ARRS_PER_FTE = [38_000, 40_000, 42_000];

const LONG_STREAMS = /** @type {const} */ ([
  { funder: 'ICB', streams: ['ICB core commissioning', 'ICB health inequalities fund'], weight: 2 },
  { funder: 'council', streams: ['Public health grant', 'Adult social care prevention'], weight: 1.2 }
]);

const SHORT_STREAMS = /** @type {const} */ ([
  { funder: 'grant', streams: ['National Lottery Community Fund', 'Arts Council project grant', 'Sport England small grant', 'Green social prescribing test and learn', 'Charitable trust grant'], weight: 6 },
  { funder: 'council', streams: ['Household Support Fund', 'Council community grant'], weight: 1.5 },
  { funder: 'ICB', streams: ['ICB winter pressures fund'], weight: 1 },
  { funder: 'other', streams: ['Housing association partnership', 'Corporate donation', 'Trust fundraising'], weight: 1.5 }
]);

/**
 * @typedef {{
 *   funding_id: string, area_code: string, period: string, amount_gbp: number, funder: string,
 *   provider_id: string, contract_start: string, contract_end: string, funding_stream: string
 * }} FundingRow
 */

/**
 * Splits `total` into parts proportional to `weights`, in pence, summing exactly.
 * @param {number} total
 * @param {number[]} weights
 */
function splitPounds(total, weights) {
  const pence = Math.round(total * 100);
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((pence * w) / sum));
  parts[0] = /** @type {number} */ (parts[0]) + pence - parts.reduce((a, b) => a + b, 0);
  return parts.map((p) => p / 100);
}

/**
 * @param {import('./population.mjs').PopulationRow[]} population
 * @param {Map<string, import('./story.mjs').AreaModel>} model
 * @param {import('./providers.mjs').ProviderRow[]} providers
 * @param {import('./random.mjs').Rng} rng
 * @returns {FundingRow[]}
 */
export function buildFunding(population, model, providers, rng) {
  /** @type {FundingRow[]} */
  const rows = [];
  for (const area of population) {
    const m = /** @type {import('./story.mjs').AreaModel} */ (model.get(area.area_code));
    const own = providers.filter((p) => p.area_code === area.area_code);
    const lead = /** @type {import('./providers.mjs').ProviderRow} */ (own[0]);
    // ARRS pays for link workers: one line per provider with at least one FTE.
    const hosts = own.filter((p) => p.link_worker_fte >= 1);
    const arrsHosts = hosts.length ? hosts : [lead];
    const arrsShare = rng.uniform(0.6, 0.9);
    // Long streams this area has, each either annual or one three-year contract.
    const long = LONG_STREAMS.filter((s) => s.funder !== 'council' || rng.chance(0.7)).map((s) => ({
      ...s,
      stream: rng.pick(s.streams),
      multiYear: rng.chance(0.5),
      provider: s.funder === 'council' ? rng.pick(own) : lead
    }));
    const grantCount = () => (m.grantDependent ? rng.int(3, 6) + Math.floor(own.length / 4) : rng.int(1, 3) + Math.floor(own.length / 8));

    FINANCIAL_YEARS.forEach((fy, y) => {
      const total = area.population * BASE_FUNDING_PER_HEAD * m.need * m.fundingRatio * /** @type {number} */ (YEAR_LEVEL[y]) * rng.lognormal(0.05);
      const [longTotal, shortTotal] = splitPounds(total, [1 - m.shortTermShare, m.shortTermShare]);

      const arrsWanted = arrsHosts.reduce((s, p) => s + p.link_worker_fte, 0) * arrsShare * /** @type {number} */ (ARRS_PER_FTE[y]);
      const arrsPounds = Math.min(arrsWanted, 0.75 * /** @type {number} */ (longTotal));
      const [arrsTotal, otherLong] = splitPounds(/** @type {number} */ (longTotal), [arrsPounds, /** @type {number} */ (longTotal) - arrsPounds]);
      const arrsAmounts = splitPounds(/** @type {number} */ (arrsTotal), arrsHosts.map((p) => p.link_worker_fte));
      arrsHosts.forEach((p, i) => {
        rows.push(row(area.area_code, fy.period, /** @type {number} */ (arrsAmounts[i]), 'PCN/ARRS', p.provider_id, fy.start, fy.end, 'ARRS link worker reimbursement'));
      });

      const longAmounts = splitPounds(/** @type {number} */ (otherLong), long.map((s) => s.weight * rng.uniform(0.7, 1.3)));
      long.forEach((s, i) => {
        rows.push(row(area.area_code, fy.period, /** @type {number} */ (longAmounts[i]), s.funder, s.provider.provider_id,
          s.multiYear ? DATA_START : fy.start, s.multiYear ? DATA_END : fy.end, s.stream));
      });

      const grants = Array.from({ length: grantCount() }, () => {
        const source = rng.weighted(SHORT_STREAMS, SHORT_STREAMS.map((s) => s.weight));
        const months = rng.pick([3, 4, 6, 6, 6, 9]);
        const start = addMonths(fy.start, rng.int(0, 12 - months));
        return { source, stream: rng.pick(source.streams), start, end: addMonths(start, months) - 1 };
      });
      const grantAmounts = splitPounds(/** @type {number} */ (shortTotal), grants.map(() => rng.uniform(0.5, 1.5)));
      grants.forEach((g, i) => {
        rows.push(row(area.area_code, fy.period, /** @type {number} */ (grantAmounts[i]), g.source.funder, rng.pick(own).provider_id, g.start, g.end, g.stream));
      });
    });
  }
  rows.forEach((r, i) => (r.funding_id = `F${String(i + 1).padStart(6, '0')}`));
  return rows;
}

/**
 * @param {string} area_code @param {string} period @param {number} amount @param {string} funder
 * @param {string} provider_id @param {number} start @param {number} end @param {string} stream
 * @returns {FundingRow}
 */
function row(area_code, period, amount, funder, provider_id, start, end, stream) {
  return {
    funding_id: '',
    area_code,
    period,
    amount_gbp: round(amount, 2),
    funder,
    provider_id,
    contract_start: iso(start),
    contract_end: iso(end),
    funding_stream: stream
  };
}
