/**
 * The Map's table twin as a spec: every area in rank order with the unrounded value it is coloured by
 * (the number each area's `data-value` carries), its interval, rank and what the value is built from.
 * The page draws it sortable (AreaMeasureTable); the CSV and the board pack take the same columns.
 */
import { fmtGbp, fmtInt } from '../domain/format';
import type { MeasureDef } from '../domain/measures';
import type { ChoroplethArea } from './choropleth';
import { rangeText, type TwinColumn, type TwinSpec } from './twin-table';

/** An area as the map draws it (its colour optional), with the figures its value is built from. */
export interface AreaTableRow extends Omit<ChoroplethArea, 'fill' | 'hasBoundary'> {
  fill?: string | null;
  row: { population: number | null; funding: number | null; fair_share: number | null; referrals: number | null; referrals_suppressed: boolean };
}

export type AreaTableMeasure = Pick<MeasureDef, 'id' | 'label' | 'unit' | 'hasCi' | 'source' | 'format'>;

/** Rank order, unranked areas last by name. */
const byRank = (a: AreaTableRow, b: AreaTableRow) =>
  a.rank === null || b.rank === null ? (a.rank === b.rank ? a.name.localeCompare(b.name) : a.rank === null ? 1 : -1) : a.rank - b.rank || a.name.localeCompare(b.name);

export function areaMeasureTable<R extends AreaTableRow>(areas: readonly R[], measure: AreaTableMeasure, rankedCount: number, caption: string): TwinSpec<R> {
  const fairShare = measure.id === 'dft' || measure.id === 'gap_gbp';
  const suppressed = (a: R) => a.suppressed;
  // A measure whose unit is a percentage holds fractions: the export gives percentages, as its heading says.
  const percent = measure.unit.startsWith('%');
  const money = (key: 'funding' | 'fair_share', label: string): TwinColumn<R> =>
    ({ key, label, num: true, value: (a) => fmtGbp(a.row[key]), raw: (a) => a.row[key], sort: (a) => a.row[key], sortFirst: 'descending' });
  const columns: TwinColumn<R>[] = [
    { key: 'name', label: 'Area', rowHeader: true, value: (a) => a.name, sort: (a) => a.name },
    { key: 'code', label: 'Code', small: true, value: (a) => a.code, sort: (a) => a.code },
    { key: 'value', label: measure.label, only: 'screen', testid: 'cell-value', value: (a) => measure.format(a.value), raw: (a) => a.value, hidden: suppressed, sort: (a) => a.value, sortFirst: 'descending', num: true },
    // The export's heading names the unit; the screen's has it in the caption.
    { key: 'value-export', label: `${measure.label} (${measure.unit})`, only: 'export', percent, value: (a) => measure.format(a.value), raw: (a) => a.value, hidden: suppressed },
    ...(measure.hasCi ? [
      { key: 'ci', label: '95% CI', num: true, small: true, only: 'screen', value: (a) => rangeText(a.lower, a.upper, (v) => measure.format(v)), hidden: suppressed },
      { key: 'lower', label: 'Lower 95% CI', only: 'export', percent, value: (a) => measure.format(a.lower), raw: (a) => a.lower, hidden: suppressed },
      { key: 'upper', label: 'Upper 95% CI', only: 'export', percent, value: (a) => measure.format(a.upper), raw: (a) => a.upper, hidden: suppressed }
    ] satisfies TwinColumn<R>[] : []),
    { key: 'rank', label: `Rank of ${rankedCount}`, num: true, value: (a) => (a.rank === null ? '–' : String(a.rank)), raw: (a) => a.rank, sort: (a) => a.rank },
    { key: 'population', label: 'Population', num: true, value: (a) => fmtInt(a.row.population), raw: (a) => a.row.population, sort: (a) => a.row.population, sortFirst: 'descending' },
    ...(measure.source === 'funding' ? [money('funding', 'Funding (£)')] : []),
    ...(fairShare ? [money('fair_share', 'Fair share (£)')] : []),
    ...(measure.source === 'referrals' ? [{
      key: 'referrals', label: 'Referrals in year', num: true, value: (a: R) => fmtInt(a.row.referrals), raw: (a: R) => a.row.referrals,
      hidden: (a: R) => a.row.referrals_suppressed, sort: (a: R) => a.row.referrals, sortFirst: 'descending' as const
    }] : [])
  ];
  return {
    rows: [...areas].sort(byRank),
    columns,
    rowKey: (a) => a.code,
    caption,
    testid: 'map-table',
    rowAttrs: (a) => ({ 'data-code': a.code })
  };
}
