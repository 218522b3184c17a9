// The suppression threshold as typed or stored (state/settings.svelte.ts).
import { describe, expect, test } from 'vitest';
import { MAX_THRESHOLD, parseThreshold, settings } from '../../src/lib/state/settings.svelte';

describe('suppression threshold setting', () => {
  test.each([
    ['5', 5], [0, 0], ['0', 0], [3.7, 3], ['10', 10], [String(MAX_THRESHOLD + 5), MAX_THRESHOLD],
    ['', 7], [null, 7], ['abc', 7], [-1, 7], [Number.NaN, 7]
  ] as const)('%s is read as %d', (raw, n) => {
    expect(parseThreshold(raw)).toBe(n);
  });

  test('the domain options follow the setting; nonsense falls back to the default', () => {
    expect(settings.suppression).toEqual({ maxSuppressed: 7 });
    settings.maxSuppressed = 3;
    expect(settings.suppression).toEqual({ maxSuppressed: 3 });
    settings.maxSuppressed = Number.NaN;
    expect(settings.maxSuppressed).toBe(7);
  });
});
