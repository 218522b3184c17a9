// The palette's roles (charts/palette.ts): one colour per meaning, each distinct, and each at least 3:1 against
// white as WCAG 2.2 asks of graphical objects (1.4.11). The contrast is computed here from the WCAG formula.
import { describe, expect, test } from 'vitest';
import { ROLE, SPC_COLOURS } from '../../src/lib/charts/palette';
import { SIGNIFICANCE_KEY, SIGNIFICANCE_MARKS } from '../../src/lib/charts/funnel-chart';

/** WCAG relative luminance of '#rrggbb'. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

describe('palette roles', () => {
  test('the contrast formula: black on white is 21:1, white on white 1:1, #767676 (the well-known lightest AA grey) 4.54:1', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 6);
    expect(contrast('#ffffff', '#ffffff')).toBe(1);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  test('the roles the brief names exist: worse, better, neutral, the two series of a comparison, reference, incomplete', () => {
    expect(Object.keys(ROLE).sort()).toEqual(['better', 'comparison', 'incomplete', 'measure', 'neutral', 'reference', 'unusual', 'worse']);
  });

  test('every role is a distinct colour', () => {
    const colours = Object.values(ROLE).map((c) => c.toLowerCase());
    expect(new Set(colours).size).toBe(colours.length);
  });

  test.each(Object.entries(ROLE))('%s (%s) is at least 3:1 against white', (_, colour) => {
    expect(contrast(colour, '#ffffff')).toBeGreaterThanOrEqual(3);
  });

  test('worse and better, measure and comparison differ in lightness too (not hue alone)', () => {
    const ratio = (a: string, b: string) => contrast(a, b);
    expect(ratio(ROLE.worse, ROLE.better)).toBeGreaterThan(1.5);
    expect(ratio(ROLE.measure, ROLE.comparison)).toBeGreaterThan(1.3);
  });

  test('SPC and funnel colours are roles: concern is worse, improvement better; a funnel judges no direction', () => {
    expect(SPC_COLOURS).toEqual({ common_cause: ROLE.neutral, improvement: ROLE.better, concern: ROLE.worse, neither: ROLE.unusual });
    const byLabel = Object.fromEntries(SIGNIFICANCE_KEY.map((k) => [k.label, k.colour]));
    expect(byLabel['Higher, outside 99.8%']).toBe(byLabel['Lower, outside 99.8%']);
    expect(Object.values(byLabel)).not.toContain(ROLE.worse);
    expect(Object.values(byLabel)).not.toContain(ROLE.better);
  });

  test("the funnel's key has one entry a mark: no two alike, every mark the chart draws among them", () => {
    const marks = SIGNIFICANCE_MARKS.map((k) => `${k.mark} ${k.colour}`);
    expect(new Set(marks).size).toBe(marks.length);
    for (const k of SIGNIFICANCE_KEY) expect(marks, k.label).toContain(`${k.mark} ${k.colour}`);
  });
});
