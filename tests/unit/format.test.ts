// Numbers and dates as people read them (domain/format.ts): one minus sign (U+2212) for every negative,
// whatever the unit, and one date style. Expectations are written out by hand.
import { describe, expect, test } from 'vitest';
import {
  MINUS, fmt1, fmt1Signed, fmtDate, fmtDay, fmtFixed, fmtGbp, fmtGbpShort, fmtGbpShortSigned, fmtGbpSigned, fmtInt, fmtMonth, fmtPct, fmtPctSigned
} from '../../src/lib/domain/format';
import { monthLabel } from '../../src/lib/state/filters-url';
import { cellValue } from '../../src/lib/export/table-csv';

const M = '\u2212';

describe('one minus sign', () => {
  test('MINUS is U+2212', () => expect(MINUS.codePointAt(0)).toBe(0x2212));

  test('counts and decimals', () => {
    expect(fmtInt(-1234)).toBe(`${M}1,234`);
    expect(fmtInt(1234)).toBe('1,234');
    expect(fmt1(-3.25)).toBe(`${M}3.3`);
    expect(fmtFixed(-0.125, 2)).toBe(`${M}0.13`);
    expect(fmtFixed(1.5, 2)).toBe('1.50');
  });

  test('money: the sign before the £', () => {
    expect(fmtGbp(-386923)).toBe(`${M}£386,923`);
    expect(fmtGbp(-12.5)).toBe(`${M}£12.50`);
    expect(fmtGbp(386923)).toBe('£386,923');
    expect(fmtGbpShort(-1_234_567)).toBe(`${M}£1.2m`);
    expect(fmtGbpShort(-2_500_000_000)).toBe(`${M}£2.5bn`);
    expect(fmtGbpShort(-45_300)).toBe(`${M}£45.3k`);
    expect(fmtGbpShortSigned(-1_234_567)).toBe(`${M}£1.2m`);
    expect(fmtGbpShortSigned(45_300)).toBe('+£45.3k');
    expect(fmtGbpSigned(-386923)).toBe(`${M}£386,923`);
    expect(fmtGbpSigned(1234)).toBe('+£1,234');
  });

  test('percentages', () => {
    expect(fmtPctSigned(-0.392)).toBe(`${M}39.2%`);
    expect(fmtPctSigned(0.392)).toBe('+39.2%');
    expect(fmtPct(-0.1)).toBe(`${M}10.0%`);
    expect(fmt1Signed(-2.5)).toBe(`${M}2.5`);
    expect(fmt1Signed(2.5)).toBe('+2.5');
  });

  test('a negative that rounds to zero has no sign', () => {
    expect(fmt1(-0.04)).toBe('0.0');
    expect(fmtInt(-0.4)).toBe('0');
    expect(fmtPctSigned(-0.0004)).toBe('0.0%');
    expect(fmt1Signed(-0.04)).toBe('0.0');
    expect(fmtGbp(-0.001)).toBe('£0.00');
  });

  test('no formatter writes a hyphen-minus before a digit or £', () => {
    const all = [fmtInt, fmt1, fmtGbp, fmtGbpShort, fmtGbpShortSigned, fmtGbpSigned, fmtPct, fmtPctSigned, fmt1Signed];
    for (const f of all) for (const v of [-0.5, -7, -1234.56, -98_765_432, -3e9]) expect(f(v), `${f.name}(${v})`).not.toMatch(/-[\d£]/);
  });

  test('a CSV reads the display text back as a number with an ASCII minus', () => {
    expect(cellValue({ text: fmtInt(-1234) })).toBe(-1234);
    expect(cellValue({ text: fmt1(-3.25) })).toBe(-3.3);
  });
});

describe('one date style', () => {
  test('a day: 31 Mar 2025, read as written whatever the time zone', () => {
    expect(fmtDay('2025-03-31')).toBe('31 Mar 2025');
    expect(fmtDay('2024-04-01T23:30:00Z')).toBe('1 Apr 2024');
    expect(fmtDay(null)).toBe('–');
    expect(fmtDate(new Date(Date.UTC(2025, 2, 31, 12)))).toBe('31 Mar 2025');
  });

  test('a month: Mar 2025; the filters say it the same way', () => {
    expect(fmtMonth('2025-03')).toBe('Mar 2025');
    expect(fmtMonth('2024-12-01')).toBe('Dec 2024');
    expect(monthLabel('2022-04')).toBe('Apr 2022');
  });
});
