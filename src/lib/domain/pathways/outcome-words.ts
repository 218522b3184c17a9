/**
 * The sentence over an outcome chart: the largest significant excess. The comparator is the group with the
 * most referrals of known outcome (GP referrals, in most places); a group counts as significantly higher
 * when its 95% Wilson interval lies wholly above the comparator's (the intervals do not overlap, a
 * conservative test a board reader can check on the chart). Of those, the one with the largest ratio of
 * rates is named. Suppressed groups (null rate) are never named.
 */
import { fmtPct } from '../format';
import { OUTCOME_MEASURES, type OutcomeBy, type OutcomeMeasure, type OutcomeRate } from './outcomes';

/** "Hospital referrals" / "referrals to mental wellbeing". */
function groupPhrase(by: OutcomeBy, group: string, start: boolean): string {
  if (by === 'source') return `${start ? group.charAt(0).toUpperCase() + group.slice(1) : group} referrals`;
  return `${start ? 'Referrals' : 'referrals'} to ${group}`;
}

/** "twice as often", "1.6 times as often". */
export function ratioWords(ratio: number): string {
  const r = Math.round(ratio * 10) / 10;
  if (r === 2) return 'twice as often';
  if (r === 3) return 'three times as often';
  if (r === 4) return 'four times as often';
  return `${r.toFixed(1)} times as often`;
}

export interface Excess {
  sentence: string;
  /** The group named as significantly higher, or null when none is. */
  group: string | null;
  comparator: string | null;
}

export function largestExcess(rows: readonly OutcomeRate[], by: OutcomeBy, measure: OutcomeMeasure): Excess {
  const verb = OUTCOME_MEASURES[measure].verb;
  const groups = rows.filter((r): r is OutcomeRate & { group: string; rate: number; lower: number; upper: number; known: number } =>
    r.group !== null && r.rate !== null && r.lower !== null && r.upper !== null && r.known !== null);
  const ref = [...groups].sort((a, b) => b.known - a.known)[0];
  if (!ref || groups.length < 2) return { sentence: '', group: null, comparator: null };
  const higher = groups.filter((g) => g !== ref && g.lower > ref.upper);
  const kind = by === 'source' ? 'referral source' : 'service category';
  if (!higher.length) {
    return {
      sentence: `No ${kind} has referrals ${verb} significantly more often than ${groupPhrase(by, ref.group, false)} (${fmtPct(ref.rate)}): every 95% interval overlaps theirs.`,
      group: null, comparator: ref.group
    };
  }
  // Largest ratio first; a comparator rate of 0 makes every excess infinite, so then the highest rate.
  const top = [...higher].sort((a, b) => (ref.rate > 0 ? b.rate / ref.rate - a.rate / ref.rate : b.rate - a.rate) || b.known - a.known)[0]!;
  const how = ref.rate > 0 ? `${ratioWords(top.rate / ref.rate)} as` : 'more often than';
  return {
    sentence: `${groupPhrase(by, top.group, true)} are ${verb} ${how} ${groupPhrase(by, ref.group, false)} (${fmtPct(top.rate)} against ${fmtPct(ref.rate)}; the 95% intervals do not overlap).`,
    group: top.group, comparator: ref.group
  };
}
