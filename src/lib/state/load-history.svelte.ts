/**
 * The files loaded in this session, newest last: when, into which table, how (replace, append, merge),
 * how many rows were read, loaded and rejected, and the whole validation report (shown again on the Data
 * quality view). Uploads and the demo's or a publication's files are recorded alike, marked by origin.
 *
 * Entries are plain JSON (strings, numbers, booleans, arrays and objects of them: no Date, Map or class),
 * so they can be kept across reloads as they are: `restore(JSON.parse(saved))` puts them back, dropping
 * anything that is not an entry. "Clear all data" clears the history with the data (dataset.clear).
 */
import type { ExtractKind } from '../domain/extracts';
import type { LoadMode, LoadReport } from '../ingest/load';

export type LoadOrigin = 'upload' | 'demo' | 'published';

export interface LoadHistoryEntry {
  /** Unique within the history (time and a sequence number). */
  id: string;
  /** When the load finished, ISO 8601 with the time zone (UTC). */
  at: string;
  fileName: string;
  table: ExtractKind;
  mode: LoadMode;
  origin: LoadOrigin;
  ok: boolean;
  rowsRead: number;
  loaded: number;
  rejected: number;
  report: LoadReport;
}

let sequence = 0;

/** An entry for a finished load (passed or not). */
export function historyEntry(report: LoadReport, origin: LoadOrigin, at: Date = new Date()): LoadHistoryEntry {
  const iso = at.toISOString();
  return {
    id: `${iso}#${++sequence}`, at: iso, fileName: report.fileName, table: report.kind, mode: report.mode, origin, ok: report.ok,
    rowsRead: report.rowsRead, loaded: report.loaded, rejected: report.rejected,
    // A copy through JSON: the entry shares nothing with the live report and is what a saved one will be.
    report: JSON.parse(JSON.stringify(report)) as LoadReport
  };
}

const isEntry = (e: unknown): e is LoadHistoryEntry => {
  if (!e || typeof e !== 'object') return false;
  const x = e as Record<string, unknown>;
  return typeof x.id === 'string' && typeof x.at === 'string' && typeof x.fileName === 'string' && typeof x.table === 'string' &&
    typeof x.rowsRead === 'number' && typeof x.loaded === 'number' && typeof x.rejected === 'number' && !!x.report && typeof x.report === 'object';
};

class LoadHistory {
  /** Newest last. Replaced, never changed in place, so a saved copy stays what it was. */
  entries = $state.raw<LoadHistoryEntry[]>([]);

  add(entry: LoadHistoryEntry): void {
    this.entries = [...this.entries, entry];
  }

  /** Put back saved entries (as JSON gave them), in place of any there; anything else is dropped. */
  restore(entries: unknown): void {
    this.entries = Array.isArray(entries) ? entries.filter(isEntry) : [];
  }

  clear(): void {
    this.entries = [];
  }
}

export const loadHistory = new LoadHistory();
