/**
 * The same cells are hidden on every view: Capacity's children and young people chart hides the gaps
 * Equity's table hides, secondary suppression within parents included.
 */
import { expect, test } from 'vitest';
import { cypGap } from '../../src/lib/domain/capacity';
import { cypRows } from '../../src/lib/domain/equity/cyp-variety';
import { cypHiddenCells, showCyp } from '../../src/lib/domain/equity/disclosure';
import type { CypRow } from '../../src/lib/domain/equity/cyp-variety';

const area = (code: string, cyp: number, known: number) =>
  cypGap({ area_code: code, area_name: code, referrals: known, age_known: known, cyp_referrals: cyp, population: 100_000, pop_0_17: 20_000 });

/** The areas with a hidden cell in a column, by Capacity's rule. */
const hiddenIn = (gaps: ReturnType<typeof area>[], parentOf: (c: string) => string, options: { maxSuppressed: number }, column: keyof CypRow & string = 'gap') => {
  const hidden = cypHiddenCells(cypRows(gaps), parentOf, options);
  return new Set(gaps.map((g) => g.area_code).filter((code) => hidden(code, column)));
};

test('Capacity hides the CYP cells Equity hides for the same areas and period, secondary included', () => {
  // ICB X: A has 3 children and young people's referrals (1–7: primary); B (30) and C (12) are its
  // neighbours in X, so the smaller, C, is hidden too or A's count = X's total − B − C. ICB Y is untouched.
  const gaps = [area('A', 3, 200), area('B', 30, 400), area('C', 12, 300), area('D', 25, 250), area('E', 40, 500)];
  const parentOf = (code: string) => (['A', 'B', 'C'].includes(code) ? 'X' : 'Y');
  const options = { maxSuppressed: 7 };
  const hidden = hiddenIn(gaps, parentOf, options);
  const equity = showCyp(cypRows(gaps), parentOf, options);
  for (const column of ['gap', 'cypReferrals', 'agedReferrals', 'referralShare'] as const) {
    const equityHidden = new Set(equity.rows.filter((_, i) => equity.isSuppressed(i, column)).map((r) => r.code));
    expect([...hiddenIn(gaps, parentOf, options, column)].sort(), column).toEqual([...equityHidden].sort());
  }
  expect(hidden.has('A')).toBe(true);
  // Primary suppression alone (what Capacity did before) would have shown a second area of X.
  expect([...hidden].filter((c) => c !== 'A').length).toBeGreaterThan(0);
  expect(hidden.has('B') || hidden.has('C')).toBe(true);
  // With no small count, nothing is hidden; with the threshold at 2, A's 3 shows.
  expect(hiddenIn(gaps.slice(1), parentOf, options).size).toBe(0);
  expect(hiddenIn(gaps, parentOf, { maxSuppressed: 2 }).size).toBe(0);
});
