/**
 * The Data quality view as URL query parameters, so a copied link reproduces it:
 *   extract  referrals | funding | providers | population (default: referrals, else the first loaded)
 *   field    the field whose completeness by area and by month is drawn (default: the extract's most
 *            incomplete field that a figure reads, else its most incomplete field)
 *   min      the threshold in whole percent, 50–100, below which a field, area or month is flagged (default 90)
 * Anything unreadable falls back to the default. Other parameters are kept.
 */
import { QUALITY_EXTRACTS, type QualityExtract } from '../db/sql/quality';
import { DEFAULT_THRESHOLD, parseThreshold } from '../domain/quality/shares';

export interface QualityView {
  extract: QualityExtract | null;
  field: string | null;
  /** A share, 0.5–1. */
  threshold: number;
}

const isExtract = (x: string | null): x is QualityExtract => (QUALITY_EXTRACTS as readonly string[]).includes(x ?? '');

export function parseQualityView(params: URLSearchParams): QualityView {
  const extract = params.get('extract');
  const field = params.get('field');
  return { extract: isExtract(extract) ? extract : null, field: field && /^[a-z0-9_]+$/.test(field) ? field : null, threshold: parseThreshold(params.get('min')) };
}

/** The view over `params`; defaults are left out (shorter links). */
export function writeQualityView(params: URLSearchParams, view: QualityView): URLSearchParams {
  const out = new URLSearchParams(params);
  const put = (k: string, v: string | null) => (v ? out.set(k, v) : out.delete(k));
  put('extract', view.extract);
  put('field', view.field);
  put('min', view.threshold === DEFAULT_THRESHOLD ? null : String(Math.round(view.threshold * 100)));
  return out;
}
