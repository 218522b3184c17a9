/**
 * The fair-share table as a spec: each area's funding, need-weighted fair share, distance from target
 * and £ gap. Money only, so nothing is suppressed. Rows come in name order, so ties sort by name.
 */
import { fmtFixed, fmtGbp, fmtGbpSigned, fmtInt, fmtPctSigned } from '../domain/format';
import type { FairShareRow } from '../domain/equity/fair-share-rows';
import type { TwinColumn, TwinSpec } from './twin-table';

export function fairShareTable(rows: readonly FairShareRow[], caption: string): TwinSpec<FairShareRow> {
  const num = (key: 'population' | 'needIndex' | 'funding' | 'fairShare' | 'dft' | 'gap', label: string, format: (v: number | null) => string): TwinColumn<FairShareRow> =>
    ({ key, label, num: true, value: (r) => format(r[key]), raw: (r) => r[key], sort: (r) => r[key] });
  return {
    rows: [...rows].sort((a, b) => a.name.localeCompare(b.name)),
    rowKey: (r) => r.code,
    caption,
    testid: 'fair-share-table',
    rowAttrs: (r) => ({ 'data-code': r.code }),
    columns: [
      { key: 'name', label: 'Area', rowHeader: true, value: (r) => r.name, sort: (r) => r.name },
      { key: 'code', label: 'Code', only: 'export', value: (r) => r.code },
      num('population', 'Population', fmtInt),
      num('needIndex', 'Need index', (v) => fmtFixed(v, 2)),
      num('funding', 'Funding', fmtGbp),
      num('fairShare', 'Fair share', fmtGbp),
      num('dft', 'Distance from target', fmtPctSigned),
      num('gap', '£ gap', fmtGbpSigned)
    ]
  };
}
