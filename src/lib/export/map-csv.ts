/**
 * The Map's numbers as a table for export: one row per area in rank order (as the table twin first
 * shows them), with the unrounded value the map is coloured by (the same number as each area's
 * `data-value`), its confidence interval, rank and what it is built from. Suppressed values are `*`.
 */
import type { CellMatrix, TableCell } from './table-csv';

export interface MapCsvArea {
  code: string;
  name: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  rank: number | null;
  suppressed: boolean;
  row: { population: number | null; funding: number | null; fair_share: number | null; referrals: number | null; referrals_suppressed: boolean };
}

export interface MapCsvMeasure {
  id: string;
  label: string;
  unit: string;
  hasCi: boolean;
  source: string;
  format: (v: number | null) => string;
}

const num = (v: number | null, shown?: string): TableCell =>
  v === null || !Number.isFinite(v) ? { text: shown ?? '–', raw: '' } : { text: shown ?? String(v), raw: String(v) };
const starred: TableCell = { text: '*', raw: '*' };

export function mapMatrix(areas: readonly MapCsvArea[], measure: MapCsvMeasure, rankedCount: number): CellMatrix {
  const fairShare = measure.id === 'dft' || measure.id === 'gap_gbp';
  const header = [
    'Area', 'Code', `${measure.label} (${measure.unit})`, ...(measure.hasCi ? ['Lower 95% CI', 'Upper 95% CI'] : []),
    `Rank of ${rankedCount}`, 'Population', ...(measure.source === 'funding' ? ['Funding (£)'] : []),
    ...(fairShare ? ['Fair share (£)'] : []), ...(measure.source === 'referrals' ? ['Referrals in year'] : [])
  ].map((text) => ({ text }));
  const sorted = [...areas].sort((a, b) =>
    a.rank === null || b.rank === null ? (a.rank === b.rank ? a.name.localeCompare(b.name) : a.rank === null ? 1 : -1) : a.rank - b.rank || a.name.localeCompare(b.name)
  );
  const rows = sorted.map((a): TableCell[] => [
    { text: a.name },
    { text: a.code },
    a.suppressed ? starred : num(a.value, a.value === null ? undefined : measure.format(a.value)),
    ...(measure.hasCi ? (a.suppressed ? [starred, starred] : [num(a.lower), num(a.upper)]) : []),
    num(a.rank),
    num(a.row.population),
    ...(measure.source === 'funding' ? [num(a.row.funding)] : []),
    ...(fairShare ? [num(a.row.fair_share)] : []),
    ...(measure.source === 'referrals' ? [a.row.referrals_suppressed ? starred : num(a.row.referrals)] : [])
  ]);
  return [header, ...rows];
}
