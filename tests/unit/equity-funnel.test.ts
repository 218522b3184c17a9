// Funnel data for the Equity view (domain/equity/funnel-data.ts) and its Plot options (charts/funnel-chart.ts,
// charts/label-placement.ts), on small hand-made areas.
import { describe, expect, test } from 'vitest';
import { funnelDomains, funnelDots, funnelOptions, limitAt, significanceLabel } from '../../src/lib/charts/funnel-chart';
import { LINE_HEIGHT, placeLabels } from '../../src/lib/charts/label-placement';
import { textWidth } from '../../src/lib/charts/label-fit';
import { showFunnel } from '../../src/lib/domain/equity/disclosure';
import {
  dsrNote, ESP2013_BROAD, isOutlier, referralRateDsrFunnel, referralRateFunnel, waitOver18wFunnel, type DsrFunnelInput
} from '../../src/lib/domain/equity/funnel-data';
import { rateSignificance } from '../../src/lib/domain/stats/funnel';
import { byarsLower, byarsUpper, countCi } from '../../src/lib/domain/stats/poisson';

const AREAS = [
  { code: 'A', name: 'Alpha', population: 10_000, referrals: 300 },
  { code: 'B', name: 'Beta', population: 20_000, referrals: 200 },
  { code: 'C', name: 'Gamma', population: 5_000, referrals: 60 },
  { code: 'D', name: 'Delta', population: 40_000, referrals: 480 },
  { code: 'E', name: 'Epsilon', population: null, referrals: 12 } // not in the population extract
];

describe('referral rate funnel', () => {
  test('a full year: rates per 1,000, the overall rate from sums, Byar intervals and significance', () => {
    const f = referralRateFunnel(AREAS, 12)!;
    // Overall: (300 + 200 + 60 + 480) / 75,000 × 1,000 = 13.8666… (E has no population and counts in neither sum).
    expect(f.baseline).toBeCloseTo((1040 / 75_000) * 1000, 12);
    const a = f.rows[0]!;
    expect(a.value).toBeCloseTo(30, 12);
    const ci = countCi(300, 0.95)!;
    expect(a.lower).toBeCloseTo((ci.lower / 10_000) * 1000, 12);
    expect(a.upper).toBeCloseTo((ci.upper / 10_000) * 1000, 12);
    // 30 per 1,000 against 13.9: far above; Beta's 10 against 13.9 on 200 referrals: below.
    expect(a.significance).toBe('High (0.001)');
    expect(f.rows[1]!.significance).toBe(rateSignificance({ events: 200, population: 20_000 }, 1040 / 75_000, { multiplier: 1000, rateType: 'crude' }));
    expect(f.rows[4]).toMatchObject({ code: 'E', value: null, significance: null, events: 12 });
    expect(isOutlier(a.significance)).toBe(true);
    expect(isOutlier('High (0.025)')).toBe(false);
  });

  test('a part year is annualised exactly as the Map does: × 12 ÷ months', () => {
    const full = referralRateFunnel(AREAS, 12)!;
    const half = referralRateFunnel(AREAS, 6)!;
    expect(half.baseline).toBeCloseTo(full.baseline * 2, 10);
    expect(half.rows[2]!.value).toBeCloseTo((60 / 5_000) * 1000 * 2, 12);
    // Limits are plotted against the resident population, not person-years: the x range is the same.
    const maxX = (d: typeof full) => Math.max(...d.lines.flatMap((l) => l.points.map((p) => p.x)));
    expect(maxX(half)).toBeGreaterThan(40_000);
    expect(referralRateFunnel(AREAS, 0)).toBeNull();
  });

  test('limit lines: four, in increasing x, the 99.8% outside the 95%', () => {
    const f = referralRateFunnel(AREAS, 12)!;
    expect(f.lines.map((l) => `${l.level} ${l.side}`)).toEqual(['95% lower', '95% upper', '99.8% lower', '99.8% upper']);
    for (const l of f.lines) expect(l.points.every((p, i) => i === 0 || p.x >= l.points[i - 1]!.x)).toBe(true);
    const at = (i: number) => limitAt(f.lines[i]!, 20_000)!;
    expect(at(2)).toBeLessThan(at(0));
    expect(at(0)).toBeLessThan(f.baseline);
    expect(at(1)).toBeGreaterThan(f.baseline);
    expect(at(3)).toBeGreaterThan(at(1));
  });

  test('no events at all: no funnel', () => {
    expect(referralRateFunnel(AREAS.map((a) => ({ ...a, referrals: 0 })), 12)).toBeNull();
  });
});

