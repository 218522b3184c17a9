/**
 * Next year's budget split toward fair shares at a chosen pace (issue 17; method in docs/methods.md,
 * "Allocation planner"). Pure: areas in, allocations out.
 *
 *   Baseline Aᵢ: the area's funding in the baseline year. Share sᵢ: its need-weighted share (sums to 1).
 *   Target Tᵢ = sᵢ × B for next year's budget B.
 *   Floor Fᵢ = Aᵢ(1 + g_min), or Aᵢ(1 + g_over) for an area more than X over its target in the baseline
 *   year (Aᵢ > (1 + X) sᵢ ΣA: its position as the Map shows it, so the floors do not move with B).
 *   Cap Cᵢ = Aᵢ(1 + g_max) when a maximum uplift is set (never below the floor).
 *   Water-filling: the level L with Σ clamp(Tᵢ(1 − L), Fᵢ, Cᵢ) = B; Nᵢ = clamp(Tᵢ(1 − L), Fᵢ, Cᵢ). No area that
 *   receives water-filled money ends more than L below its target, the furthest below gain first, and there
 *   are no cliff edges. Once every area reaches its target (L ≤ 0) what remains is shared in proportion to
 *   Tᵢ (areas at their cap held, the rest shared again).
 *   Whole pounds by largest remainder, so ΣNᵢ = B exactly (floors are whole pounds, rounded up).
 */

export interface AllocationArea {
  code: string;
  /** Aᵢ: funding in the baseline year, £. */
  baseline: number;
  /** sᵢ: need-weighted share, 0..1 (the shares sum to 1). */
  share: number;
}

export interface AllocationPolicy {
  /** B: next year's budget, £ (whole pounds). */
  budget: number;
  /** g_min: the uplift every area gets at least (0 = flat cash). */
  minUplift: number;
  /** X: an area more than this fraction over target in the baseline year gets `overUplift` instead. */
  overThreshold: number;
  /** g_over. */
  overUplift: number;
  /** g_max, or null for no maximum. */
  maxUplift: number | null;
}

export interface AreaAllocation extends AllocationArea {
  target: number;
  floor: number;
  cap: number | null;
  /** Nᵢ, whole pounds. */
  allocation: number;
  /** Over target by more than X in the baseline year (floor at g_over). */
  overTarget: boolean;
  /** Received more than its floor by water-filling (below target or sharing the surplus). */
  filled: boolean;
  /** Held at its cap. */
  capped: boolean;
}

export type AllocationResult =
  | { ok: true; areas: AreaAllocation[]; level: number }
  | { ok: false; reason: 'unaffordable'; floorTotal: number; largestMinUplift: number | null; message: string }
  /** The maximum uplift keeps the areas from spending the budget. */
  | { ok: false; reason: 'capped'; capTotal: number; smallestMaxUplift: number; message: string };

/** Fraction over (+) or under (−) target: (N − T) / T; null without a target. */
export const distanceFromTarget = (amount: number, target: number): number | null => (target > 0 ? (amount - target) / target : null);

export function allocate(areas: AllocationArea[], policy: AllocationPolicy): AllocationResult {
  const B = Math.round(policy.budget);
  const baseTotal = areas.reduce((s, a) => s + a.baseline, 0);
  const overTarget = areas.map((a) => a.share > 0 && a.baseline > (1 + policy.overThreshold) * a.share * baseTotal);
  const floors = areas.map((a, i) => wholeUp(a.baseline * (1 + (overTarget[i] ? policy.overUplift : policy.minUplift))));
  const floorTotal = floors.reduce((s, f) => s + f, 0);
  if (floorTotal > B) {
    // The largest g_min the budget pays for, the over-target areas' floors as set.
    const held = areas.reduce((s, a, i) => s + (overTarget[i] ? a.baseline * (1 + policy.overUplift) : 0), 0);
    const rest = areas.reduce((s, a, i) => s + (overTarget[i] ? 0 : a.baseline), 0);
    // Rounded down to a hundredth of a percent, so the uplift quoted is affordable.
    const g = rest > 0 && B - held > 0 ? Math.floor(((B - held) / rest - 1) * 10000 + 1e-9) / 10000 : null;
    return {
      ok: false, reason: 'unaffordable', floorTotal, largestMinUplift: g,
      message: `The floors alone cost £${floorTotal.toLocaleString('en-GB')}, more than the budget of £${B.toLocaleString('en-GB')}. ` +
        (g === null ? 'No minimum uplift is affordable with the over-target areas held where they are.' : `The largest minimum uplift this budget affords is ${pct(g)}.`)
    };
  }
  const caps = areas.map((a, i) => (policy.maxUplift === null ? null : Math.max(floors[i]!, a.baseline * (1 + policy.maxUplift))));
  const capTotal = caps.reduce<number>((s, c) => s + (c ?? Infinity), 0);
  if (capTotal < B) {
    // The smallest g_max that lets the areas take the whole budget, rounded up to a hundredth of a percent.
    const at = (g: number) => areas.reduce((s, a, i) => s + Math.max(floors[i]!, a.baseline * (1 + g)), 0);
    const g = Math.ceil(bisect(at, policy.maxUplift!, policy.maxUplift! + 100, B) * 10000 - 1e-9) / 10000;
    return {
      ok: false, reason: 'capped', capTotal, smallestMaxUplift: g,
      message: `With a maximum uplift of ${pct(policy.maxUplift!)} the areas can take only £${Math.floor(capTotal).toLocaleString('en-GB')} of the £${B.toLocaleString('en-GB')} budget. Raise the maximum uplift to at least ${pct(g)}, or remove it.`
    };
  }
  const targets = areas.map((a) => a.share * B);
  const { amounts, level } = waterFill(targets, floors, caps, B);
  const whole = largestRemainder(amounts, B, floors);
  return {
    ok: true,
    level,
    areas: areas.map((a, i) => ({
      ...a, target: targets[i]!, floor: floors[i]!, cap: caps[i]!, allocation: whole[i]!, overTarget: overTarget[i]!,
      filled: amounts[i]! > floors[i]! + 1e-6, capped: caps[i] !== null && amounts[i]! >= caps[i]! - 1e-6 && caps[i]! > floors[i]!
    }))
  };
}

