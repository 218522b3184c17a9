// An upload the in-browser database could not hold is refused before it is read (ingest/memory-fit.ts), and the
// engine's memory is read from DuckDB itself.
import { describe, expect, test } from 'vitest';
import { engineMemory } from '../../src/lib/db/queries';
import { ENGINE_BYTES_PER_TEXT_BYTE, memoryFit, parseDuckDbSize } from '../../src/lib/ingest/memory-fit';
import { openNodeDb } from './support/node-db';

describe('DuckDB sizes as text', () => {
  test.each([
    ['3.1 GiB', 3.1 * 2 ** 30], ['512.0 MiB', 512 * 2 ** 20], ['1.5GB', 1.5e9], ['20 KiB', 20480], ['7 bytes', 7], ['0 B', 0]
  ])('%s', (text, bytes) => expect(parseDuckDbSize(text)).toBeCloseTo(bytes, 0));
  test('anything else is unknown', () => {
    for (const t of ['', 'lots', '3.1', 'GiB', null, undefined, '-1 GB']) expect(parseDuckDbSize(t)).toBeNull();
  });
});

describe('whether a file fits', () => {
  const GiB = 2 ** 30;
  test('three times the text must be free: 1 GB fits in 3.1 GiB with 0.1 GiB used; 1.1 GB does not', () => {
    expect(ENGINE_BYTES_PER_TEXT_BYTE).toBe(3);
    expect(memoryFit('a.csv', 1e9, 3.1 * GiB, 0.1 * GiB)).toEqual({ ok: true });
    const no = memoryFit('big.csv', 1.1e9, 3.1 * GiB, 0.1 * GiB);
    expect(no.ok).toBe(false);
    // 1.1 GB × 3 = 3.3 GB needed; 3.0 GiB = 3.2 GB free of 3.3 GB.
    if (!no.ok) expect(no.message).toBe(
      'big.csv is too large to load in this browser: reading its 1.1 GB of data needs about 3.3 GB of the in-browser database\'s memory, ' +
      'and 3.2 GB of its 3.3 GB is free. Nothing was read and the loaded tables are unchanged. ' +
      'Load a smaller extract (one year, or one ICB\'s areas), or leave out columns the dashboard does not use.'
    );
  });
  test('what the engine holds counts: a file that fits an empty engine may not fit a full one', () => {
    expect(memoryFit('a.csv', 0.5e9, 3.1 * GiB, 0).ok).toBe(true);
    expect(memoryFit('a.csv', 0.5e9, 3.1 * GiB, 2 * GiB).ok).toBe(false);
  });
  test('an unknown limit refuses nothing', () => {
    expect(memoryFit('a.csv', 1e12, null, 0)).toEqual({ ok: true });
  });
  test('the engine reports its limit and use', async () => {
    const db = await openNodeDb();
    const before = await engineMemory(db);
    expect(before.limit).toBeGreaterThan(2 ** 30);
    await db.exec('CREATE TABLE big AS SELECT range AS i, range::VARCHAR || \'-some text\' AS s FROM range(300000)');
    const after = await engineMemory(db);
    expect(after.used).toBeGreaterThan(before.used);
  }, 60_000);
});
