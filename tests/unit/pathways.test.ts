// The Pathways view: the cube of referrals by source, service, provider sector and status
// (db/sql/pathways.ts) in a real DuckDB against the test's own SQL counts; the flows, their small-number
// rule, the outcome rates with Wilson intervals and the sentence (domain/pathways/) against hand-computed
// values; the flow diagram's geometry (charts/sankey-layout.ts).
import { beforeAll, describe, expect, test } from 'vitest';
import type { DbClient } from '../../src/lib/db/client';
import { fieldSqlType } from '../../src/lib/db/sql/ingest';
import { pathwayCells } from '../../src/lib/db/sql/pathways';
import { EXTRACTS, type ExtractKind } from '../../src/lib/domain/extracts';
import { pathwayFlows, stageNodes, type PathwayCell } from '../../src/lib/domain/pathways/stages';
import { showFlows } from '../../src/lib/domain/pathways/flows-disclosure';
import { outcomeRates, showOutcomeRates } from '../../src/lib/domain/pathways/outcomes';
import { largestExcess, ratioWords } from '../../src/lib/domain/pathways/outcome-words';
import { sankeyLayout } from '../../src/lib/charts/sankey-layout';
import { openNodeDb } from '../../scripts/lib/node-db';

let db: DbClient;
const lit = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v}'`);

async function table(kind: ExtractKind, cols: string[], rows: (string | number | null)[][]) {
  const defs = EXTRACTS[kind].fields.map((f) => `${f.name} ${fieldSqlType(f.kind)}`);
  await db.exec(`CREATE OR REPLACE TABLE ${kind} (${defs.join(', ')});
    INSERT INTO ${kind} (${cols.join(', ')}) VALUES ${rows.map((r) => `(${r.map(lit).join(', ')})`).join(', ')};`);
}

/** Referrals: many rows, made by rule so the test's own SQL has something to count. */
function referralRows(): (string | number | null)[][] {
  const sources = ['GP', 'hospital', 'self', null];
  const services = ['arts', 'advice', null];
  const providers = ['P1', 'P2', 'P3', 'PX', null]; // PX is not in the providers extract
  const statuses = ['completed', 'declined', 'dna', 'withdrawn', 'waiting', 'accepted', null];
  const rows: (string | number | null)[][] = [];
  for (let i = 0; i < 400; i++) {
    const month = 1 + (i % 6); // January to June 2024
    rows.push([`r${i}`, `2024-0${month}-${String(1 + (i % 27)).padStart(2, '0')}`, i % 3 === 0 ? 'A' : 'B', sources[i % 4]!, services[(i * 7) % 3]!,
      providers[(i * 3) % 5]!, statuses[(i * 5 + (i >> 3)) % 7]!, i % 2 === 0 ? '18-29' : '0-17']);
  }
  return rows;
}

beforeAll(async () => {
  db = await openNodeDb();
  await table('providers', ['provider_id', 'provider_name', 'sector', 'contract_start'], [
    ['P1', 'One', 'NHS', '2022-04-01'],
    ['P1', 'One', 'VCSE', '2023-04-01'], // the latest contract names the sector: VCSE
    ['P2', 'Two', 'council', null],
    ['P3', 'Three', null, null] //          in the extract, no sector
  ]);
  await table('referrals', ['referral_id', 'referral_date', 'area_code', 'referral_source', 'service_category', 'provider_id', 'status', 'age_band'], referralRows());
});

const PERIOD = { from: '2024-02', to: '2024-05' };

/** The test's own count of referrals in the period by two stages, straight from the table. */
async function ownCounts(a: string, b: string, where = ''): Promise<Map<string, number>> {
  const stage = (s: string) => ({
    source: `coalesce(r.referral_source, 'Source not recorded')`,
    service: `coalesce(r.service_category, 'Service not recorded')`,
    sector: `CASE WHEN r.provider_id IS NULL THEN 'No provider named' WHEN p.sector IS NULL THEN 'Sector not recorded' ELSE p.sector END`,
    outcome: `CASE r.status WHEN 'waiting' THEN 'Still waiting' WHEN 'accepted' THEN 'Accepted (in progress)' WHEN 'completed' THEN 'Completed'
      WHEN 'declined' THEN 'Declined' WHEN 'dna' THEN 'Did not attend' WHEN 'withdrawn' THEN 'Withdrawn' ELSE 'Status not recorded' END`
  })[s]!;
  const rows = await db.query<{ a: string; b: string; n: number }>(`SELECT ${stage(a)} AS a, ${stage(b)} AS b, count(*)::INTEGER AS n
    FROM referrals r LEFT JOIN (VALUES ('P1', 'VCSE'), ('P2', 'council'), ('P3', NULL)) p(provider_id, sector) USING (provider_id)
    WHERE r.referral_date BETWEEN DATE '2024-02-01' AND DATE '2024-05-31' ${where} GROUP BY ALL`);
  return new Map(rows.map((r) => [`${r.a}|${r.b}`, r.n]));
}

