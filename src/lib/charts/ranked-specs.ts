/**
 * The Equity view's two ranked area charts as specs (ranked-charts.ts draws them):
 * - the children and young people gap, from the suppressed, ranked table (domain/equity/disclosure.ts
 *   showCyp): `*` where suppressed;
 * - service variety: categories are counted, not people, so nothing is suppressed.
 */
import { fmt1, fmt1Signed, fmtInt } from '../domain/format';
import type { CypRow, VarietyRow } from '../domain/equity/cyp-variety';
import type { SuppressedTable } from '../domain/stats/suppression';
import { ROLE } from './palette';
import { cypOptions, varietyOptions } from './ranked-charts';
import { contentState, lines, samePlot, type ChartSpec, type SpecBase } from './spec';
import { rangeText, shownColumn, shownRows, type ShownRow } from './twin-table';

const pct = (v: number | null) => (v === null ? '–' : `${fmt1(v)}%`);
const points = fmt1Signed;

export function cypSpec(base: SpecBase, shown: SuppressedTable<CypRow>): ChartSpec<ShownRow<CypRow>> {
  const drawn = shown.rows.map((r) => ({
    name: r.name ?? '', referralShare: r.referralShare, referralLower: r.referralLower, referralUpper: r.referralUpper, populationShare: r.populationShare
  }));
  const shareHidden = (x: ShownRow<CypRow>) => shown.isSuppressed(x.i, 'referralLower');
  // The largest shortfall the table shows (a suppressed gap is never named).
  const gaps = shownRows(shown).filter((x) => x.r.gap !== null && !shown.isSuppressed(x.i, 'gap') && !shareHidden(x));
  const worst = gaps.reduce<ShownRow<CypRow> | null>((w, x) => (!w || x.r.gap! < w.r.gap! ? x : w), null);
  const finding = worst && worst.r.gap! < 0
    ? `The largest shortfall is in ${worst.r.name}: ${pct(worst.r.referralShare)} of referrals are of children and young people, against ${pct(worst.r.populationShare)} of residents.`
    : gaps.length ? 'Children and young people are referred at least in proportion to their share of residents in every area shown.' : '';
  return {
    ...base,
    finding,
    ...contentState(shown.rows.length > 0, shown.rows.some((r) => r.populationShare !== null || r.referralShare !== null)),
    empty: base.empty ?? 'No referrals with an age band, or no population aged 0–17, for this year.',
    plot: samePlot(base.id, [shown], () => (width, maxHeight) => cypOptions(drawn, width, maxHeight)),
    label: `${base.title}. ${base.subtitle}. Areas ranked from the largest shortfall; the numbers are in the table below.`,
    key: [
      { label: 'Share of referrals aged 0–17 (line: 95% CI)', colour: ROLE.measure, mark: 'dot' },
      { label: 'Share of residents aged 0–17', colour: ROLE.comparison, mark: 'tick' }
    ],
    notes: lines({
      muted: true,
      text: 'Gap = share of the year\'s referrals aged 0–17 − share of residents aged 0–17, in percentage points; negative means children and young ' +
        'people are referred less than their share of the population. Referrals with no age band, or one spanning 17 and 18, are left out of the ' +
        'share. Rank 1 = the largest shortfall.'
    }),
    table: {
      rows: shownRows(shown),
      rowKey: (x) => x.r.code ?? String(x.i),
      caption: `${base.title}. ${base.subtitle}. Rank 1 = the largest shortfall.`,
      testid: 'cyp-table',
      rowAttrs: (x) => ({ 'data-code': x.r.code ?? '' }),
      columns: [
        { key: 'rank', label: 'Rank', num: true, value: (x) => (x.r.rank === null ? '–' : String(x.r.rank)), raw: (x) => x.r.rank },
        { key: 'area', label: 'Area', rowHeader: true, value: (x) => x.r.name ?? '' },
        { key: 'code', label: 'Code', only: 'export', value: (x) => x.r.code ?? '' },
        shownColumn(shown, 'cypReferrals', { key: 'cyp', label: 'Referrals aged 0–17', format: fmtInt, testid: 'cyp-count' }),
        shownColumn(shown, 'agedReferrals', { key: 'aged', label: 'Referrals with an age', format: fmtInt }),
        shownColumn(shown, 'referralShare', { key: 'share', label: '% of referrals 0–17', format: pct }),
        { key: 'ci', label: '95% CI', num: true, small: true, only: 'screen', value: (x) => rangeText(x.r.referralLower, x.r.referralUpper, pct), hidden: shareHidden },
        shownColumn(shown, 'referralLower', { key: 'lower', label: 'Lower 95% CI (%)', only: 'export', format: pct }),
        shownColumn(shown, 'referralUpper', { key: 'upper', label: 'Upper 95% CI (%)', only: 'export', format: pct, by: 'referralLower' }),
        shownColumn(shown, 'populationShare', { key: 'pop', label: '% of residents 0–17', format: pct }),
        shownColumn(shown, 'gap', { key: 'gap', label: 'Gap (points)', format: points })
      ]
    }
  };
}

export function varietySpec(base: SpecBase, rows: VarietyRow[]): ChartSpec<VarietyRow> {
  const known = rows.filter((r) => r.providerCategories !== null).sort((a, b) => a.providerCategories! - b.providerCategories!);
  const [fewest, most] = [known[0], known.at(-1)];
  const finding = fewest && most && fewest !== most
    ? `${fewest.name} has the fewest service categories with capacity (${fewest.providerCategories}); ${most.name} the most (${most.providerCategories}).`
    : '';
  return {
    ...base,
    finding,
    ...contentState(rows.length > 0, rows.some((r) => r.providerCategories !== null)),
    empty: base.empty ?? 'No providers extract with service categories and capacity for this year.',
    plot: samePlot(base.id, [rows], () => (width, maxHeight) => varietyOptions(rows, width, maxHeight)),
    label: `${base.title}. ${base.subtitle}. Areas from the most categories at the top to the fewest; the numbers are in the table below.`,
    notes: lines({
      muted: true,
      text: 'Service variety = the number of different service categories among the providers serving the area whose contract overlaps the financial ' +
        'year and who have capacity (monthly capacity above 0). Blank categories are not counted. Rank 1 = the fewest.'
    }),
    table: {
      rows,
      rowKey: (r) => r.code,
      caption: `${base.title}. ${base.subtitle}. Rank 1 = the fewest categories.`,
      testid: 'variety-table',
      rowAttrs: (r) => ({ 'data-code': r.code }),
      columns: [
        { key: 'rank', label: 'Rank', num: true, value: (r) => (r.rank === null ? '–' : String(r.rank)), raw: (r) => r.rank },
        { key: 'area', label: 'Area', rowHeader: true, value: (r) => r.name },
        { key: 'code', label: 'Code', only: 'export', value: (r) => r.code },
        { key: 'categories', label: 'Categories', num: true, value: (r) => fmtInt(r.providerCategories), raw: (r) => r.providerCategories },
        { key: 'which', label: 'Which', small: true, value: (r) => r.categories.join(', ') || '–' }
      ]
    }
  };
}
