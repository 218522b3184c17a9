/**
 * The Lorenz curve of funding against need-weighted population as a spec (lorenz-chart.ts draws it):
 * the Gini coefficient in words, the curve, and the areas in curve order. Money is not a count of
 * people, so nothing here is suppressed.
 */
import { fmtGbp, fmtInt } from '../domain/format';
import type { Lorenz, LorenzArea } from '../domain/equity/fair-share-rows';
import { lorenzOptions } from './lorenz-chart';
import { contentState, lines, samePlot, type ChartSpec, type SpecBase } from './spec';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const perHead = (v: number) => (Number.isFinite(v) ? fmtGbp(v) : '–');

export function lorenzSpec(base: SpecBase, lorenz: Lorenz | null): ChartSpec<LorenzArea> {
  return {
    ...base,
    ...contentState(lorenz !== null, lorenz !== null),
    empty: base.empty ?? 'No funding for the areas of the population extract in this year.',
    plot: lorenz ? samePlot(base.id, [lorenz], () => (width) => lorenzOptions(lorenz, { formatPerHead: (v) => (v === null ? '–' : fmtGbp(v)), width: Math.min(width, 520) })) : null,
    label: `${base.title}. Gini coefficient ${lorenz?.gini.toFixed(3) ?? '–'}. The areas in curve order are in the table below.`,
    lead: lorenz ? lines({
      strong: `Gini coefficient ${lorenz.gini.toFixed(3)}:`, testid: 'gini', attrs: { 'data-gini': lorenz.gini },
      text: '0 would mean every area gets the same funding per need-weighted head; the further the curve sags below the line of equality, the less funding follows need.'
    }) : [],
    notes: lines({
      muted: true,
      text: 'Areas are ordered by funding per need-weighted head, lowest first. Each point adds one area: across, its share of the need-weighted ' +
        'population; up, its share of the funding. Need-weighted population = population × need index (the weights above). Gini = 1 − 2 × the ' +
        'area under the curve. Only areas in the population extract count.'
    }),
    table: {
      rows: lorenz?.areas ?? [],
      rowKey: (a) => a.code,
      caption: `${base.title}, areas in curve order. ${base.subtitle}`,
      testid: 'lorenz-table',
      rowAttrs: (a) => ({ 'data-code': a.code }),
      columns: [
        { key: 'area', label: 'Area', rowHeader: true, value: (a) => a.name },
        { key: 'code', label: 'Code', only: 'export', value: (a) => a.code },
        { key: 'funding', label: 'Funding', num: true, value: (a) => fmtGbp(a.funding), raw: (a) => a.funding },
        { key: 'need', label: 'Need-weighted population', num: true, value: (a) => fmtInt(a.needWeightedPopulation), raw: (a) => a.needWeightedPopulation },
        { key: 'perHead', label: '£ per need-weighted head', num: true, value: (a) => perHead(a.perHead), raw: (a) => (Number.isFinite(a.perHead) ? a.perHead : null) },
        { key: 'needShare', label: 'Cumulative % of need', num: true, value: (a) => pct(a.populationShare), raw: (a) => a.populationShare * 100 },
        { key: 'fundingShare', label: 'Cumulative % of funding', num: true, value: (a) => pct(a.fundingShare), raw: (a) => a.fundingShare * 100 }
      ]
    }
  };
}
