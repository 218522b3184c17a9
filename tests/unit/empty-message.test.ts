// What an empty chart says (charts/empty.ts): the missing extract first; nothing (the frame then blames
// the filters) when every extract it needs has rows.
import { expect, test } from 'vitest';
import { missingExtract } from '../../src/lib/charts/empty';

const have = (...t: string[]) => new Set(t);

test('one missing extract is named', () => {
  expect(missingExtract(['providers'], have('referrals', 'population'), 'service variety by area')).toBe('Load a providers extract to see service variety by area.');
  expect(missingExtract(['providers', 'referrals'], have('providers'), 'provider utilisation')).toBe('Load a referrals extract to see provider utilisation.');
});

test('several are listed, and a choice of extracts reads "or"', () => {
  expect(missingExtract(['providers', 'population'], have('referrals'), 'capacity per 1,000 residents')).toBe('Load the providers and population extracts to see capacity per 1,000 residents.');
  expect(missingExtract([['funding', 'providers']], have('referrals'), 'funding continuity')).toBe('Load a funding or providers extract to see funding continuity.');
  expect(missingExtract([['funding', 'providers']], have('providers'), 'funding continuity')).toBeUndefined();
});

test('all loaded: no sentence, so the frame says the filters left nothing', () => {
  expect(missingExtract(['referrals', 'population'], have('referrals', 'population', 'funding'), 'x')).toBeUndefined();
  expect(missingExtract([], have(), 'x')).toBeUndefined();
});
