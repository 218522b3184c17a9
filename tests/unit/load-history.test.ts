// The load history (state/load-history.svelte.ts): entries are plain JSON, so a saved copy restores as it was.
import { beforeEach, expect, test } from 'vitest';
import type { LoadReport } from '../../src/lib/ingest/load';
import { historyEntry, loadHistory } from '../../src/lib/state/load-history.svelte';

const report: LoadReport = {
  ok: true, fileName: 'referrals.csv', kind: 'referrals', message: null, encoding: 'utf-8', delimiter: ',', rowsRead: 12, loaded: 10, rejected: 2,
  skipped: [{ line: 14, text: 'Total' }], malformed: [], problems: [{ line: 3, column: 'imd_decile', value: '11', reason: 'IMD decile must be a whole number from 1 to 10' }],
  problemsTruncated: false, suppressed: { imd_decile: 1 }, mode: 'append', validated: true, recoded: [], unplaced: [], unmatched: null, durationMs: 40
};

beforeEach(() => loadHistory.clear());

test('an entry says when, which table, how and how many, and carries the report', () => {
  const e = historyEntry(report, 'upload', new Date('2026-01-05T10:30:00Z'));
  expect(e).toMatchObject({ at: '2026-01-05T10:30:00.000Z', fileName: 'referrals.csv', table: 'referrals', mode: 'append', origin: 'upload', ok: true, rowsRead: 12, loaded: 10, rejected: 2 });
  expect(e.report).toEqual(report);
  expect(e.report).not.toBe(report);
  expect(JSON.parse(JSON.stringify(e))).toEqual(e);
});

test('add keeps the order; restore takes saved JSON back and drops what is not an entry; clear empties it', () => {
  const a = historyEntry(report, 'demo');
  const b = historyEntry({ ...report, fileName: 'funding.csv', kind: 'funding' }, 'upload');
  loadHistory.add(a);
  loadHistory.add(b);
  expect(loadHistory.entries.map((e) => e.fileName)).toEqual(['referrals.csv', 'funding.csv']);
  expect(a.id).not.toBe(b.id);
  const saved = JSON.stringify(loadHistory.entries);
  loadHistory.clear();
  expect(loadHistory.entries).toEqual([]);
  loadHistory.restore([...JSON.parse(saved), { fileName: 'x' }, null]);
  expect(loadHistory.entries).toEqual([a, b]);
  loadHistory.restore('nonsense');
  expect(loadHistory.entries).toEqual([]);
});
