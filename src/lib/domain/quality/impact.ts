/**
 * What each gap does to which figure, in plain sentences computed from the counts: "Median wait leaves
 * out 12% of Preston's referrals seen (no first-contact date on or after the referral)." Pure: the
 * counts come from db/sql/quality.ts, which figure reads which field from field-uses.ts.
 *
 * For each figure a field feeds, with any gap at all: one sentence for all rows, then one for each area
 * below the threshold, worst first (at most `maxAreas`; the rest are counted in one more sentence), or,
 * when every area is below it, one sentence giving the range.
 * An area whose share is hidden by the small-number rule gets no sentence of its own; they are counted.
 * A field that is complete, or that no figure reads, gets none.
 */
import type { ExtractKind } from '../extracts';
import type { SuppressionOptions } from '../stats/suppression';
import { usesOf, type FigureUse } from './field-uses';
import { pctWords, possessive, shareCell } from './shares';

export interface ImpactCheck {
  id: string;
  /** The rows the field is expected of ("referrals seen"). */
  rows: string;
}

export interface ImpactCounts {
  overall: { of: number; ok: number };
  areas: readonly { area: string | null; name: string; of: number; ok: number }[];
}

export interface ImpactLine {
  check: string;
  figure: string;
  /** The area the sentence is about; null for all rows (or a count of areas). */
  area: string | null;
  text: string;
}

/** The sentence of one use for one group: its template filled (field-uses.ts lists the placeholders). */
export function fillSentence(use: FigureUse, share: number, of: string): string {
  return use.sentence.replace('{missing}', pctWords(1 - share)).replace('{usable}', pctWords(share)).replace('{of}', of);
}

export function impactLines(
  extract: ExtractKind, check: ImpactCheck, counts: ImpactCounts, threshold: number,
  suppression: Partial<SuppressionOptions>, maxAreas = 5
): ImpactLine[] {
  const uses = usesOf(extract, check.id);
  const all = shareCell(counts.overall.of, counts.overall.ok, threshold, suppression);
  if (!uses.length || all.share === null || all.share === 1) return [];
  const areas = counts.areas
    .map((a) => ({ ...a, cell: shareCell(a.of, a.ok, threshold, suppression) }))
    .filter((a) => a.cell.flagged)
    .sort((a, b) => a.cell.share! - b.cell.share! || a.name.localeCompare(b.name));
  const shown = areas.filter((a) => !a.cell.hidden);
  const small = areas.length - shown.length;
  const pct = Math.round(threshold * 100);
  // Every area below: naming the worst few says nothing the sentence for all rows does not; give the range.
  const everywhere = shown.length > 1 && counts.areas.every((a) => shareCell(a.of, a.ok, threshold, suppression).flagged);
  const range = everywhere
    ? `All ${counts.areas.length} areas are below ${pct}%, from ${pctWords(shown[0]!.cell.share!)} (${shown[0]!.name}) to ${pctWords(shown.at(-1)!.cell.share!)} (${shown.at(-1)!.name}).`
    : null;
  const named = everywhere ? [] : shown;
  const more = Math.max(0, named.length - maxAreas);
  return uses.flatMap((use) => [
    ...(all.hidden ? [] : [{ check: check.id, figure: use.figure, area: null, text: fillSentence(use, all.share!, check.rows) }]),
    ...(range ? [{ check: check.id, figure: use.figure, area: null, text: range }] : []),
    ...named.slice(0, maxAreas).map((a) => ({ check: check.id, figure: use.figure, area: a.area, text: fillSentence(use, a.cell.share!, `${possessive(a.name)} ${check.rows}`) })),
    ...(more ? [{ check: check.id, figure: use.figure, area: null, text: `${more} more ${more === 1 ? 'area is' : 'areas are'} below ${pct}% too (in the table).` }] : []),
    ...(small && !everywhere ? [{ check: check.id, figure: use.figure, area: null, text: `${small} ${small === 1 ? 'area' : 'areas'} below ${pct}% ${small === 1 ? 'has' : 'have'} too few ${check.rows} to show ${small === 1 ? 'its' : 'their'} share.` }] : [])
  ]);
}
