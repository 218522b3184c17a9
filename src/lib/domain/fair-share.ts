/**
 * Fair share and distance from target (SPEC section 3), as NHS allocations report them.
 *
 *   fair share_i = total funding × weighted_pop_i / Σ weighted_pop
 *   DfT_i        = (actual_i − fair share_i) / fair share_i        (a fraction; −0.2 = 20% under)
 *   gap_i (£)    = actual_i − fair share_i
 *
 * weighted_pop is population × need index; with no need index it is the population itself.
 * Areas with zero or missing weighted population get no fair share and a null DfT.
 */

export interface AreaFunding {
  area_code: string;
  area_name?: string | null;
  funding: number;
  weighted_population: number;
}

export interface FairShareRow extends AreaFunding {
  fair_share: number | null;
  gap_gbp: number | null;
  dft: number | null;
}

export function fairShares(areas: AreaFunding[]): FairShareRow[] {
  const valid = areas.filter((a) => Number.isFinite(a.weighted_population) && a.weighted_population > 0);
  const total = valid.reduce((s, a) => s + (Number.isFinite(a.funding) ? a.funding : 0), 0);
  const weight = valid.reduce((s, a) => s + a.weighted_population, 0);
  return areas.map((a) => {
    if (!(a.weighted_population > 0) || weight === 0) return { ...a, fair_share: null, gap_gbp: null, dft: null };
    const fair = (total * a.weighted_population) / weight;
    return { ...a, fair_share: fair, gap_gbp: a.funding - fair, dft: fair > 0 ? (a.funding - fair) / fair : null };
  });
}
