// Completeness shares, flags and the small-number rule (domain/quality/shares.ts), and the sentences
// saying what each gap does to which figure (domain/quality/impact.ts), on counts worked out by hand.
import { describe, expect, test } from 'vitest';
import { impactLines } from '../../src/lib/domain/quality/impact';
import { FIELD_USES } from '../../src/lib/domain/quality/field-uses';
import { parseThreshold, pctWords, shareCell } from '../../src/lib/domain/quality/shares';
import { EXTRACTS } from '../../src/lib/domain/extracts';
import { qualityChecks } from '../../src/lib/db/sql/quality';

const RULE = { maxSuppressed: 7 };

describe('shares', () => {
  test('a share below the threshold is flagged; no rows expected is no share', () => {
    expect(shareCell(100, 77, 0.9, RULE)).toMatchObject({ share: 0.77, flagged: true, hidden: false });
    expect(shareCell(100, 90, 0.9, RULE)).toMatchObject({ share: 0.9, flagged: false });
    expect(shareCell(0, 0, 0.9, RULE)).toMatchObject({ share: null, flagged: false, hidden: false });
  });

  test('small counts: the count and the share are hidden, the flag is kept', () => {
    expect(shareCell(6, 3, 0.9, RULE)).toMatchObject({ share: 0.5, hidden: true, ofHidden: true, okHidden: true, flagged: true });
    expect(shareCell(40, 5, 0.9, RULE)).toMatchObject({ hidden: true, ofHidden: false, okHidden: true });
    expect(shareCell(40, 0, 0.9, RULE)).toMatchObject({ share: 0, hidden: false, okHidden: false });
    expect(shareCell(6, 3, 0.9, { maxSuppressed: 0 })).toMatchObject({ hidden: false });
  });

  test('the threshold from the URL: whole percent from 50 to 100, else 90%', () => {
    expect(parseThreshold('95')).toBe(0.95);
    expect(parseThreshold(null)).toBe(0.9);
    expect(parseThreshold('40')).toBe(0.9);
    expect(parseThreshold('9x')).toBe(0.9);
    expect(parseThreshold('92.5')).toBe(0.9);
  });

  test('sentence percentages never round a gap away', () => {
    expect(pctWords(0.23)).toBe('23%');
    expect(pctWords(0.997)).toBe('over 99%');
    expect(pctWords(0.003)).toBe('under 1%');
    expect(pctWords(1)).toBe('100%');
  });
});

describe('impact sentences', () => {
  const ageBand = { id: 'age_band', rows: 'referrals' };

  test('one for all rows, then the areas below the threshold, worst first', () => {
    // Blackpool 77 of 100 (23% missing), Preston 85 of 100, Wyre 99 of 100; all: 261 of 300.
    const lines = impactLines('referrals', ageBand, {
      overall: { of: 300, ok: 261 },
      areas: [
        { area: 'P', name: 'Preston', of: 100, ok: 85 },
        { area: 'B', name: 'Blackpool', of: 100, ok: 77 },
        { area: 'W', name: 'Wyre', of: 100, ok: 99 }
      ]
    }, 0.9, RULE);
    expect(lines.map((l) => l.text)).toEqual([
      'The children and young people gap leaves out 13% of referrals (no age band that tells a child from an adult).',
      "The children and young people gap leaves out 23% of Blackpool's referrals (no age band that tells a child from an adult).",
      "The children and young people gap leaves out 15% of Preston's referrals (no age band that tells a child from an adult)."
    ]);
    expect(lines.map((l) => l.area)).toEqual([null, 'B', 'P']);
  });

  test('a figure that uses the complete rows says how many it uses', () => {
    const lines = impactLines('referrals', { id: 'wellbeing_both', rows: 'completed referrals' }, { overall: { of: 50, ok: 20 }, areas: [] }, 0.9, RULE);
    expect(lines.map((l) => l.text)).toEqual(['Wellbeing change uses 40% of completed referrals (those with both scores).']);
  });

  test('small areas are counted, not named; areas beyond the most named are counted', () => {
    const areas = [
      { area: 'S', name: 'St Helens', of: 5, ok: 1 }, // hidden: 5 is a small count
      ...['A', 'B', 'C'].map((a, i) => ({ area: a, name: `Area ${a}`, of: 100, ok: 50 + i })),
      { area: 'D', name: 'Area D', of: 100, ok: 100 } // complete: not every area is below, so the worst are named
    ];
    // All: 405 expected, 1 + 50 + 51 + 52 + 100 = 254 usable; 151 ÷ 405 = 37.3% missing.
    const lines = impactLines('referrals', { id: 'provider_id', rows: 'referrals' }, { overall: { of: 405, ok: 254 }, areas }, 0.9, RULE, 2);
    expect(lines.map((l) => l.text)).toEqual([
      'Provider utilisation leaves out 37% of referrals (no provider).',
      "Provider utilisation leaves out 50% of Area A's referrals (no provider).",
      "Provider utilisation leaves out 49% of Area B's referrals (no provider).",
      '1 more area is below 90% too (in the table).',
      '1 area below 90% has too few referrals to show its share.'
    ]);
  });

  test('every area below the threshold: the range, not a list', () => {
    const areas = [
      { area: 'A', name: 'Alpha', of: 100, ok: 60 },
      { area: 'B', name: 'Beta', of: 100, ok: 55 },
      { area: 'C', name: 'Gamma', of: 5, ok: 1 } // hidden, but below too
    ];
    const lines = impactLines('referrals', { id: 'wellbeing_both', rows: 'completed referrals' }, { overall: { of: 205, ok: 116 }, areas }, 0.9, RULE);
    expect(lines.map((l) => l.text)).toEqual([
      'Wellbeing change uses 57% of completed referrals (those with both scores).',
      'All 3 areas are below 90%, from 55% (Beta) to 60% (Alpha).'
    ]);
  });

  test('nothing for a complete field, or one that no figure reads', () => {
    expect(impactLines('referrals', ageBand, { overall: { of: 10, ok: 10 }, areas: [] }, 0.9, RULE)).toEqual([]);
    expect(impactLines('referrals', { id: 'imd_decile', rows: 'referrals' }, { overall: { of: 10, ok: 2 }, areas: [] }, 0.9, RULE)).toEqual([]);
  });

  test('every field named in the mapping is a checked field of its extract', () => {
    for (const [extract, uses] of Object.entries(FIELD_USES)) {
      const ids = qualityChecks(extract as 'referrals').map((c) => c.id);
      for (const field of Object.keys(uses!)) expect(ids, `${extract}.${field}`).toContain(field);
      expect(EXTRACTS[extract as 'referrals']).toBeDefined();
    }
  });
});
