import { expect, test } from 'vitest';
import { barOptions } from '../../src/lib/charts/bar-chart';
import { dotCiOptions } from '../../src/lib/charts/dot-ci-chart';
import { fitText, labelMargin, labelsThatFit, textWidth, wrapLabel } from '../../src/lib/charts/label-fit';

test('text widths: wide letters wider than narrow ones, proportional to the font size', () => {
  expect(textWidth('WWW', 12)).toBeGreaterThan(textWidth('iii', 12) * 2.5);
  expect(textWidth('Preston', 24)).toBeCloseTo(textWidth('Preston', 12) * 2, 9);
  expect(textWidth('', 12)).toBe(0);
});

test('a label is shortened with … only when it does not fit, and then fits', () => {
  expect(fitText('Blackpool', 200, 12)).toBe('Blackpool');
  const long = "Greater Manchester Young People's Wellbeing Service";
  const cut = fitText(long, 150, 12);
  expect(cut.endsWith('…')).toBe(true);
  expect(long.startsWith(cut.slice(0, -1))).toBe(true);
  expect(textWidth(cut, 12)).toBeLessThanOrEqual(150);
});

test('the margin fits the longest label up to 40% of the width; labels beyond it are cut to fit', () => {
  const short = labelMargin(['Wyre', 'Fylde'], 720);
  expect(short.margin).toBeLessThan(80);
  const long = "Oldham Money and Housing Advice and Young People's Wellbeing";
  const m = labelMargin(['Wyre', long], 720);
  expect(m.margin).toBe(Math.ceil(720 * 0.4));
  expect(textWidth(m.format(long), 12)).toBeLessThanOrEqual(m.margin - 14);
  expect(m.format('Wyre')).toBe('Wyre');
  // On a phone the chart keeps at least 80 px of labels.
  expect(labelMargin([long], 150).margin).toBe(80);
});

test('ranked bar and dot charts take the width given, a label margin from their labels, the axis title under the ticks', () => {
  const rows = [{ key: 'a', label: 'Blackburn with Darwen', value: 3 }, { key: 'b', label: 'Wyre', value: 2 }];
  const bar = barOptions(rows, { unit: 'places a year per 1,000', width: 1000 });
  expect(bar.width).toBe(1000);
  expect(bar.marginLeft).toBe(labelMargin(['Blackburn with Darwen', 'Wyre'], 1000).margin);
  expect(bar.x).toMatchObject({ labelAnchor: 'center', labelOffset: 36 });
  expect(bar.marginBottom).toBeGreaterThanOrEqual(40);
  const dot = dotCiOptions(rows.map((r) => ({ ...r, lower: 1, upper: 4 })), { unit: 'gap', width: 360 });
  expect(dot.width).toBe(360);
  expect(dot.marginLeft).toBeLessThanOrEqual(Math.ceil(360 * 0.4));
});

test('labels along a narrow key: the ends and the middle first, in-between labels only where they do not touch', () => {
  const at = (w: number) => ['−£869.6k', '−£434.8k', '£0.00', '+£434.8k', '+£869.6k'].map((text, i) => ({
    x: (w * i) / 4, text, anchor: i === 0 ? ('start' as const) : i === 4 ? ('end' as const) : ('middle' as const)
  }));
  expect(labelsThatFit(at(400))).toEqual([true, true, true, true, true]);
  expect(labelsThatFit(at(300))).toEqual([true, false, true, false, true]);
  // Too narrow for the middle too: the two ends stay.
  expect(labelsThatFit(at(120))).toEqual([true, false, false, false, true]);
  expect(labelsThatFit([])).toEqual([]);
  expect(labelsThatFit([{ x: 10, text: '5', anchor: 'middle' }])).toEqual([true]);
});

test('an axis title that does not fit breaks between words onto a second line, which alone is cut if it must be', () => {
  expect(wrapLabel('places per 1,000', 200, 12)).toEqual({ text: 'places per 1,000', lines: 1 });
  const two = wrapLabel('referral places a year per 1,000 residents', 180, 12);
  expect(two.lines).toBe(2);
  expect(two.text.replace('\n', ' ')).toBe('referral places a year per 1,000 residents');
  for (const line of two.text.split('\n')) expect(textWidth(line, 12)).toBeLessThanOrEqual(180);
  const cut = wrapLabel('declined, % of referrals with a known outcome in the period chosen above and more words', 150, 12);
  expect(cut.lines).toBe(2);
  expect(cut.text.endsWith('…')).toBe(true);
  for (const line of cut.text.split('\n')) expect(textWidth(line, 12)).toBeLessThanOrEqual(150);
});