describe('waited over 18 weeks funnel', () => {
  test('percentages with Wilson intervals around the overall share', () => {
    const f = waitOver18wFunnel([
      { code: 'A', name: 'Alpha', denominator: 400, events: 100 },
      { code: 'B', name: 'Beta', denominator: 600, events: 60 },
      { code: 'C', name: 'Gamma', denominator: 0, events: 0 }
    ])!;
    expect(f.baseline).toBeCloseTo(16, 12); // 160 / 1000
    expect(f.rows[0]).toMatchObject({ value: 25, significance: 'High (0.001)' });
    expect(f.rows[1]!.significance).toBe('Low (0.001)');
    expect(f.rows[2]).toMatchObject({ value: null, significance: null });
    expect(f.rows[0]!.lower!).toBeLessThan(25);
    expect(f.lines[1]!.points.every((p) => p.y > 16)).toBe(true);
  });
});

describe('funnel plot options', () => {
  const data = referralRateFunnel(AREAS, 12)!;

  test('suppressed areas have no dot; outliers beyond 99.8% are labelled', () => {
    const withSmall = referralRateFunnel([...AREAS, { code: 'S', name: 'Small', population: 1_000, referrals: 5 }], 12)!;
    const shown = showFunnel(withSmall.rows, 'referral_rate');
    const dots = funnelDots(shown);
    // S (5 referrals) is suppressed, and with it the smallest other count (Epsilon's 12), so the pair cannot be
    // worked out from the total; Epsilon has no population, so no dot anyway.
    expect(dots.map((d) => d.code).sort()).toEqual(['A', 'B', 'C', 'D']);
    expect(shown.suppressed.get('5:events')).toBe('primary');
    expect(shown.suppressed.get('4:events')).toBe('secondary');
    expect(shown.rows[5]).toMatchObject({ code: 'S', events: null, value: null, lower: null, upper: null, significance: null });
    const options = funnelOptions(withSmall, dots, { xLabel: 'Population', yLabel: 'per 1,000', format: (v) => String(v) });
    const marks = options.marks as unknown as { data?: unknown[]; ariaLabel?: string }[];
    const labelMarks = marks.filter((m) => (m as { className?: string }).className === 'funnel-outlier-label');
    const labelled = labelMarks.flatMap((m) => (m.data as { text: string }[]).map((d) => d.text));
    expect(labelled.sort()).toEqual(dots.filter((d) => d.outlier).map((d) => d.name).sort());
    expect(labelled).not.toContain('Small');
  });

  test('axes span every dot and the limits at the smallest area', () => {
    const dots = funnelDots(showFunnel(data.rows, 'referral_rate'));
    const d = funnelDomains(data, dots)!;
    expect(d.x[0]).toBe(0);
    expect(d.x[1]).toBeCloseTo(40_000 * 1.05, 6);
    const widest = limitAt(data.lines[3]!, 5_000)!;
    expect(d.y[1]).toBeGreaterThan(Math.max(30, widest));
    expect(d.y[0]).toBeLessThan(Math.min(10, limitAt(data.lines[2]!, 5_000)!));
    expect(funnelDomains(data, [])).toBeNull();
  });

  test('significance in words', () => {
    expect(significanceLabel('Low (0.001)')).toBe('Lower, outside 99.8%');
    expect(significanceLabel('Not significant')).toBe('Within 95%');
  });
});

