/** Number formatting for people: en-GB grouping, £ with no pence for large sums, signed percentages. */
const int = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const gbp0 = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
const gbp2 = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', minimumFractionDigits: 2, maximumFractionDigits: 2 });

const dash = '–';
const ok = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

export const fmtInt = (v: number | null | undefined) => (ok(v) ? int.format(v) : dash);
export const fmt1 = (v: number | null | undefined) => (ok(v) ? one.format(v) : dash);
export const fmtGbp = (v: number | null | undefined) => (ok(v) ? (Math.abs(v) >= 100 ? gbp0 : gbp2).format(v) : dash);
/** Large sums for headline figures: £258.8m, £1.2bn, £45.3k. */
export const fmtGbpShort = (v: number | null | undefined) => {
  if (!ok(v)) return dash;
  const a = Math.abs(v);
  if (a >= 1e9) return `£${one.format(v / 1e9)}bn`;
  if (a >= 1e6) return `£${one.format(v / 1e6)}m`;
  if (a >= 1e4) return `£${one.format(v / 1e3)}k`;
  return fmtGbp(v);
};
export const fmtPctSigned = (v: number | null | undefined) =>
  ok(v) ? `${v > 0 ? '+' : v < 0 ? '−' : ''}${one.format(Math.abs(v * 100))}%` : dash;
/** A share as a percentage with one decimal and no sign: 0.256 → 25.6%. */
export const fmtPct = (v: number | null | undefined) => (ok(v) ? `${one.format(v * 100)}%` : dash);
/** Signed headline money for gaps: +£45.3k, −£1.2m. */
export const fmtGbpShortSigned = (v: number | null | undefined) =>
  ok(v) ? `${v > 0 ? '+' : v < 0 ? '−' : ''}${fmtGbpShort(Math.abs(v))}` : dash;
