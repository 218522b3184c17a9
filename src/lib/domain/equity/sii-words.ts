/**
 * The SII and RII in words a board member understands:
 *   "The most deprived areas receive £0.80 less funding per head a year than the least deprived
 *    (95% confidence interval £0.40 to £1.20 less)."
 *   "The most deprived areas have 3.2 more referrals per 1,000 people a year than the least deprived (…)."
 *
 * The SII is (least deprived − most deprived), so a positive SII means the most deprived get less (fewer)
 * and a negative one more. The interval is put the same way; when it spans zero both ends are named
 * ("from £0.10 more to £1.20 less") and the sentence says the difference could be chance. The RII is
 * least ÷ most: "about 1.25 times as much in the least deprived areas as in the most deprived".
 * Figures are rounded for reading: £ to the penny, rates to one decimal place, the RII to two.
 */
import type { SiiResult } from '../stats/sii';
import type { QuantileGrouping, SiiMeasure } from './gradient';

interface Phrasing {
  /** The amount with its unit: "£0.80", "3.2". */
  amount: (v: number) => string;
  /** What the most deprived get, before "than the least deprived": "receive £0.80 less funding per head a year". */
  lead: (amount: string, direction: 'less' | 'more') => string;
  less: string;
  more: string;
  /** For the RII: "funding per head", "the referral rate". */
  noun: string;
}

// Formatters made once: toLocaleString with options makes one per call, ~5 ms for the SII lines of one view.
const twoPlaces = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const onePlace = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const pounds = (v: number) => `£${twoPlaces.format(Math.abs(v))}`;
const oneDecimal = (v: number) => onePlace.format(Math.abs(v));

const PHRASING: Record<SiiMeasure, Phrasing> = {
  funding_per_head: {
    amount: pounds,
    lead: (a, d) => `receive ${a} ${d} funding per head a year`,
    less: 'less',
    more: 'more',
    noun: 'funding per head'
  },
  referral_rate: {
    amount: oneDecimal,
    lead: (a, d) => `have ${a} ${d === 'less' ? 'fewer' : 'more'} referrals per 1,000 people a year`,
    less: 'fewer',
    more: 'more',
    noun: 'the referral rate'
  }
};

export interface SiiWords {
  /** The main sentence, with the interval when there is one. */
  sii: string;
  /** The RII sentence; null when the RII is undefined. */
  rii: string | null;
  /** The interval includes no difference at all. */
  couldBeChance: boolean;
}

const groupWord = (g: QuantileGrouping) => (g === 'decile' ? 'decile' : 'quintile');

export function siiWords(measure: SiiMeasure, result: SiiResult, grouping: QuantileGrouping, hasInterval = true): SiiWords {
  const p = PHRASING[measure];
  const limits = hasInterval ? (result.limits.find((l) => l.confidence === 0.95) ?? null) : null;
  const direction = result.sii >= 0 ? 'less' : 'more';
  const amount = p.amount(result.sii);
  const head = amount === p.amount(0)
    ? `The most deprived areas and the least deprived ${measure === 'funding_per_head' ? 'receive the same funding per head' : 'have the same referral rate'}`
    : `The most deprived areas ${p.lead(amount, direction)} than the least deprived`;
  let interval = '';
  let couldBeChance = false;
  if (limits) {
    const { siiLower: lo, siiUpper: hi } = limits;
    if (lo > 0) interval = ` (95% confidence interval ${p.amount(lo)} to ${p.amount(hi)} ${p.less})`;
    else if (hi < 0) interval = ` (95% confidence interval ${p.amount(hi)} to ${p.amount(lo)} ${p.more})`;
    else {
      couldBeChance = true;
      interval = ` (95% confidence interval from ${p.amount(lo)} ${p.more} to ${p.amount(hi)} ${p.less}; the difference could be chance)`;
    }
  }
  const sentence = `${head}${interval}.`;

  let rii: string | null = null;
  if (result.rii !== null && Number.isFinite(result.rii)) {
    const ratio = (v: number) => twoPlaces.format(v);
    const riiLimits = limits && limits.riiLower !== null && limits.riiUpper !== null ? ` (95% confidence interval ${ratio(limits.riiLower)} to ${ratio(limits.riiUpper)})` : '';
    rii = `Relative index of inequality: ${p.noun} at the least deprived end is ${ratio(result.rii)} times that at the most deprived end${riiLimits}; ` +
      `both figures compare the ends of a line fitted through the ${groupWord(grouping)}s, weighted by population.`;
  }
  return { sii: sentence, rii, couldBeChance };
}
