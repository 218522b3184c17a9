/**
 * The allocation planner's method in plain words, with the scenario's own numbers: shown under "How this is
 * calculated" on the Plan view and carried into the board pack's methods annex. One text, so the two never
 * differ. (docs/methods.md gives the same method with its formulas.)
 */
import type { NeedWeights } from '../need';
import type { Scenario } from './plan-outcome';

const pct = (v: number) => `${v}%`;

export function planMethod(s: Scenario, weights: NeedWeights, fy: string | null): string[] {
  const budget = s.budget.kind === 'pct' ? `${pct(s.budget.value)} more than the baseline total` : `£${s.budget.value.toLocaleString('en-GB')}`;
  return [
    `Baseline: each area's funding in ${fy ?? 'the baseline year'}. Target: the area's need-weighted share of next year's budget (${budget}), ` +
      `with need weights ${weights.deprivation} for deprivation and ${weights.age} for age 65+, as on the Map. ` +
      'The plan is for the areas funded in the baseline year or in the population extract; an area seen only in the referrals or providers is named and left out.',
    `Floor: every area keeps at least its baseline plus ${pct(s.minUplift)}; an area more than ${pct(s.overThreshold)} over its target in the ` +
      `baseline year keeps its baseline plus ${pct(s.overUplift)} instead. If the floors cost more than the budget, the planner says so and gives the ` +
      'largest minimum uplift the budget affords.',
    'The money left after the floors goes to the areas furthest below their targets first: it raises them together until the money runs out, so ' +
      'every area that gains ends the same distance (L) below its target and none ends further below. If every area reaches its target, the rest is ' +
      'shared in proportion to the targets.' +
      (s.maxUplift === null ? '' : ` No area gains more than ${pct(s.maxUplift)}; the money that would take it past that goes to the others.`),
    'Allocations are whole pounds (the pounds left by rounding go to the largest remainders), so they add up to the budget exactly.'
  ];
}
