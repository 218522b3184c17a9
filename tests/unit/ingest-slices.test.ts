// A file too large to stage in one statement is staged a slice at a time (ingest/slices.ts, issue 18): the cuts
// fall at record ends only, and a load in slices reports and loads exactly what a load in one statement does.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { DbClient } from '../../src/lib/db/client';
import { loadFile, prepareFile, type LoadReport } from '../../src/lib/ingest/load';
import { recordSlices } from '../../src/lib/ingest/slices';
import { openNodeDb } from '../../scripts/lib/node-db';

const TODAY = '2026-11-23';
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));
const blob = (text: string) => new Blob([text]);
const textOf = async (b: Blob) => new TextDecoder().decode(await b.arrayBuffer());

describe('cutting a file at record ends', () => {
  // Record 2 has a line break inside quotes, record 4 an escaped quote and one.
  const text = 'id,note\n1,plain\n2,"two\nlines"\n3,x\n4,"say ""hi""\nthen go"\n5,end\n';

  test('every cut is at a line end outside quotes, and the slices put together are the file', async () => {
    for (let target = 1; target <= text.length + 1; target++) {
      const slices = await recordSlices(blob(text), target);
      const parts = slices.map((s) => text.slice(s.start, s.end));
      expect(parts.join('')).toBe(text);
      for (const p of parts) {
        expect(p.endsWith('\n')).toBe(true);
        expect((p.match(/"/g) ?? []).length % 2).toBe(0);
      }
      // Each slice but the last holds at least the target.
      for (const s of slices.slice(0, -1)) expect(s.end - s.start).toBeGreaterThanOrEqual(target);
    }
  });

  test('a small target cuts after every record; the records before each slice are counted as the reader counts lines', async () => {
    const slices = await recordSlices(blob(text), 1);
    expect(slices.map((s) => text.slice(s.start, s.end))).toEqual(['id,note\n', '1,plain\n', '2,"two\nlines"\n', '3,x\n', '4,"say ""hi""\nthen go"\n', '5,end\n']);
    expect(slices.map((s) => s.linesBefore)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  test('a file larger than the target, without a line end in it, stays whole', async () => {
    expect(await recordSlices(blob('a,b,c'), 2)).toEqual([{ start: 0, end: 5, linesBefore: 0 }]);
    const oneQuoted = 'h\n"a\nb\nc"\n';
    expect((await recordSlices(blob(oneQuoted), 2)).map((s) => oneQuoted.slice(s.start, s.end))).toEqual(['h\n', '"a\nb\nc"\n']);
  });

  test('a file read in blocks is cut as one read whole (cuts across block boundaries)', async () => {
    // Far more than one read block (8 MB), with quoted line breaks throughout.
    const row = (i: number) => `${i},"line one\nline ""two"" of ${i}"\n`;
    const big = 'id,note\n' + Array.from({ length: 400_000 }, (_, i) => row(i)).join('');
    const slices = await recordSlices(blob(big), 3_000_000);
    expect(slices.length).toBeGreaterThan(3);
    let lines = 0;
    for (const s of slices) {
      const part = await textOf(blob(big).slice(s.start, s.end));
      expect(s.linesBefore).toBe(lines);
      expect(/^(id,note\n|\d+,")/.test(part)).toBe(true);
      // Each record ends with its closing quote and a line end; the header's line end counts too.
      lines += (part.match(/"\n/g) ?? []).length + (part.startsWith('id,') ? 1 : 0);
    }
    expect(slices.at(-1)!.end).toBe(big.length);
  });
});

describe('a load in slices reports and loads what a load in one statement does', () => {
  let db: DbClient;
  beforeAll(async () => {
    db = await openNodeDb();
  });

  const tableText = async () =>
    (await db.query<{ t: string }>(`SELECT string_agg(columns(*)::VARCHAR, '|') AS t FROM (SELECT * FROM referrals ORDER BY ALL)`))
      .map((r) => r.t).join('\n');
  const withoutTime = ({ durationMs: _d, ...r }: LoadReport) => r;

  async function loadBoth(name: string, bytes: Uint8Array, skipMalformed = false) {
    const run = async (sliceBytes?: number) => {
      await db.exec('DROP TABLE IF EXISTS referrals');
      const p = prepareFile(name, bytes);
      if (!p.ok) throw new Error(p.message);
      const report = await loadFile(db, p.file, { kind: 'referrals', mapping: p.file.mapping, mode: 'replace', today: TODAY, skipMalformed, ...(sliceBytes ? { sliceBytes } : {}) });
      return { report: withoutTime(report), table: report.ok ? await tableText() : null };
    };
    return { whole: await run(), sliced: await run(Math.ceil(bytes.length / 4)) };
  }

  test.each([
    ['referrals-excel-messy.csv', false],
    ['referrals-ragged.csv', false],
    ['referrals-ragged.csv', true]
  ])('%s (skip malformed lines: %s)', async (name, skip) => {
    const { whole, sliced } = await loadBoth(name, fixture(name), skip);
    expect(sliced).toEqual(whole);
    // The fixtures are there to be found: problems, or lines the reader could not read.
    expect(whole.report.problems.length + whole.report.malformed.length).toBeGreaterThan(0);
  }, 60_000);

  test('title lines above the header, quoted line breaks and a broken line near the end', async () => {
    const rows = Array.from({ length: 60 }, (_, i) =>
      `R${i + 1},2024-0${(i % 9) + 1}-1${i % 10},E08000035,${i % 7 === 0 ? '"GP\nsurgery"' : 'GP'},completed`);
    rows[52] = 'R53,2024-03-01,E08000035,GP'; // a field short
    rows[20] = 'R21,2031-01-01,E08000035,GP,completed'; // in the future
    const text = `Referrals extract\nRun on 1 Dec 2026\n\nreferral_id,referral_date,area_code,referral_source,status\n${rows.join('\n')}\n`;
    const { whole, sliced } = await loadBoth('titled.csv', new TextEncoder().encode(text), true);
    expect(sliced).toEqual(whole);
    // The reader numbers lines as records (a quoted line break does not count), and a slice's from its own start.
    expect(whole.report.malformed.map((m) => m.line)).toEqual([4 + 53]);
    expect(whole.report.problems.map((p) => p.line)).toEqual([4 + 21 + rows.slice(0, 20).filter((r) => r.includes('\n')).length]);
    expect(whole.report.loaded).toBe(58);
  }, 60_000);
});
