/**
 * The Map view as URL query parameters, so a copied link reproduces it:
 *   measure  one of MEASURE_IDS (default dft)
 *   fy       financial year 'yyyy/yy' (default: the latest year with data for the measure)
 *   classing continuous | quantile | equal (default continuous)
 *   wd, wa   need weights for deprivation and age 65+, 0–1 (defaults in domain/need.ts)
 *   level    area | parent | group | sicbl | icb | nhser | rgn: the areas as loaded, their parents
 *            in the population extract, the user's lookup groups, or the built-in reference's levels
 *            (default area)
 *   area     the selected area's code (of the level shown)
 *   shape    map | hex: boundaries, or the district hex cartogram (districts only; default map)
 *   providers 1: the located providers drawn over the map (default off)
 * Anything unreadable falls back to the default rather than failing.
 */
import { isClassing, type Classing } from '../charts/choropleth';
import { isMeasureId, type MeasureId } from '../domain/measures';
import { DEFAULT_NEED_WEIGHTS, type NeedWeights } from '../domain/need';
import { isReferenceLevel, type ReferenceLevel } from '../db/sql/reference';

export interface MapView {
  measure: MeasureId;
  /** Null = not chosen (use the default year). */
  fy: string | null;
  classing: Classing;
  weights: NeedWeights;
  level: AreaLevel;
  area: string | null;
  shape: MapShape;
  /** Draw the located providers over the areas. */
  providers: boolean;
}

/** The map drawn with real boundaries, or as the district hex cartogram (one hex per district). */
export type MapShape = 'map' | 'hex';

/** Areas as loaded, rolled up to the parent codes of the population extract, or to a reference level. */
export type AreaLevel = 'area' | 'parent' | 'group' | ReferenceLevel;
export const isAreaLevel = (s: string | null): s is AreaLevel => s === 'area' || s === 'parent' || s === 'group' || (s !== null && isReferenceLevel(s));

const FY = /^\d{4}\/\d{2}$/;

function weight(raw: string | null, fallback: number): number {
  if (raw === null || raw.trim() === '') return fallback;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 && n <= 1 ? n : fallback;
}

export function parseMapView(params: URLSearchParams): MapView {
  const measure = params.get('measure');
  const classing = params.get('classing');
  const fy = params.get('fy');
  const area = params.get('area')?.trim();
  return {
    measure: isMeasureId(measure) ? measure : 'dft',
    fy: fy && FY.test(fy) ? fy : null,
    classing: isClassing(classing) ? classing : 'continuous',
    weights: { deprivation: weight(params.get('wd'), DEFAULT_NEED_WEIGHTS.deprivation), age: weight(params.get('wa'), DEFAULT_NEED_WEIGHTS.age) },
    level: ((l) => (isAreaLevel(l) ? l : 'area'))(params.get('level')),
    area: area ? area : null,
    shape: params.get('shape') === 'hex' ? 'hex' : 'map',
    providers: params.get('providers') === '1'
  };
}

/** The whole view written out (not just what changed), so the link keeps meaning the same view. */
export function writeMapView(params: URLSearchParams, view: MapView): URLSearchParams {
  const out = new URLSearchParams(params);
  out.set('measure', view.measure);
  if (view.fy) out.set('fy', view.fy);
  else out.delete('fy');
  out.set('classing', view.classing);
  out.set('wd', String(view.weights.deprivation));
  out.set('wa', String(view.weights.age));
  out.set('level', view.level);
  if (view.area) out.set('area', view.area);
  else out.delete('area');
  out.set('shape', view.shape);
  if (view.providers) out.set('providers', '1');
  else out.delete('providers');
  return out;
}

/** The default year for a measure: the latest with its source extract, else the latest with anything. */
export function defaultYear(years: { fy: string; has_funding: boolean; has_referrals: boolean }[], source: 'funding' | 'referrals' | 'providers'): string | null {
  const withSource = years.filter((y) => (source === 'funding' ? y.has_funding : source === 'referrals' ? y.has_referrals : true));
  return (withSource.at(-1) ?? years.at(-1))?.fy ?? null;
}
