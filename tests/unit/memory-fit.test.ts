// An upload the in-browser database could not hold is refused before it is read (ingest/memory-fit.ts), and the
// engine's memory is read from DuckDB itself.
import { describe, expect, test } from 'vitest';
import { engineMemory } from '../../src/lib/db/queries';
import { ENGINE_BYTES_PER_TEXT_BYTE, KEPT_BYTES_PER_TEXT_BYTE, MIN_SLICE_TEXT_BYTES, SLICE_TEXT_BYTES, memoryFit, parseDuckDbSize } from '../../src/lib/ingest/memory-fit';
import { openNodeDb } from '../../scripts/lib/node-db';

describe('DuckDB sizes as text', () => {
  test.each([
    ['3.1 GiB', 3.1 * 2 ** 30], ['512.0 MiB', 512 * 2 ** 20], ['1.5GB', 1.5e9], ['20 KiB', 20480], ['7 bytes', 7], ['0 B', 0]
  ])('%s', (text, bytes) => expect(parseDuckDbSize(text)).toBeCloseTo(bytes, 0));
  test('anything else is unknown', () => {
    for (const t of ['', 'lots', '3.1', 'GiB', null, undefined, '-1 GB']) expect(parseDuckDbSize(t)).toBeNull();
  });
});

describe('whether a file fits, and how it is staged', () => {
  const GiB = 2 ** 30;
  test('three times the text free: staged in one statement', () => {
    expect(ENGINE_BYTES_PER_TEXT_BYTE).toBe(3);
    expect(memoryFit('a.csv', 1e9, 3.1 * GiB, 0.1 * GiB)).toEqual({ ok: true, slice: null });
    expect(memoryFit('a.csv', 0.5e9, 3.1 * GiB, 0)).toEqual({ ok: true, slice: null });
  });
  test('more: staged in slices of 160 MB, while 0.6 of the text plus three slices fit', () => {
    expect(KEPT_BYTES_PER_TEXT_BYTE).toBe(0.6);
    // The 10M-row extract: 1.15 GB of text, 3.3 GB free: 0.69 GB kept + 3 × 160 MB.
    expect(memoryFit('big.csv', 1.15e9, 3.1 * GiB, 0.02 * GiB)).toEqual({ ok: true, slice: SLICE_TEXT_BYTES });
    expect(SLICE_TEXT_BYTES).toBe(160e6);
    // Less free: smaller slices. 1 GB free, 1.15 GB of text: (1e9 - 0.69e9) / 3 = 103.3 MB.
    expect(memoryFit('big.csv', 1.15e9, 1e9, 0)).toEqual({ ok: true, slice: Math.floor((1e9 - 0.69e9) / 3) });
    // 5 GB of text, 3.2 GB free: 3 GB kept, slices of (3.22 - 3) / 3 = 73 MB.
    expect(memoryFit('big.csv', 5e9, 3.1 * GiB, 0.1 * GiB)).toEqual({ ok: true, slice: Math.floor((3.1 * GiB - 0.1 * GiB - 5e9 * 0.6) / 3) });
  });
  test('a slice under 8 MB is not worth making: refused, with what it needs and what is free', () => {
    expect(MIN_SLICE_TEXT_BYTES).toBe(8e6);
    // 5.5 GB of text: 3.3 GB kept + 3 × 160 MB = 3.78 GB, with 3.2 GB free.
    const no = memoryFit('big.csv', 5.5e9, 3.1 * GiB, 0.1 * GiB);
    expect(no.ok).toBe(false);
    if (!no.ok) expect(no.message).toBe(
      'big.csv is too large to load in this browser: reading its 5.5 GB of data needs about 3.8 GB of the in-browser database\'s memory, ' +
      'and 3.2 GB of its 3.3 GB is free. Nothing was read and the loaded tables are unchanged. ' +
      'Load a smaller extract (one year, or one ICB\'s areas), or leave out columns the dashboard does not use.'
    );
    // Just over and just under the smallest slice: 0.6 × 1e9 kept, 24 MB free beside it (slice 8 MB) fits; 23.9 MB does not.
    expect(memoryFit('edge.csv', 1e9, 0.6e9 + 24e6, 0)).toEqual({ ok: true, slice: 8e6 });
    expect(memoryFit('edge.csv', 1e9, 0.6e9 + 23.9e6, 0).ok).toBe(false);
  });
  test('what the engine holds counts: a file that fits an empty engine may not fit a full one', () => {
    expect(memoryFit('a.csv', 0.5e9, 3.1 * GiB, 0)).toEqual({ ok: true, slice: null });
    // 1.1 GiB free: slices (1.18e9 - 0.3e9) / 3 = 294 MB would fit; 160 MB is the most a slice takes.
    expect(memoryFit('a.csv', 0.5e9, 3.1 * GiB, 2 * GiB)).toEqual({ ok: true, slice: SLICE_TEXT_BYTES });
    expect(memoryFit('a.csv', 0.5e9, 1e9, 0.5e9)).toEqual({ ok: true, slice: 66_666_666 });
    expect(memoryFit('a.csv', 0.5e9, 3.1 * GiB, 3 * GiB).ok).toBe(false);
  });
  test('an unknown limit refuses nothing', () => {
    expect(memoryFit('a.csv', 1e12, null, 0)).toEqual({ ok: true, slice: null });
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
