/**
 * Number and date formatting for people: en-GB grouping, £ with no pence for large sums, signed percentages.
 *
 * One minus sign: every negative number shown or exported as text starts with U+2212 (−), never the
 * hyphen-minus Intl gives (-£386,923 beside −39.2%). A figure that rounds to zero has no sign. Machine-
 * readable values (a CSV's raw numbers) are numbers, not these texts, and keep the ASCII '-'.
 *
 * One date style: "31 Mar 2025" for a day, "Mar 2025" for a month, "2024/25" for a financial year (as the
 * data gives it). ISO dates stay in CSV raw values and file names only.
 */
export const MINUS = '\u2212';
/** Words as a list in a sentence: 'a', 'a and b', 'a, b and c'. */
export const andList = (xs: readonly string[]): string => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}` : (xs[0] ?? ''));
/** No sign for a negative that rounds to zero (−0.04 at one decimal is 0.0). */
const opts = { signDisplay: 'negative' } as const;
const int = new Intl.NumberFormat('en-GB', { ...opts, maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en-GB', { ...opts, minimumFractionDigits: 1, maximumFractionDigits: 1 });
const gbp0 = new Intl.NumberFormat('en-GB', { ...opts, style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
const gbp2 = new Intl.NumberFormat('en-GB', { ...opts, style: 'currency', currency: 'GBP', minimumFractionDigits: 2, maximumFractionDigits: 2 });

const dash = '–';
const ok = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
/** Intl's hyphen-minus (it leads the text, before any £) as the minus sign. */
export const withMinus = (text: string) => text.replace(/^-/, MINUS);
/** '+', '−' or nothing, for a figure whose text (without its sign) is `shown`: zero as shown has no sign. */
const signFor = (v: number, shown: string) => (/[1-9]/.test(shown) ? (v > 0 ? '+' : v < 0 ? MINUS : '') : '');

export const fmtInt = (v: number | null | undefined) => (ok(v) ? withMinus(int.format(v)) : dash);
export const fmt1 = (v: number | null | undefined) => (ok(v) ? withMinus(one.format(v)) : dash);
/** A number with a given count of decimals (need index 1.23, Gini 0.123). */
export const fmtFixed = (v: number | null | undefined, decimals: number) => (ok(v) ? withMinus(fixed(decimals).format(v)) : dash);
/** One formatter per count of decimals: making one is far slower than using it (a table of SIIs made ~5 ms of them). */
const fixedFormats = new Map<number, Intl.NumberFormat>();
function fixed(decimals: number): Intl.NumberFormat {
  let f = fixedFormats.get(decimals);
  if (!f) fixedFormats.set(decimals, (f = new Intl.NumberFormat('en-GB', { ...opts, minimumFractionDigits: decimals, maximumFractionDigits: decimals })));
  return f;
}
export const fmtGbp = (v: number | null | undefined) => (ok(v) ? withMinus((Math.abs(v) >= 100 ? gbp0 : gbp2).format(v)) : dash);
/** Large sums for headline figures: £258.8m, £1.2bn, £45.3k; −£1.2m below zero. */
export const fmtGbpShort = (v: number | null | undefined): string => {
  if (!ok(v)) return dash;
  const a = Math.abs(v);
  const size = a >= 1e9 ? `£${one.format(a / 1e9)}bn` : a >= 1e6 ? `£${one.format(a / 1e6)}m` : a >= 1e4 ? `£${one.format(a / 1e3)}k` : null;
  if (size === null) return fmtGbp(v);
  return v < 0 ? `${MINUS}${size}` : size;
};
export const fmtPctSigned = (v: number | null | undefined) => {
  if (!ok(v)) return dash;
  const shown = one.format(Math.abs(v * 100));
  return `${signFor(v, shown)}${shown}%`;
};
/** A share as a percentage with one decimal and no plus sign: 0.256 → 25.6%, −0.1 → −10.0%. */
export const fmtPct = (v: number | null | undefined) => (ok(v) ? `${withMinus(one.format(v * 100))}%` : dash);
/** Signed headline money for gaps: +£45.3k, −£1.2m. */
export const fmtGbpShortSigned = (v: number | null | undefined) => {
  if (!ok(v)) return dash;
  const shown = fmtGbpShort(Math.abs(v));
  return `${signFor(v, shown)}${shown}`;
};
/** Signed money in full: +£1,234, −£386,923. */
export const fmtGbpSigned = (v: number | null | undefined) => {
  if (!ok(v)) return dash;
  const shown = fmtGbp(Math.abs(v));
  return `${signFor(v, shown)}${shown}`;
};
/** A signed number with one decimal: +2.5, −1.0 (percentage points, score changes). */
export const fmt1Signed = (v: number | null | undefined) => {
  if (!ok(v)) return dash;
  const shown = one.format(Math.abs(v));
  return `${signFor(v, shown)}${shown}`;
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** 'yyyy-mm' (or a longer ISO date) → 'Apr 2024'. */
export const fmtMonth = (iso: string | null | undefined) => {
  if (!iso || !/^\d{4}-\d{2}/.test(iso)) return iso ?? dash;
  return `${MONTHS[Number(iso.slice(5, 7)) - 1] ?? '?'} ${iso.slice(0, 4)}`;
};
/** 'yyyy-mm-dd' (or an ISO timestamp) → '31 Mar 2025', read as the calendar day written, whatever the time zone. */
export const fmtDay = (iso: string | null | undefined) => {
  if (!iso) return dash;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? '?'} ${m[1]}`;
};
/** A Date → '31 Mar 2025' (its UTC calendar day unless `local`). */
export const fmtDate = (d: Date, local = false) =>
  fmtDay(local ? `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}` : d.toISOString());

/** A size in bytes as people read it: 512 bytes, 3.4 kB, 12.3 MB, 1.2 GB (decimal units, as the browser reports quota). */
export const fmtBytes = (n: number): string => {
  if (n < 1000) return `${n} byte${n === 1 ? '' : 's'}`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = -1;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${one.format(v)} ${units[u]}`;
};