describe('label placement', () => {
  const frame = { width: 500, height: 300, marginTop: 20, marginRight: 20, marginBottom: 30, marginLeft: 50, x: [0, 100] as const, y: [0, 10] as const };

  test('labels on the same spot move to free lines; the result never overlaps', () => {
    const points = [
      { x: 20, y: 5, text: 'First' },
      { x: 21, y: 5.05, text: 'Second' },
      { x: 22, y: 4.95, text: 'Third' }
    ];
    const placed = placeLabels(points, frame);
    const px = (y: number) => 20 + ((10 - y) / 10) * 250;
    const tops = placed.map((p) => px(p.labelY)).sort((a, b) => a - b);
    for (let i = 1; i < tops.length; i++) expect(tops[i]! - tops[i - 1]!).toBeGreaterThanOrEqual(LINE_HEIGHT - 1e-9);
    expect(placed.filter((p) => p.moved)).toHaveLength(2);
    expect(placed.map((p) => p.text)).toEqual(['First', 'Second', 'Third']); // input order kept
  });

  test('far apart labels stay on their points; labels in the rightmost fifth go to the left', () => {
    const placed = placeLabels([{ x: 10, y: 9, text: 'Top' }, { x: 95, y: 1, text: 'Right' }], frame);
    expect(placed[0]).toMatchObject({ labelY: 9, anchor: 'start', moved: false });
    expect(placed[1]).toMatchObject({ anchor: 'end', moved: false });
  });

  test('a label with no free place, or too wide for the frame, does not fit (and is not drawn); those that fit never overlap', () => {
    const crowd = Array.from({ length: 14 }, (_, i) => ({ x: 20, y: 5, text: `Area ${i}` }));
    const placed = placeLabels(crowd, frame);
    const fitting = placed.filter((p) => p.fits);
    // The point's line and four above and below: nine places.
    expect(fitting).toHaveLength(9);
    const ys = fitting.map((p) => p.labelY).sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect(((ys[i]! - ys[i - 1]!) / 10) * 250).toBeGreaterThanOrEqual(LINE_HEIGHT - 1e-9);
    const long = 'Cheshire West and Chester and a few more words';
    expect(textWidth(long, 12)).toBeGreaterThan(200);
    const narrow = { ...frame, width: 200, marginLeft: 30, marginRight: 10 };
    expect(placeLabels([{ x: 50, y: 5, text: long }], narrow)[0]!.fits).toBe(false);
    // A short label near the right edge turns to the left and fits.
    expect(placeLabels([{ x: 70, y: 5, text: 'Westmorland' }], narrow)[0]).toMatchObject({ fits: true, anchor: 'end' });
  });

  test('labels do not cover other dots, and move within the frame (not below it)', () => {
    // A second dot right where the label would go (x 25 is 22.5 px to the right at 4.5 px per unit).
    const placed = placeLabels([{ x: 20, y: 5, text: 'Label' }], frame, [{ x: 20, y: 5 }, { x: 25, y: 5 }]);
    expect(placed[0]!.moved).toBe(true);
    // At the bottom of the frame the label can only go up.
    const low = placeLabels([{ x: 20, y: 0, text: 'Low' }, { x: 21, y: 0, text: 'Lower' }], frame);
    expect(low.every((l) => l.labelY >= 0)).toBe(true);
    expect(low.filter((l) => l.moved)).toHaveLength(1);
  });
});

