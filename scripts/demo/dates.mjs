/**
 * Dates as whole UTC day numbers. Why: day arithmetic (waits, contract lengths) is
 * then plain integer maths, with no time zones or DST, and formatting back to
 * yyyy-mm-dd is deterministic.
 */

const MS_PER_DAY = 86_400_000;

/** @param {string} isoDate yyyy-mm-dd */
export function day(isoDate) {
  const [y, m, d] = isoDate.split('-').map(Number);
  return Date.UTC(/** @type {number} */ (y), /** @type {number} */ (m) - 1, d) / MS_PER_DAY;
}

/** yyyy-mm-dd by day number, memoised: the referral table formats ~700,000 dates from a few thousand days. */
const ISO_CACHE = new Map();

/** @param {number} dayNumber */
export function iso(dayNumber) {
  let text = ISO_CACHE.get(dayNumber);
  if (text === undefined) {
    text = new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
    ISO_CACHE.set(dayNumber, text);
  }
  return text;
}

/** First day of the month `months` after the month containing dayNumber. */
export function addMonths(/** @type {number} */ dayNumber, /** @type {number} */ months) {
  const d = new Date(dayNumber * MS_PER_DAY);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1) / MS_PER_DAY;
}

/** Days in the month starting at dayNumber (a first-of-month). */
export function daysInMonth(/** @type {number} */ monthStart) {
  return addMonths(monthStart, 1) - monthStart;
}

/** The demo covers three financial years; nothing happens after DATA_END. */
export const DATA_START = day('2022-04-01');
export const DATA_END = day('2025-03-31');

export const FINANCIAL_YEARS = [2022, 2023, 2024].map((y) => ({
  period: `${y}/${String(y + 1).slice(2)}`,
  start: day(`${y}-04-01`),
  end: day(`${y + 1}-03-31`)
}));

/** The 36 month starts from April 2022 to March 2025. */
export const MONTHS = Array.from({ length: 36 }, (_, i) => addMonths(DATA_START, i));
