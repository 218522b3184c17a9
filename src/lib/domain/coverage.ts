/**
 * Sentences for figures whose tables do not belong together: synthetic demo tables beside the user's
 * own, areas named by one table and missing from the population extract (or the other way round), and
 * financial years one table has and another lacks. Shown where the figure is (charts/CoverageNote).
 */
import { andList } from './format';

export interface CoverageSource {
  table_name: string;
  origin: string;
}

export interface CoverageRow {
  table: 'referrals' | 'funding' | 'providers';
  areas: number;
  in_population: number;
  population_only: number;
  years: string[];
}

export interface CoverageInput {
  sources: CoverageSource[];
  rows: CoverageRow[];
  /** Areas in the population extract (0 when there is none: the built-in population is used, which covers every area). */
  populationAreas: number;
}

const LABEL: Record<string, string> = { referrals: 'referrals', funding: 'funding', providers: 'providers', population: 'population' };
const list = andList;
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** What does not belong together among `tables` (the tables the figure reads). */
export function coverageWarnings(input: CoverageInput, tables: readonly string[]): string[] {
  const out: string[] = [];
  const used = tables.filter((t) => t in LABEL);
  // 1. Made-up and real figures side by side.
  const demo = used.filter((t) => input.sources.some((s) => s.table_name === t && s.origin === 'demo'));
  const own = used.filter((t) => input.sources.some((s) => s.table_name === t && s.origin === 'upload'));
  if (demo.length && own.length) {
    out.push(
      `${cap(list(demo.map((t) => LABEL[t]!)))} ${demo.length === 1 ? 'is' : 'are'} synthetic demo data but ${list(own.map((t) => LABEL[t]!))} ${own.length === 1 ? 'comes' : 'come'} from your files: this figure sets made-up numbers against real ones. Load your own ${list(demo.map((t) => LABEL[t]!))}, or clear the data and load all your files.`
    );
  }
  // 2. Areas the population extract and the table do not share.
  if (used.includes('population') && input.populationAreas > 0) {
    for (const r of input.rows.filter((r) => used.includes(r.table) && r.areas > 0)) {
      const missing = r.areas - r.in_population;
      if (missing > 0) out.push(`${plural(missing, 'area')} of the ${plural(r.areas, 'area')} in ${LABEL[r.table]} ${missing === 1 ? 'is' : 'are'} not in the population extract: ${missing === 1 ? 'its' : 'their'} population is the built-in ONS figure instead.`);
      if (r.population_only > 0 && r.table !== 'providers')
        out.push(`${plural(r.population_only, 'area')} of the ${plural(input.populationAreas, 'area')} in the population extract ${r.population_only === 1 ? 'has' : 'have'} no ${LABEL[r.table]}: ${r.population_only === 1 ? 'it counts' : 'they count'} as having none.`);
    }
  }
  // 3. Financial years one table has and another lacks.
  const ref = input.rows.find((r) => r.table === 'referrals' && used.includes('referrals'));
  const fund = input.rows.find((r) => r.table === 'funding' && used.includes('funding'));
  if (ref?.years.length && fund?.years.length && !ref.years.some((y) => fund.years.includes(y))) {
    out.push(`Referrals cover ${span(ref.years)} but funding covers ${span(fund.years)}: no financial year has both.`);
  }
  return out;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const span = (years: string[]) => (years.length === 1 ? years[0]! : `${years[0]} to ${years[years.length - 1]}`);
