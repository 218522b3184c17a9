/**
 * The shared filters of the trend views (Waiting lists, Capacity) as URL query parameters, so a
 * link or a reload reproduces them:
 *   from, to  first and last month, 'yyyy-mm' (default: the data's range)
 *   areas     area codes, comma-separated (default: all)
 *   svc, src, age   service categories, referral sources, age bands, each a '|'-separated list
 *                   (free text may hold commas; '|' is rare in a category name)
 * Unreadable values fall back to "no filter" rather than failing. The Map's own view (map-url.ts)
 * shares the `level` parameter.
 */
import type { WaitingFilters } from '../db/sql/waiting';
import { fmtMonth } from '../domain/format';

export interface TrendFilters {
  from: string | null;
  to: string | null;
  areas: string[];
  serviceCategories: string[];
  referralSources: string[];
  ageBands: string[];
}

export const NO_FILTERS: TrendFilters = { from: null, to: null, areas: [], serviceCategories: [], referralSources: [], ageBands: [] };

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const list = (raw: string | null, sep: string) => [...new Set((raw ?? '').split(sep).map((s) => s.trim()).filter(Boolean))];

export function parseFilters(params: URLSearchParams): TrendFilters {
  const month = (k: string) => {
    const v = params.get(k);
    return v && MONTH.test(v) ? v : null;
  };
  let from = month('from');
  let to = month('to');
  if (from && to && from > to) [from, to] = [to, from];
  return {
    from,
    to,
    areas: list(params.get('areas'), ','),
    serviceCategories: list(params.get('svc'), '|'),
    referralSources: list(params.get('src'), '|'),
    ageBands: list(params.get('age'), '|')
  };
}

/** The filters written over `params` (other parameters kept); empty filters are removed. */
export function writeFilters(params: URLSearchParams, f: TrendFilters): URLSearchParams {
  const out = new URLSearchParams(params);
  const put = (k: string, v: string) => (v ? out.set(k, v) : out.delete(k));
  put('from', f.from ?? '');
  put('to', f.to ?? '');
  put('areas', f.areas.join(','));
  put('svc', f.serviceCategories.join('|'));
  put('src', f.referralSources.join('|'));
  put('age', f.ageBands.join('|'));
  return out;
}

/** The filters for the SQL (waiting.ts / capacity SQL option names). */
export function sqlFilters(f: TrendFilters): WaitingFilters {
  return { areaCodes: f.areas, serviceCategories: f.serviceCategories, referralSources: f.referralSources, ageBands: f.ageBands };
}

/** 'yyyy-mm' → 'Apr 2024' (the app's one month style, domain/format.ts). */
export const monthLabel = (m: string) => fmtMonth(m);

/**
 * The sentence every chart carries to say what it shows: "Apr 2022 to Mar 2025 · areas: Blackpool,
 * Lancashire · service: physical activity". `names` turns codes into names where known.
 */
export function describeFilters(f: TrendFilters, range: { from: string; to: string } | null, names: (code: string) => string = (c) => c): string {
  const parts: string[] = [];
  const from = f.from ?? range?.from;
  const to = f.to ?? range?.to;
  if (from && to) parts.push(`${monthLabel(from)} to ${monthLabel(to)}`);
  const some = (label: string, xs: string[], many: string) =>
    xs.length ? `${label}: ${xs.length > 4 ? `${xs.length} ${many}` : xs.join(', ')}` : null;
  parts.push(some('areas', f.areas.map(names), 'areas') ?? 'all areas');
  for (const p of [some('service', f.serviceCategories, 'services'), some('source', f.referralSources, 'sources'), some('age', f.ageBands, 'age bands')]) {
    if (p) parts.push(p);
  }
  return parts.join(' · ');
}

const FILTER_NAMES: [keyof WaitingFilters, keyof TrendFilters, string][] = [
  ['areaCodes', 'areas', 'area'],
  ['serviceCategories', 'serviceCategories', 'service'],
  ['referralSources', 'referralSources', 'referral source'],
  ['ageBands', 'ageBands', 'age band']
];

/**
 * The subtitle of a chart that honours only some filters: the filters it applies, then the ones set
 * but not applied ("age band filter does not apply"), so the chart never claims more than it shows.
 */
export function describeApplied(
  f: TrendFilters,
  range: { from: string; to: string } | null,
  applied: readonly (keyof WaitingFilters)[],
  names?: (code: string) => string
): string {
  const kept: TrendFilters = { ...f };
  const ignored: string[] = [];
  for (const [sqlKey, key, label] of FILTER_NAMES) {
    if (applied.includes(sqlKey)) continue;
    if ((f[key] as string[]).length) ignored.push(label);
    (kept[key] as string[]) = [];
  }
  const text = describeFilters(kept, range, names);
  return ignored.length ? `${text} · ${ignored.join(' and ')} ${ignored.length === 1 ? 'filter does' : 'filters do'} not apply` : text;
}
