/**
 * The four stages a referral passes through on the Pathways view: who referred it (referral source),
 * what it was for (service category), which sector's provider took it (provider sector) and what
 * became of it (outcome, its recorded status). Pure: the cube of counts comes from db/sql/pathways.ts.
 */

/** One cell of the cube: referrals with these four values (nulls are blanks). */
export interface PathwayCell {
  source: string | null;
  service: string | null;
  /** The provider's sector; null when no provider is named, or it is not in the providers extract or has no sector. */
  sector: string | null;
  has_provider: boolean;
  status: string | null;
  n: number;
}

export const STAGES = ['source', 'service', 'sector', 'outcome'] as const;
export type Stage = (typeof STAGES)[number];

/** The stages each step of the flows joins: step 0 is source → service, and so on. */
export const STEPS = [['source', 'service'], ['service', 'sector'], ['sector', 'outcome']] as const satisfies readonly (readonly [Stage, Stage])[];

export const STAGE_NAMES: Record<Stage, string> = {
  source: 'Referral source',
  service: 'Service category',
  sector: 'Provider sector',
  outcome: 'Outcome'
};
/** The same, one word each, for a narrow chart. */
export const SHORT_STAGE_NAMES: Record<Stage, string> = { source: 'Source', service: 'Service', sector: 'Sector', outcome: 'Outcome' };

/** Outcomes in the order a reader follows them: still open, then done, then the three that are lost. */
export const OUTCOMES = [
  { status: 'waiting', label: 'Still waiting', lost: false },
  { status: 'accepted', label: 'Accepted (in progress)', lost: false },
  { status: 'completed', label: 'Completed', lost: false },
  { status: 'declined', label: 'Declined', lost: true },
  { status: 'dna', label: 'Did not attend', lost: true },
  { status: 'withdrawn', label: 'Withdrawn', lost: true },
  { status: null, label: 'Status not recorded', lost: false }
] as const;

const OUTCOME_LABEL = new Map<string | null, string>(OUTCOMES.map((o) => [o.status, o.label]));
/** Labels of the outcomes where the referral was lost: declined, did not attend, withdrawn. */
export const LOST_OUTCOMES: ReadonlySet<string> = new Set(OUTCOMES.filter((o) => o.lost).map((o) => o.label));

/** A cell's value at a stage, as the chart and its table name it. */
export function stageLabel(stage: Stage, c: PathwayCell): string {
  switch (stage) {
    case 'source':
      return c.source ?? 'Source not recorded';
    case 'service':
      return c.service ?? 'Service not recorded';
    case 'sector':
      return !c.has_provider ? 'No provider named' : (c.sector ?? 'Sector not recorded');
    case 'outcome':
      return OUTCOME_LABEL.get(c.status) ?? `Status "${c.status}"`;
  }
}

/** Values a stage shows before the rest are folded into one "Other …" node, so the diagram stays readable. */
export const MAX_NODES = 8;

/** Each stage's node names in drawing order: the largest first (outcomes in their fixed order), the smallest folded. */
export interface StageNodes {
  /** Node names per stage, in order. */
  nodes: Record<Stage, string[]>;
  /** A cell's node at a stage (its own value, or the stage's "Other …" node). */
  nodeOf: (stage: Stage, c: PathwayCell) => string;
  /** The stages whose smallest values were folded into one node. */
  foldedStages: Stage[];
}

const OTHER: Record<Stage, string> = { source: 'other sources', service: 'other services', sector: 'other sectors', outcome: 'other statuses' };

export function stageNodes(cells: readonly PathwayCell[], maxNodes = MAX_NODES): StageNodes {
  const nodes = {} as Record<Stage, string[]>;
  const folded = {} as Record<Stage, Map<string, string>>;
  const foldedStages: Stage[] = [];
  for (const stage of STAGES) {
    const totals = new Map<string, number>();
    for (const c of cells) {
      const label = stageLabel(stage, c);
      totals.set(label, (totals.get(label) ?? 0) + c.n);
    }
    const fixed = stage === 'outcome' ? OUTCOMES.map((o) => o.label as string) : [];
    const ranked = [...totals.keys()].sort((a, b) => {
      const fa = fixed.indexOf(a), fb = fixed.indexOf(b);
      if (fa >= 0 || fb >= 0) return (fa < 0 ? Infinity : fa) - (fb < 0 ? Infinity : fb);
      return totals.get(b)! - totals.get(a)! || a.localeCompare(b);
    });
    const map = new Map<string, string>();
    // Folding one value into "Other" gains nothing: fold only when two or more would go.
    const keep = ranked.length > maxNodes ? maxNodes - 1 : ranked.length;
    const other = `All ${ranked.length - keep} ${OTHER[stage]}`;
    ranked.forEach((label, i) => map.set(label, i < keep ? label : other));
    folded[stage] = map;
    nodes[stage] = [...new Set(map.values())];
    if (keep < ranked.length) foldedStages.push(stage);
  }
  return { nodes, nodeOf: (stage, c) => folded[stage].get(stageLabel(stage, c))!, foldedStages };
}

/** Referrals going from a node of one stage to a node of the next. */
export interface Flow {
  /** Index of the stage the flow leaves (0: source → service, 1: service → sector, 2: sector → outcome). */
  step: 0 | 1 | 2;
  from: string;
  to: string;
  n: number;
}

/** The flows between each pair of neighbouring stages: the cube summed over the other two stages, in node order within a step. */
export function pathwayFlows(cells: readonly PathwayCell[], nodes: StageNodes = stageNodes(cells)): Flow[] {
  const out: Flow[] = [];
  for (const step of [0, 1, 2] as const) {
    const [a, b] = STEPS[step];
    const sums = new Map<string, Flow>();
    for (const c of cells) {
      const from = nodes.nodeOf(a, c);
      const to = nodes.nodeOf(b, c);
      const key = `${from}\u0000${to}`;
      const f = sums.get(key) ?? { step, from, to, n: 0 };
      f.n += c.n;
      sums.set(key, f);
    }
    const order = (stage: Stage, name: string) => nodes.nodes[stage].indexOf(name);
    out.push(...[...sums.values()].filter((f) => f.n > 0).sort((x, y) => order(a, x.from) - order(a, y.from) || order(b, x.to) - order(b, y.to)));
  }
  return out;
}
