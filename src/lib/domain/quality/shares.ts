/**
 * Completeness as shown: a check's counts in a group (db/sql/quality.ts) become a share, flagged below the
 * threshold and hidden by the small-number rule (stats/suppression.ts). Pure.
 *
 * Completeness = rows with a usable value ÷ rows the value is expected of. No rows expected: no share
 * (not 100%). Flagged: a share below the threshold (default 90%, the user's choice kept in the URL).
 * Hidden: the share when either count is small (1 to the threshold of the small-number rule: a
 * percentage of a small denominator, or one that gives a small count back); each count when it is small.
 * A hidden share is still flagged: that a small group is short of a field says nothing about anyone.
 */
import { isSmallCount, type SuppressionOptions } from '../stats/suppression';

/** Below this share a field, area or month is flagged. */
export const DEFAULT_THRESHOLD = 0.9;
/** The threshold the view offers, in whole percent. */
export const THRESHOLD_RANGE = { min: 50, max: 100 } as const;

/** The threshold from the URL's `min` (whole percent, 50 to 100); anything else gives the default. */
export function parseThreshold(raw: string | null): number {
  if (raw === null || raw.trim() === '') return DEFAULT_THRESHOLD;
  const n = Number(raw);
  return Number.isInteger(n) && n >= THRESHOLD_RANGE.min && n <= THRESHOLD_RANGE.max ? n / 100 : DEFAULT_THRESHOLD;
}

export interface ShareCell {
  /** Rows the value is expected of. */
  of: number;
  /** Of those, rows with a usable value. */
  ok: number;
  /** ok ÷ of; null when no row is expected to have it. */
  share: number | null;
  flagged: boolean;
  /** The share is not shown (small counts). */
  hidden: boolean;
  ofHidden: boolean;
  okHidden: boolean;
}

export function shareCell(of: number, ok: number, threshold: number, suppression: Partial<SuppressionOptions>): ShareCell {
  const share = of > 0 ? ok / of : null;
  const ofHidden = isSmallCount(of, suppression);
  const okHidden = isSmallCount(ok, suppression);
  return { of, ok, share, flagged: share !== null && share < threshold, hidden: share !== null && (ofHidden || okHidden), ofHidden, okHidden };
}

/**
 * A share as a sentence says it: whole percent, never "0%" or "100%" for a share that is neither
 * (a field missing from 3 rows in 1,000 is not complete).
 */
export function pctWords(share: number): string {
  if (share > 0 && share < 0.005) return 'under 1%';
  if (share < 1 && share > 0.995) return 'over 99%';
  return `${Math.round(share * 100)}%`;
}

/** "Blackpool's", "St Helens'". */
export const possessive = (name: string) => (/s$/i.test(name) ? `${name}'` : `${name}'s`);
