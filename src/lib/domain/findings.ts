/**
 * What a map shows, in one sentence: the area a board should look at first (rank 1, the worst, or
 * the highest where no direction is judged) and how far it is from the rest. It starts the map's
 * alternative text and is its default caption in a board pack, so the sentence must stand alone.
 */
import { fmtGbp, fmtPct } from './format';
import type { MeasureDef } from './measures';

export interface RankedValue {
  name: string;
  value: number | null;
  rank: number | null;
  suppressed?: boolean;
}

/** The sentence; empty when no area has a ranked value. */
export function measureFinding(measure: Pick<MeasureDef, 'id' | 'label' | 'format' | 'higherIsBetter'>, rows: readonly RankedValue[]): string {
  const ranked = rows.filter((r) => r.value !== null && r.rank !== null && !r.suppressed).sort((a, b) => a.rank! - b.rank!);
  const first = ranked[0];
  if (!first) return '';
  const v = first.value!;
  const of = `${ranked.length} ${ranked.length === 1 ? 'area' : 'areas'}`;
  switch (measure.id) {
    case 'dft':
      return v < 0
        ? `${first.name} receives ${fmtPct(-v)} less than its fair share, the furthest below of ${of}.`
        : `Every area receives at least its fair share; ${first.name} is closest to it (${measure.format(v)}).`;
    case 'gap_gbp':
      return v < 0
        ? `${first.name} receives ${fmtGbp(-v)} less than its fair share, the largest shortfall of ${of}.`
        : `No area is below its fair share; ${first.name} has the smallest surplus (${measure.format(v)}).`;
    default: {
      const which = measure.higherIsBetter === false ? 'highest' : measure.higherIsBetter === true ? 'lowest' : 'highest';
      const last = ranked.at(-1)!;
      const range = ranked.length > 1 ? `, against ${measure.format(last.value)} in ${last.name}` : '';
      return `${first.name} has the ${which} ${measure.label.toLowerCase()} of ${of}: ${measure.format(v)}${range}.`;
    }
  }
}
