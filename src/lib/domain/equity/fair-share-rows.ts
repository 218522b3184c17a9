/**
 * Funding against need for the Equity view: the fair-share table and the Lorenz curve with its Gini, both
 * from the Map's per-area measures (domain/measures.ts computeAreaMeasures: need index, fair share, DfT and
 * £ gap are computed there and only there).
 *
 * Lorenz: areas in order of funding per need-weighted head (need-weighted population = population × need
 * index), lowest first; x = cumulative share of need-weighted population, y = cumulative share of funding
 * (stats/gini.ts). The table lists the areas in that same order with their cumulative shares, so it is the
 * curve's own twin. Only areas in the population extract with funding data count (as for fair shares).
 */
import type { AreaMeasureRow } from '../measures';
import { giniOfFundingPerHead, type GiniResult } from '../stats/gini';

export interface FairShareRow extends Record<string, unknown> {
  code: string;
  name: string;
  population: number | null;
  needIndex: number | null;
  funding: number | null;
  fairShare: number | null;
  /** Fraction: −0.2 = 20% below fair share. */
  dft: number | null;
  gap: number | null;
}

export function fairShareRows(rows: readonly AreaMeasureRow[]): FairShareRow[] {
  return rows
    .filter((r) => r.population !== null && r.population > 0)
    .map((r) => ({
      code: r.area_code, name: r.area_name ?? r.area_code, population: r.population, needIndex: r.need_index, funding: r.funding,
      fairShare: r.fair_share, dft: r.measures.dft.value, gap: r.measures.gap_gbp.value
    }));
}

export interface LorenzArea {
  code: string;
  name: string;
  funding: number;
  needWeightedPopulation: number;
  /** £ per need-weighted head; Infinity for funding with no need-weighted population. */
  perHead: number;
  /** The curve's point after this area. */
  populationShare: number;
  fundingShare: number;
}

export interface Lorenz {
  gini: number;
  /** The curve, from (0, 0): one point per area after that. */
  points: GiniResult['lorenz'];
  /** The areas in curve order, for the table twin and tooltips. */
  areas: LorenzArea[];
}

/** Null when there is no funding or no need-weighted population (giniOfFundingPerHead's empty cases). */
export function lorenzOfFunding(rows: readonly AreaMeasureRow[]): Lorenz | null {
  const areas = rows
    .filter((r) => r.population !== null && r.population > 0 && r.need_index !== null && r.funding !== null && Number.isFinite(r.funding))
    .map((r) => ({ code: r.area_code, name: r.area_name ?? r.area_code, funding: r.funding!, needWeightedPopulation: r.population! * r.need_index! }));
  const result = giniOfFundingPerHead(areas);
  if (!result) return null;
  const perHead = (a: { funding: number; needWeightedPopulation: number }) =>
    a.needWeightedPopulation > 0 ? a.funding / a.needWeightedPopulation : a.funding > 0 ? Infinity : 0;
  // The same order as giniOfFundingPerHead (a stable sort on the same key), so point k belongs to area k.
  const ordered = areas.map((a) => ({ ...a, perHead: perHead(a) })).sort((a, b) => {
    const d = a.perHead - b.perHead;
    return Number.isNaN(d) ? 0 : d;
  });
  return {
    gini: result.gini,
    points: result.lorenz,
    areas: ordered.map((a, i) => ({ ...a, populationShare: result.lorenz[i + 1]!.populationShare, fundingShare: result.lorenz[i + 1]!.fundingShare }))
  };
}

