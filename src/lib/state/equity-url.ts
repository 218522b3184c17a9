/**
 * The Equity view as URL query parameters, so a copied link reproduces it:
 *   fy       financial year 'yyyy/yy' (default: the latest year with referrals)
 *   funnel   referral_rate | referral_rate_dsr (age-standardised) | wait_over_18w (default referral_rate)
 *   groups   decile | quintile for the deprivation gradient (default: deciles when at least 5 of them have
 *            people, else quintiles; see domain/equity/gradient.ts defaultGrouping)
 *   wd, wa   need weights for deprivation and age 65+, 0–1, shared with the Map (defaults in domain/need.ts)
 * Anything unreadable falls back to the default rather than failing. Other parameters are kept.
 */
import { isFunnelMeasureId, type FunnelMeasureId } from '../domain/equity/funnel-data';
import type { QuantileGrouping } from '../domain/equity/gradient';
import { DEFAULT_NEED_WEIGHTS, type NeedWeights } from '../domain/need';

export interface EquityView {
  fy: string | null;
  funnel: FunnelMeasureId;
  /** Null = not chosen (use the default for the data). */
  groups: QuantileGrouping | null;
  weights: NeedWeights;
}

const FY = /^\d{4}\/\d{2}$/;

function weight(raw: string | null, fallback: number): number {
  if (raw === null || raw.trim() === '') return fallback;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 && n <= 1 ? n : fallback;
}

export function parseEquityView(params: URLSearchParams): EquityView {
  const fy = params.get('fy');
  const funnel = params.get('funnel');
  const groups = params.get('groups');
  return {
    fy: fy && FY.test(fy) ? fy : null,
    funnel: isFunnelMeasureId(funnel) ? funnel : 'referral_rate',
    groups: groups === 'decile' || groups === 'quintile' ? groups : null,
    weights: { deprivation: weight(params.get('wd'), DEFAULT_NEED_WEIGHTS.deprivation), age: weight(params.get('wa'), DEFAULT_NEED_WEIGHTS.age) }
  };
}

/** The view over `params`; weights are written only when they differ from the defaults (shorter links). */
export function writeEquityView(params: URLSearchParams, view: EquityView): URLSearchParams {
  const out = new URLSearchParams(params);
  const put = (k: string, v: string | null) => (v ? out.set(k, v) : out.delete(k));
  put('fy', view.fy);
  put('funnel', view.funnel === 'referral_rate' ? null : view.funnel);
  put('groups', view.groups);
  const { deprivation, age } = view.weights;
  const isDefault = deprivation === DEFAULT_NEED_WEIGHTS.deprivation && age === DEFAULT_NEED_WEIGHTS.age;
  put('wd', isDefault ? null : String(deprivation));
  put('wa', isDefault ? null : String(age));
  return out;
}

/** A financial year's months for the month-based queries: '2024/25' → April 2024 to March 2025. */
export function fyMonths(fy: string): { from: string; to: string } | null {
  if (!FY.test(fy)) return null;
  const start = Number(fy.slice(0, 4));
  return { from: `${start}-04`, to: `${start + 1}-03` };
}