describe('flows', () => {
  test('each step equals the test\'s own SQL count of referrals by the two stages it joins', async () => {
    const cells = await pathwayCells(db, PERIOD);
    const flows = pathwayFlows(cells);
    const steps = [['source', 'service'], ['service', 'sector'], ['sector', 'outcome']] as const;
    for (const [i, [a, b]] of steps.entries()) {
      const own = await ownCounts(a, b);
      const mine = new Map(flows.filter((f) => f.step === i).map((f) => [`${f.from}|${f.to}`, f.n]));
      expect(mine).toEqual(own);
    }
    // Every step carries every referral of the period (February to May: 4 of 6 months' rows).
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM referrals WHERE referral_date BETWEEN '2024-02-01' AND '2024-05-31'`) as [{ n: number }];
    for (const i of [0, 1, 2]) expect(flows.filter((f) => f.step === i).reduce((s, f) => s + f.n, 0)).toBe(n);
  });

  test('the shared filters apply (area and age band), bound as parameters', async () => {
    const cells = await pathwayCells(db, { ...PERIOD, areaCodes: ['A'], ageBands: ['0-17'] });
    const own = await ownCounts('source', 'outcome', `AND r.area_code = 'A' AND r.age_band = '0-17'`);
    const mine = new Map(pathwayFlows(cells).filter((f) => f.step === 0).map((f) => [f.from, f.n]));
    const ownBySource = new Map<string, number>();
    for (const [k, v] of own) ownBySource.set(k.split('|')[0]!, (ownBySource.get(k.split('|')[0]!) ?? 0) + v);
    const mineBySource = new Map<string, number>();
    for (const f of pathwayFlows(cells).filter((f) => f.step === 0)) mineBySource.set(f.from, (mineBySource.get(f.from) ?? 0) + f.n);
    expect(mineBySource).toEqual(ownBySource);
    expect(mine.size).toBeGreaterThan(0);
    expect(await pathwayCells(db, { ...PERIOD, areaCodes: ["A') OR 1=1 --"] })).toEqual([]);
  });

  test('a stage with more than 8 values keeps the 7 largest and folds the rest into one node', () => {
    const cells: PathwayCell[] = Array.from({ length: 10 }, (_, i) => ({ source: `s${i}`, service: 'x', sector: 'VCSE', has_provider: true, status: 'completed', n: 100 - i }));
    const nodes = stageNodes(cells);
    expect(nodes.nodes.source).toEqual(['s0', 's1', 's2', 's3', 's4', 's5', 's6', 'All 3 other sources']);
    expect(nodes.foldedStages).toEqual(['source']);
    const flows = pathwayFlows(cells, nodes);
    expect(flows.find((f) => f.step === 0 && f.from === 'All 3 other sources')?.n).toBe(93 + 92 + 91);
    // Outcomes keep their fixed order, whatever their size.
    const outcomes = stageNodes([
      { source: 'a', service: 'x', sector: null, has_provider: false, status: 'declined', n: 50 },
      { source: 'a', service: 'x', sector: null, has_provider: false, status: 'waiting', n: 1 }
    ]).nodes.outcome;
    expect(outcomes).toEqual(['Still waiting', 'Declined']);
  });

  test('a small flow is hidden, and a second one beside it so it cannot be worked out', () => {
    const cell = (source: string, service: string, n: number): PathwayCell => ({ source, service, sector: 'VCSE', has_provider: true, status: 'completed', n });
    // GP → arts 5 (small); GP → advice 40; GP → music 30. Hospital → arts 20.
    const shown = showFlows(pathwayFlows([cell('GP', 'arts', 5), cell('GP', 'advice', 40), cell('GP', 'music', 30), cell('hospital', 'arts', 20)]));
    const at = (from: string, to: string) => shown.find((f) => f.step === 0 && f.from === from && f.to === to)!;
    expect(at('GP', 'arts')).toMatchObject({ shown: null, hidden: 'primary' });
    // GP's referrals are known (outcome rates): the smallest other flow out of GP goes too (30 < 40),
    // and arts's referrals are known too: hospital → arts goes as well.
    expect(at('GP', 'music')).toMatchObject({ shown: null, hidden: 'secondary' });
    expect(at('hospital', 'arts')).toMatchObject({ shown: null, hidden: 'secondary' });
    expect(at('GP', 'advice').shown).toBe(40);
    // Threshold 0: nothing hidden.
    expect(showFlows(pathwayFlows([cell('GP', 'arts', 5), cell('GP', 'advice', 40)]), { maxSuppressed: 0 }).every((f) => f.shown !== null)).toBe(true);
  });
});

describe('outcome rates', () => {
  const cell = (source: string, status: string | null, n: number): PathwayCell => ({ source, service: 'x', sector: 'VCSE', has_provider: true, status, n });
  // GP: 200 with a known outcome, 10 declined; hospital: 50 known, 10 declined; 30 waiting and 5 blank not known.
  const cells = [cell('GP', 'completed', 190), cell('GP', 'declined', 10), cell('GP', 'waiting', 30), cell('GP', null, 5),
    cell('hospital', 'completed', 38), cell('hospital', 'declined', 10), cell('hospital', 'dna', 2)];

  test('rate = outcome ÷ known outcome, with the Wilson 95% interval (hand-computed)', () => {
    const rows = outcomeRates(cells, 'source', 'declined');
    const gp = rows.find((r) => r.group === 'GP')!;
    expect(gp).toMatchObject({ referrals: 235, known: 200, outcome: 10 });
    expect(gp.rate).toBe(0.05);
    // Wilson, x = 10, n = 200, z = 1.959963985: (2x + z² ∓ z√(z² + 4x(1 − x/n))) / (2(n + z²)), worked in Python.
    expect(gp.lower).toBeCloseTo(0.0273826, 6);
    expect(gp.upper).toBeCloseTo(0.0895781, 6);
    const hospital = rows.find((r) => r.group === 'hospital')!;
    expect(hospital).toMatchObject({ referrals: 50, known: 50, outcome: 10, rate: 0.2 });
    expect(hospital.lower).toBeCloseTo(0.1124375, 6);
    expect(hospital.upper).toBeCloseTo(0.3303711, 6);
    const all = rows.at(-1)!;
    expect(all).toMatchObject({ group: null, known: 250, outcome: 20, rate: 0.08 });
    // Any of the three: hospital 12 of 50.
    expect(outcomeRates(cells, 'source', 'lost').find((r) => r.group === 'hospital')!.rate).toBe(0.24);
  });

  test('a small count hides its rate; one hidden group hides a second', () => {
    const rows = showOutcomeRates(outcomeRates([...cells, cell('self', 'declined', 3), cell('self', 'completed', 40)], 'source', 'declined'));
    const self = rows.find((r) => r.group === 'self')!;
    expect(self).toMatchObject({ outcome: null, rate: null, lower: null, upper: null, known: 43 });
    // The groups' declines add up to the total shown: the smallest other (GP and hospital both 10: the first) goes too.
    expect(rows.filter((r) => r.group !== null && r.outcome === null)).toHaveLength(2);
  });

  test('the sentence names the largest significant excess against the largest group', () => {
    const rows = outcomeRates(cells, 'source', 'declined');
    const e = largestExcess(rows, 'source', 'declined');
    expect(e.group).toBe('hospital');
    expect(e.comparator).toBe('GP');
    expect(e.sentence).toBe('Hospital referrals are declined four times as often as GP referrals (20.0% against 5.0%; the 95% intervals do not overlap).');
    // Overlapping intervals: no excess named.
    const close = outcomeRates([cell('GP', 'declined', 10), cell('GP', 'completed', 190), cell('hospital', 'declined', 4), cell('hospital', 'completed', 46)], 'source', 'declined');
    const none = largestExcess(close, 'source', 'declined');
    expect(none.group).toBeNull();
    expect(none.sentence).toMatch(/^No referral source has referrals declined significantly more often than GP referrals/);
    expect(largestExcess(outcomeRates(cells, 'service', 'declined'), 'service', 'declined').sentence).toBe('');
  });

  test('ratio words', () => {
    expect(ratioWords(2.04)).toBe('twice as often');
    expect(ratioWords(1.9)).toBe('1.9 times as often');
    expect(ratioWords(3)).toBe('three times as often');
  });
});

describe('flow diagram geometry', () => {
  const box = { left: 0, right: 300, top: 0, bottom: 110, nodeWidth: 10, padding: 10 };

  test('nodes as tall as their referrals on one scale, bands as wide, stacked without crossing at a node', () => {
    const { nodes, bands } = sankeyLayout([['GP', 'self'], ['arts', 'advice']], [
      { step: 0, from: 'GP', to: 'arts', value: 60 },
      { step: 0, from: 'GP', to: 'advice', value: 20 },
      { step: 0, from: 'self', to: 'advice', value: 20 }
    ], box);
    // Column 0: 80 + 20 referrals and one gap of 10 in 110 px: 1 px per referral.
    const gp = nodes.find((n) => n.name === 'GP')!;
    expect([gp.y0, gp.y1]).toEqual([0, 80]);
    expect(nodes.find((n) => n.name === 'self')!.y0).toBe(90);
    expect(nodes.find((n) => n.name === 'advice')!).toMatchObject({ x0: 290, value: 40 });
    const arts = bands.find((b) => b.to === 'arts')!;
    expect(arts).toMatchObject({ width: 60, y0: 30, x0: 10, x1: 290 });
    // Into advice: GP's band (leaving higher) arrives above self's.
    const a1 = bands.find((b) => b.from === 'GP' && b.to === 'advice')!;
    const a2 = bands.find((b) => b.from === 'self' && b.to === 'advice')!;
    expect(a1.y1).toBeLessThan(a2.y1);
    expect(a2.y1 - a1.y1).toBe(20);
  });

  test('a hidden flow gets no band, and a node with none drawn is left out', () => {
    const { nodes, bands } = sankeyLayout([['GP', 'self'], ['arts']], [
      { step: 0, from: 'GP', to: 'arts', value: 50 },
      { step: 0, from: 'self', to: 'arts', value: null }
    ], box);
    expect(bands).toHaveLength(1);
    expect(nodes.map((n) => n.name).sort()).toEqual(['GP', 'arts']);
  });
});
