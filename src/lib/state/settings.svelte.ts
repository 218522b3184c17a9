/**
 * Settings that outlive a page: the small-number suppression threshold (SPEC: default 1–7, configurable, printed
 * in footnotes). Kept in this browser's localStorage; every view and export reads it from here, so changing it on
 * the Data page redraws every figure and footnote at once. The rules themselves are domain/stats/suppression.ts.
 */
import { DEFAULT_SUPPRESSION, maxSuppressedOf, type SuppressionOptions } from '../domain/stats/suppression';

const KEY = 'fairshare.suppression.max';
/** Above this a threshold hides most small-area figures; statistical offices use 5 to 10. */
export const MAX_THRESHOLD = 20;

const storage = () => (typeof localStorage === 'undefined' ? null : localStorage);

/** A threshold as stored or typed: a whole number from 0 to MAX_THRESHOLD, else the default. */
export function parseThreshold(raw: string | number | null | undefined): number {
  const n = typeof raw === 'number' ? raw : raw == null || String(raw).trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(n) || n < 0) return DEFAULT_SUPPRESSION.maxSuppressed;
  return Math.min(MAX_THRESHOLD, maxSuppressedOf({ maxSuppressed: n }));
}

class Settings {
  #max = $state(parseThreshold(storage()?.getItem(KEY)));

  /** The threshold as the domain's suppression functions take it. */
  get suppression(): SuppressionOptions {
    return { maxSuppressed: this.#max };
  }

  get maxSuppressed(): number {
    return this.#max;
  }

  set maxSuppressed(value: number) {
    this.#max = parseThreshold(value);
    if (this.#max === DEFAULT_SUPPRESSION.maxSuppressed) storage()?.removeItem(KEY);
    else storage()?.setItem(KEY, String(this.#max));
  }
}

export const settings = new Settings();
