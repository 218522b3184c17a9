/**
 * League-table ranks with 1 = worst, so "rank 1 of 23" always reads as "the area most in need of
 * attention" whatever the measure. Ties share the better-placed rank and the next rank is skipped
 * (1, 2, 2, 4), as published league tables do. Missing values get no rank and do not count in N.
 *
 * higherIsBetter: true → the lowest value is rank 1; false → the highest is; null (no direction,
 * e.g. a referral rate that may mean need as much as access) → the highest is rank 1.
 */
export function worstFirstRanks(values: (number | null)[], higherIsBetter: boolean | null): (number | null)[] {
  const sign = higherIsBetter === true ? 1 : -1;
  // Sorted keys and a binary search: rank = 1 + how many keys are strictly smaller (fast for 30k LSOAs too).
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).map((v) => v * sign).sort((a, b) => a - b);
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return null;
    const key = v * sign;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  });
}
