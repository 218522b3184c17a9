/**
 * The area profile's two tables as specs (twin-table.ts): every measure against the parent and all
 * areas, and every measure by financial year. The page draws them with TwinTable; their CSV and
 * board-pack tables are made from the same specs.
 */
import type { MeasureValue } from '../domain/measures';
import type { AreaProfile, ProfileMeasure } from '../domain/profile';
import { rangeText, type TwinColumn, type TwinSpec } from './twin-table';

/** The area's interval as shown under its figure ("95% CI 12.1 to 14.0"); empty without one. */
export const profileCi = (m: ProfileMeasure) =>
  m.measure.hasCi && !m.area.suppressed && m.area.lower !== null && m.area.upper !== null ? `95% CI ${rangeText(m.area.lower, m.area.upper, (v) => m.measure.format(v))}` : '';

/** A measure's figure: `*` when suppressed, the unformatted value for exports. */
function valueColumn(key: string, label: string, pick: (m: ProfileMeasure) => MeasureValue | null, testid?: string): TwinColumn<ProfileMeasure> {
  return {
    key, label, num: true, testid,
    value: (m) => m.measure.format(pick(m)?.value ?? null),
    raw: (m) => pick(m)?.value ?? null,
    hidden: (m) => pick(m)?.suppressed ?? false
  };
}

export function profileTable(p: AreaProfile): TwinSpec<ProfileMeasure> {
  const parent = p.parentCode ? (p.parentName ?? p.parentCode) : null;
  return {
    rows: p.measures,
    rowKey: (m) => m.measure.id,
    caption: `Every measure for ${p.name} in ${p.fy}, against ${parent ? `${parent} and ` : ''}all areas loaded. Rank 1 is the worst (for referral rate, the highest).`,
    testid: 'profile-table',
    rowAttrs: (m) => ({ 'data-measure': m.measure.id }),
    columns: [
      { key: 'measure', label: 'Measure', rowHeader: true, value: (m) => m.measure.label },
      { key: 'unit', label: 'Unit', only: 'export', value: (m) => m.measure.unit },
      valueColumn('area', p.name, (m) => m.area, 'profile-value'),
      { key: 'lower', label: 'Lower 95% CI', only: 'export', value: (m) => m.measure.format(m.area.lower), raw: (m) => (m.measure.hasCi ? m.area.lower : null), hidden: (m) => m.area.suppressed },
      { key: 'upper', label: 'Upper 95% CI', only: 'export', value: (m) => m.measure.format(m.area.upper), raw: (m) => (m.measure.hasCi ? m.area.upper : null), hidden: (m) => m.area.suppressed },
      { key: 'rank', label: 'Rank', num: true, value: (m) => (m.area.rank !== null ? `${m.area.rank} of ${m.count}` : '–'), raw: (m) => m.area.rank },
      ...(parent ? [valueColumn('parent', parent, (m) => m.parent, 'profile-parent')] : []),
      valueColumn('all', 'All areas', (m) => m.all, 'profile-all'),
      { key: 'trend', label: 'Trend', only: 'screen', picture: true, value: () => '' }
    ]
  };
}

export function profileTrendTable(p: AreaProfile): TwinSpec<ProfileMeasure> {
  const years = p.measures[0]?.trend.map((t) => t.fy) ?? [];
  return {
    rows: p.measures,
    rowKey: (m) => m.measure.id,
    caption: `${p.name}: each measure by financial year (the figures the trend lines draw).`,
    testid: 'profile-trend-table',
    rowAttrs: (m) => ({ 'data-measure': m.measure.id }),
    columns: [
      { key: 'measure', label: 'Measure', rowHeader: true, value: (m) => m.measure.label },
      ...years.map((fy, i): TwinColumn<ProfileMeasure> => ({
        key: `fy${i}`, label: fy, num: true,
        value: (m) => m.measure.format(m.trend[i]?.value ?? null), raw: (m) => m.trend[i]?.value ?? null, hidden: (m) => m.trend[i]?.suppressed ?? false
      }))
    ]
  };
}
