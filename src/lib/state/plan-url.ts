/**
 * The Plan view as URL query parameters, so a copied link reproduces the scenario:
 *   fy        baseline financial year 'yyyy/yy' (default: the latest year with funding)
 *   budget    next year's budget: pounds ('2500000') or a percentage over the baseline total ('3%'; default 3%)
 *   gmin      minimum uplift for every area, % (default 0: flat cash)
 *   x         areas more than x% over target in the baseline year get gover instead (default 10)
 *   gover     their uplift, % (default 0)
 *   gmax      maximum uplift, %, or 'none' (default none)
 *   years     glide path length, 1–5 (default 3)
 *   growth    budget growth a year for the glide path, % (default 2)
 *   area      the area whose target share the waterfall explains (default: the furthest under target)
 *   wd, wa    need weights, shared with the Map and Equity (defaults in domain/need.ts)
 *   b         '1' to compare a second scenario; b_budget, b_gmin, b_x, b_gover, b_gmax are its policy
 *             (each defaulting to scenario A's)
 * Anything unreadable falls back to the default rather than failing; other parameters are kept.
 */
import { DEFAULT_NEED_WEIGHTS, type NeedWeights } from '../domain/need';
import type { BudgetSpec, Scenario } from '../domain/plan/plan-outcome';

export interface PlanView {
  fy: string | null;
  weights: NeedWeights;
  a: Scenario;
  /** The second scenario, when comparing. */
  b: Scenario | null;
  years: number;
  /** %, a year. */
  growth: number;
  area: string | null;
}

export const DEFAULT_SCENARIO: Scenario = { budget: { kind: 'pct', value: 3 }, minUplift: 0, overThreshold: 10, overUplift: 0, maxUplift: null };
export const DEFAULT_YEARS = 3;
export const DEFAULT_GROWTH = 2;

const FY = /^\d{4}\/\d{2}$/;

function num(raw: string | null, fallback: number, min = -Infinity, max = Infinity): number {
  if (raw === null || raw.trim() === '') return fallback;
  const n = Number(raw.trim());
  return Number.isFinite(n) && n >= min && n <= max ? n : fallback;
}

/** '2500000', '£2,500,000' or '3%' (negative percentages are cuts). */
export function parseBudget(raw: string | null, fallback: BudgetSpec): BudgetSpec {
  const s = raw?.trim().replace(/[£,\s]/g, '') ?? '';
  if (!s) return fallback;
  if (s.endsWith('%')) {
    const n = Number(s.slice(0, -1));
    return Number.isFinite(n) && n > -100 && n <= 1000 ? { kind: 'pct', value: n } : fallback;
  }
  const n = Number(s);
  return Number.isFinite(n) && n > 0 ? { kind: 'gbp', value: Math.round(n) } : fallback;
}

export const budgetText = (b: BudgetSpec) => (b.kind === 'pct' ? `${b.value}%` : String(b.value));

function scenario(params: URLSearchParams, prefix: string, fallback: Scenario): Scenario {
  const gmax = params.get(`${prefix}gmax`)?.trim() ?? '';
  const max = gmax === 'none' ? null : num(gmax, NaN, -100, 1000);
  return {
    budget: parseBudget(params.get(`${prefix}budget`), fallback.budget),
    minUplift: num(params.get(`${prefix}gmin`), fallback.minUplift, -100, 1000),
    overThreshold: num(params.get(`${prefix}x`), fallback.overThreshold, 0, 1000),
    overUplift: num(params.get(`${prefix}gover`), fallback.overUplift, -100, 1000),
    maxUplift: max !== null && Number.isNaN(max) ? fallback.maxUplift : max
  };
}

function weight(raw: string | null, fallback: number): number {
  return num(raw, fallback, 0, 1);
}

export function parsePlanView(params: URLSearchParams): PlanView {
  const fy = params.get('fy');
  const area = params.get('area')?.trim();
  const a = scenario(params, '', DEFAULT_SCENARIO);
  return {
    fy: fy && FY.test(fy) ? fy : null,
    weights: { deprivation: weight(params.get('wd'), DEFAULT_NEED_WEIGHTS.deprivation), age: weight(params.get('wa'), DEFAULT_NEED_WEIGHTS.age) },
    a,
    b: params.get('b') === '1' ? scenario(params, 'b_', a) : null,
    years: Math.round(num(params.get('years'), DEFAULT_YEARS, 1, 5)),
    growth: num(params.get('growth'), DEFAULT_GROWTH, -50, 100),
    area: area ? area : null
  };
}

/** The whole view written out, so the link keeps meaning the same scenario even if the defaults change. */
export function writePlanView(params: URLSearchParams, view: PlanView): URLSearchParams {
  const out = new URLSearchParams(params);
  const put = (k: string, v: string | number | null) => (v === null || v === '' ? out.delete(k) : out.set(k, String(v)));
  const putScenario = (prefix: string, s: Scenario | null) => {
    put(`${prefix}budget`, s && budgetText(s.budget));
    put(`${prefix}gmin`, s && s.minUplift);
    put(`${prefix}x`, s && s.overThreshold);
    put(`${prefix}gover`, s && s.overUplift);
    put(`${prefix}gmax`, s && (s.maxUplift ?? 'none')); // 'none' written, so B does not take A's maximum
  };
  put('fy', view.fy);
  put('wd', view.weights.deprivation);
  put('wa', view.weights.age);
  putScenario('', view.a);
  put('b', view.b ? '1' : null);
  putScenario('b_', view.b);
  put('years', view.years);
  put('growth', view.growth);
  put('area', view.area);
  return out;
}
