/**
 * What an empty chart says. A chart with nothing to draw first says which extract it is missing ("Load a
 * providers extract to see service variety by area."); only when its extracts are all loaded does the
 * frame blame the filters ("Nothing to show for these filters."), as the data is there but filtered out.
 */
import type { ExtractKind } from '../domain/extracts';
import { andList } from '../domain/format';

/** An extract a chart needs, or a choice of extracts any one of which will do (funding or providers). */
export type Need = ExtractKind | readonly ExtractKind[];

const a = (kind: string) => (/^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`);
const or = (kinds: readonly string[]) => (kinds.length > 1 ? `${kinds.slice(0, -1).join(', ')} or ${kinds.at(-1)}` : (kinds[0] ?? ''));
const and = andList;

/**
 * The sentence for the extracts in `needs` that have no rows in `have` (the dataset's tables with data),
 * or undefined when none is missing. `what` finishes "to see …".
 */
export function missingExtract(needs: readonly Need[], have: ReadonlySet<string>, what: string): string | undefined {
  const missing = needs.filter((n) => (typeof n === 'string' ? !have.has(n) : !n.some((k) => have.has(k))));
  if (!missing.length) return undefined;
  if (missing.length === 1) {
    const m = missing[0]!;
    return `Load ${typeof m === 'string' ? a(m) : a(or(m))} extract to see ${what}.`;
  }
  return `Load the ${and(missing.map((m) => (typeof m === 'string' ? m : or(m))))} extracts to see ${what}.`;
}