const wholeUp = (x: number) => Math.ceil(x - 1e-9);
const pct = (x: number) => `${(x * 100).toFixed(2).replace(/\.?0+$/, '')}%`;

/**
 * Amounts with Σ = B: clamp(Tᵢ(1 − L), Fᵢ, Cᵢ) at the level L that spends B (found by bisection on the
 * amount per unit of target W = 1 − L, which the total rises with); above every target, the surplus shared
 * in proportion to Tᵢ among areas below their caps.
 */
function waterFill(T: number[], F: number[], C: (number | null)[], B: number): { amounts: number[]; level: number } {
  const clamp = (i: number, x: number) => Math.min(C[i] ?? Infinity, Math.max(F[i]!, x));
  const total = (w: number) => T.reduce((s, t, i) => s + clamp(i, t * w), 0);
  const cappedTotal = C.every((c) => c !== null) ? (C as number[]).reduce((s, c) => s + c, 0) : Infinity;
  // Reaching every target (w = 1) costs Σ clamp(Tᵢ, Fᵢ, Cᵢ): below that, water-fill; above it, share the surplus.
  if (total(1) >= B) {
    const w = bisect(total, 0, 1, B);
    return { amounts: T.map((t, i) => clamp(i, t * w)), level: 1 - w };
  }
  if (cappedTotal <= B) return { amounts: C as number[], level: 0 }; // Σ caps = B exactly (allocate refuses less)
  // Surplus: Nᵢ = clamp(max(Fᵢ, Tᵢ) + r Tᵢ, Fᵢ, Cᵢ), r found as W was.
  const base = T.map((t, i) => Math.max(F[i]!, t));
  const surplusTotal = (r: number) => T.reduce((s, t, i) => s + clamp(i, base[i]! + r * t), 0);
  let hi = 1;
  while (surplusTotal(hi) < B && hi < 1e12) hi *= 2;
  const r = bisect(surplusTotal, 0, hi, B);
  return { amounts: T.map((t, i) => clamp(i, base[i]! + r * t)), level: 0 };
}

/** x in [lo, hi] with f(x) = target, f rising (to well under a penny on any budget). */
function bisect(f: (x: number) => number, lo: number, hi: number, target: number): number {
  for (let k = 0; k < 200 && hi - lo > 1e-15 * Math.max(1, hi); k++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Whole pounds summing to B: each amount rounded down (never below its whole-pound floor), then the pounds
 * left go one each to the largest remainders (ties to the earlier area, so the result is reproducible).
 */
export function largestRemainder(amounts: number[], B: number, floors: number[] = []): number[] {
  const down = amounts.map((x, i) => Math.max(Math.floor(x + 1e-9), floors[i] ?? -Infinity));
  let left = B - down.reduce((s, x) => s + x, 0);
  const order = amounts.map((x, i) => ({ i, frac: x - down[i]! })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  const out = [...down];
  for (let k = 0; left > 0 && order.length; k = (k + 1) % order.length, left--) {
    const i = order[k]!.i;
    out[i] = out[i]! + 1;
  }
  for (let k = order.length - 1; left < 0 && k >= 0; k--) {
    const i = order[k]!.i;
    if (out[i]! - 1 >= (floors[i] ?? -Infinity)) {
      out[i] = out[i]! - 1;
      left++;
    }
  }
  return out;
}
