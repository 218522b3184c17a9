// The view-loading primitive (state/latest.svelte.ts): the latest ask wins, older answers are dropped.
import { expect, test } from 'vitest';
import { Latest } from '../../src/lib/state/latest.svelte';

const later = <T>(value: T, ms: number, fail = false) => () =>
  new Promise<T>((resolve, reject) => setTimeout(() => (fail ? reject(new Error(String(value))) : resolve(value)), ms));

test('a slower, older answer never overwrites the latest one, nor its loading and error', async () => {
  const l = new Latest();
  let shown: string | null = null;
  expect(l.loading).toBe(true);
  const first = l.run(later('2023/24', 40), (v) => (shown = v));
  const second = l.run(later('2024/25', 5), (v) => (shown = v));
  await second;
  expect(shown).toBe('2024/25');
  expect(l.loading).toBe(false);
  await first;
  expect(shown).toBe('2024/25');
  expect(l.loading).toBe(false);

  // An old failure is dropped too; the latest failure is reported, and cleared by the next success.
  const old = l.run(later('old', 30, true), () => undefined);
  await l.run(later('query failed', 1, true), () => undefined);
  expect(l.error).toBe('query failed');
  await old;
  expect(l.error).toBe('query failed');
  await l.run(later('ok', 1), (v) => (shown = v));
  expect([shown, l.error, l.loading]).toEqual(['ok', null, false]);

  // Idle: nothing to load, and an answer still coming is dropped.
  const pending = l.run(later('stale', 10), (v) => (shown = v));
  l.idle();
  await pending;
  expect([shown, l.loading]).toEqual(['ok', false]);
});
