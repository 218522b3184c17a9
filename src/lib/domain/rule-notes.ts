/**
 * The referral rules in plain English, one sentence each. The SQL of each rule (db/sql/rules.ts)
 * carries its sentence, and every "how this is calculated" note that rests on a rule quotes it from
 * here, so a rule and its description cannot drift apart. (Here, not in db/, because domain/ is
 * what the notes are written in and db/ may import domain/, not the other way.)
 */
export const RULE_NOTES = {
  closedUndated: 'A referral declined, withdrawn, not attended or completed with no end date counts as closed, since we cannot tell when it closed.',
  stillWaiting: 'Waiting on a day: referred on or before it, not yet first contacted and not closed by then.',
  wait: 'Wait = days from referral to first contact, for the people first contacted in the period; a first contact dated before its referral is a data error and is left out.',
  accepted: 'Accepted: referrals taken on (accepted, completed or did not attend, or any but declined once first contacted).',
  openCaseload: 'Open caseload on a day: referrals first contacted by then and not yet closed.',
  financialYear: 'A financial year runs from 1 April to 31 March.',
  cypService: "Children and young people's services: providers whose service category mentions children, young people, youth or CYP (in any case).",
  distance: "Distance is a straight line on the earth's surface (the haversine formula), not travel time: a river, a motorway or a missing bus route can make a near service far.",
  primaryCare: 'Primary care: referral sources named GP, GP practice, general practice, PCN or primary care (in any case); every other recorded source is outside primary care.'
} as const;
