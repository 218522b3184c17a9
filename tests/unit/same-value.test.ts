// sameValue (state/same-value.ts) gives back the object it gave last while the value is the same, so a derived
// value that reads a part of the URL is not re-run when another part changed; a changed value is the new object.
import { expect, test } from 'vitest';
import { sameValue } from '../../src/lib/state/same-value';

test('the same value gives the first object; a new value the new one', () => {
  const same = sameValue<{ deprivation: number; age: number }>();
  const first = same({ deprivation: 0.5, age: 0.5 });
  expect(same({ deprivation: 0.5, age: 0.5 })).toBe(first);
  const changed = { deprivation: 0.6, age: 0.5 };
  expect(same(changed)).toBe(changed);
  expect(same({ deprivation: 0.6, age: 0.5 })).toBe(changed);
  // Each field keeps its own memory.
  const other = sameValue<number[]>();
  const list = [1, 2];
  expect(other(list)).toBe(list);
  expect(other([1, 2])).toBe(list);
});
