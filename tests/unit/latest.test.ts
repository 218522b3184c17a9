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

test('an answer in parts: each part is applied as it arrives, loading ends with the last, a newer ask drops the rest', async () => {
  const l = new Latest();
  const applied: string[] = [];
  const run = l.runParts<{ slow: string; fast: string }>(async () => ({ slow: later('slow', 30)(), fast: later('fast', 5)() }), (k, v) => {
    applied.push(`${String(k)}=${v}`);
    // The fast part is shown while the slow one is still being worked out.
    if (k === 'fast') expect(l.loading).toBe(true);
  });
  await run;
  expect(applied).toEqual(['fast=fast', 'slow=slow']);
  expect([l.loading, l.error]).toEqual([false, null]);

  // A newer ask starts after the first part of an older one arrived: the older one's later part is dropped.
  applied.length = 0;
  const older = l.runParts<{ a: string; b: string }>(async () => ({ a: later('old a', 1)(), b: later('old b', 40)() }), (k, v) => applied.push(`${String(k)}=${v}`));
  await new Promise((r) => setTimeout(r, 10));
  const newer = l.runParts<{ a: string; b: string }>(async () => ({ a: later('new a', 5)(), b: later('new b', 10)() }), (k, v) => applied.push(`${String(k)}=${v}`));
  await Promise.all([older, newer]);
  expect(applied).toEqual(['a=old a', 'a=new a', 'b=new b']);
  expect(l.loading).toBe(false);

  // A failing part: the others are still applied, the error is reported, loading ends.
  applied.length = 0;
  await l.runParts<{ ok: string; bad: string }>(async () => ({ ok: later('ok', 5)(), bad: later('no such table', 1, true)() }), (k, v) => applied.push(`${String(k)}=${v}`));
  expect(applied).toEqual(['ok=ok']);
  expect([l.loading, l.error]).toEqual([false, 'no such table']);
});