describe('age-standardised referral rate funnel (DSR, Dobson)', () => {
  const DSR_AREAS: DsrFunnelInput[] = [
    // Band rates 0.01, 0.01, 0.02 per person a year.
    { code: 'A', name: 'Alpha', populations: [1000, 3000, 1000], referrals: [10, 30, 20], unknownAge: 2 },
    { code: 'B', name: 'Beta', populations: [500, 500, 500], referrals: [1, 2, 3], unknownAge: 0 }, // 6 < 10: no DSR
    { code: 'C', name: 'Gamma', populations: [null, null, 400], referrals: [0, 0, 9], unknownAge: 0 }, // no bands: left out
    { code: 'D', name: 'Delta', populations: [2000, 6000, 2000], referrals: [5, 60, 15], unknownAge: 3 },
    { code: 'X', name: 'X', populations: null, referrals: [1, 1, 1], unknownAge: 1 } // not in the population extract
  ];

  test('ESP2013 in the three broad bands: 0–17 takes 0–14 and 3/5 of 15–19', () => {
    // 5000 + 5500 + 5500 + 3300; 2200 + 59,000; 5500 + 5000 + 4000 + 2500 + 1500 + 1000.
    expect(ESP2013_BROAD).toEqual([19_300, 61_200, 19_500]);
  });

  test('a hand-worked DSR per 1,000 a year with Dobson limits, the effective population and significance', () => {
    const f = referralRateDsrFunnel(DSR_AREAS, 12)!;
    expect(f.measure).toBe('referral_rate_dsr');
    expect(f.rows.map((r) => r.code)).toEqual(['A', 'B', 'D']);
    expect(f.leftOut).toEqual({ areas: 2, unknownAgeReferrals: 5 });
    const a = f.rows[0]!;
    // DSR = (19,300 × 0.01 + 61,200 × 0.01 + 19,500 × 0.02) ÷ 100,000 × 1,000 = 1,195 ÷ 100 = 11.95.
    expect(a.value).toBeCloseTo(11.95, 12);
    expect(a.events).toBe(60);
    // var = (10 × 19.3² + 30 × 20.4² + 20 × 19.5²) ÷ 100,000² = 23,814.7e-10; scale = √(var ÷ 60) × 1,000.
    const scale = Math.sqrt(23_814.7e-10 / 60) * 1000;
    expect(scale).toBeCloseTo(0.1992264, 6);
    expect(a.lower).toBeCloseTo(11.95 + scale * (byarsLower(60, 0.95) - 60), 10);
    expect(a.upper).toBeCloseTo(11.95 + scale * (byarsUpper(60, 0.95) - 60), 10);
    // Effective population: 1,000 × 60 ÷ 11.95.
    expect(a.denominator).toBeCloseTo(60_000 / 11.95, 9);
    // D: (19,300 × 0.0025 + 61,200 × 0.01 + 19,500 × 0.0075) ÷ 100 = (48.25 + 612 + 146.25) ÷ 100 = 8.065.
    const d = f.rows[2]!;
    expect(d.value).toBeCloseTo(8.065, 12);
    // Centre: Σ E ÷ Σ effective person-years over the areas with a DSR (B has none and adds nothing).
    expect(f.baseline).toBeCloseTo((140 / (60 / 11.95 + 80 / 8.065)), 9);
    // B: 6 referrals, no DSR, not assessed.
    expect(f.rows[1]).toMatchObject({ value: null, lower: null, upper: null, denominator: null, events: 6, significance: 'Not applicable for events less than 10 for dsrs' });
    // Significance compares the centre with the area's own Byar's interval scaled to its effective population.
    for (const r of [a, d]) {
      const per = f.baseline / 1000;
      const lo = countCi(r.events!, 0.95)!.lower / r.denominator!;
      const hi = countCi(r.events!, 0.95)!.upper / r.denominator!;
      const lo998 = countCi(r.events!, 0.998)!.lower / r.denominator!;
      const hi998 = countCi(r.events!, 0.998)!.upper / r.denominator!;
      const expected = per > hi998 ? 'Low (0.001)' : per > hi ? 'Low (0.025)' : per < lo998 ? 'High (0.001)' : per < lo ? 'High (0.025)' : 'Not significant';
      expect(r.significance).toBe(expected);
    }
    expect(f.lines).toHaveLength(4);
    for (const l of f.lines) expect(l.points.every((p, i, ps) => i === 0 || p.x >= ps[i - 1]!.x)).toBe(true);
  });

  test('a part year is annualised like the crude rate: 6 months double the rate, x stays a yearly population', () => {
    const full = referralRateDsrFunnel(DSR_AREAS, 12)!;
    const half = referralRateDsrFunnel(DSR_AREAS, 6)!;
    expect(half.rows[0]!.value).toBeCloseTo(23.9, 10);
    expect(half.rows[0]!.denominator).toBeCloseTo(full.rows[0]!.denominator!, 6);
    expect(half.baseline).toBeCloseTo(2 * full.baseline, 9);
  });

  test('equal age structure: the DSR equals the crude rate', () => {
    // Band populations in the ESP's proportions make the weights the populations' own: DSR = Σ c ÷ Σ p × 1,000.
    const f = referralRateDsrFunnel([{ code: 'Q', name: 'Q', populations: [1930, 6120, 1950], referrals: [20, 50, 30], unknownAge: 0 }], 12)!;
    expect(f.rows[0]!.value).toBeCloseTo((100 / 10_000) * 1000, 10);
  });

  test('empty cases and the note; suppression as for a rate (by its referrals)', () => {
    expect(referralRateDsrFunnel(DSR_AREAS, 0)).toBeNull();
    expect(referralRateDsrFunnel([DSR_AREAS[2]!, DSR_AREAS[4]!], 12)).toBeNull();
    expect(referralRateDsrFunnel([{ ...DSR_AREAS[0]!, referrals: null }], 12)).toBeNull();
    const f = referralRateDsrFunnel(DSR_AREAS, 12)!;
    // 5 unknown-age referrals is a small count: *.
    expect(dsrNote(f)).toBe('2 areas without age-band populations left out · * referrals with an unknown age band left out');
    expect(dsrNote({ ...f, leftOut: { areas: 1, unknownAgeReferrals: 12 } })).toBe('1 area without age-band populations left out · 12 referrals with an unknown age band left out');
    expect(dsrNote(referralRateFunnel(AREAS, 12))).toBe('');
    // B's 6 referrals are suppressed, and one more area with it (the smallest other, for the total).
    const shown = showFunnel(f.rows, 'referral_rate');
    expect(shown.rows[1]!.events).toBeNull();
    expect(shown.rows[1]!.significance).toBeNull();
    expect(shown.rows.filter((r) => r.events === null)).toHaveLength(2);
  });
});
