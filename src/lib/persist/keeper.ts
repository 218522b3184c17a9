/**
 * Keeps the workspace in this browser and keeps tabs from overwriting each other.
 *
 * Every save raises the kept workspace's generation. A tab remembers the generation it opened or last
 * saved; if the store has moved on (another tab saved since), this tab's data is out of date and it
 * does not save: it says so, and a reload brings the other tab's data. Saves and reads take a lock
 * shared by the tabs of this browser (Web Locks), so no tab reads a workspace while another writes it.
 * Anything the storage refuses (quota, private mode, a damaged file) becomes a plain message; the data
 * in the tab is untouched and the work goes on in memory.
 */
import type { DbClient } from '../db/client';
import type { FileStore } from './file-store';
import { forgetTables, readManifest, restoreTables, saveTables, type TableToKeep, type WorkspaceManifest } from './workspace';

export type KeepStatus =
  /** Nothing of the tables is kept (nothing of the user's loaded, or no storage). */
  | 'none'
  | 'saving'
  | 'kept'
  /** Another tab saved or cleared since this one read the store: this tab will not save over it. */
  | 'behind'
  /** The storage refused or failed: the data lives in this tab only. */
  | 'failed';

export interface KeepState {
  status: KeepStatus;
  message: string | null;
  manifest: WorkspaceManifest | null;
}

/** A lock shared by the tabs (navigator.locks in the browser; run at once in tests). */
export type Lock = <T>(mode: 'shared' | 'exclusive', fn: () => Promise<T>) => Promise<T>;
export const noLock: Lock = (_mode, fn) => fn();

/** What another tab tells this one. */
export type TabNews = { type: 'saved'; generation: number } | { type: 'cleared' };

export const BEHIND_MESSAGE = 'The data was changed in another tab of this browser. Reload this page to see it; a change made here now would not be kept.';
export const CLEARED_MESSAGE = 'All data was cleared in another tab of this browser. Reload this page to start afresh; a change made here now would not be kept.';

export function storageFailure(e: unknown): string {
  const name = (e as DOMException)?.name;
  const why = name === 'QuotaExceededError' ? 'it is full (the browser allows this site only so much space)' : `it failed: ${(e as Error)?.message ?? String(e)}`;
  return `This browser could not keep your data: ${why}. Your work goes on in this tab, but it will not be here after a reload or in a new tab. Free some space (fewer or smaller files), or keep your files to load them again.`;
}

export class Keeper {
  /** The generation this tab read or wrote last; 0 before any. */
  generation = 0;
  state: KeepState = { status: 'none', message: null, manifest: null };

  constructor(
    private store: FileStore | null,
    private lock: Lock = noLock,
    private tell: (news: TabNews) => void = () => undefined,
    private changed: (s: KeepState) => void = () => undefined
  ) {
    if (!store) this.set({ status: 'failed', message: 'This browser offers no storage for this site (an old browser or a private window): your data lasts until the tab is closed.', manifest: null });
  }

  private set(s: Partial<KeepState>): void {
    this.state = { ...this.state, ...s };
    this.changed(this.state);
  }

  /**
   * Put the kept tables back in the database. False when none are kept; throws, with a sentence for the
   * user, when they cannot be read (the tab then starts without them, and its next save replaces them).
   */
  async restore(db: DbClient): Promise<boolean> {
    const store = this.store;
    if (!store) return false;
    return this.lock('shared', async () => {
      const manifest = await readManifest(store);
      if (!manifest) return false;
      this.generation = manifest.generation;
      try {
        await restoreTables(db, store, manifest);
      } catch (e) {
        throw new Error(`The data kept in this browser could not be opened (${(e as Error).message}). Fairshare has started without it; load your files again to keep them anew.`);
      }
      this.set({ status: 'kept', message: null, manifest });
      return true;
    });
  }

  /** Keep exactly these tables (an empty list removes the kept tables). */
  async save(db: DbClient, tables: TableToKeep[]): Promise<void> {
    const store = this.store;
    if (!store || this.state.status === 'behind') return;
    this.set({ status: 'saving' });
    try {
      await this.lock('exclusive', async () => {
        const current = await readManifest(store);
        if ((current?.generation ?? 0) !== this.generation && (current || this.generation)) {
          this.set({ status: 'behind', message: current ? BEHIND_MESSAGE : CLEARED_MESSAGE });
          return;
        }
        if (!tables.length) {
          this.generation = 0;
          this.set({ status: 'none', message: null, manifest: null });
          if (!current) return;
          await forgetTables(store);
          this.tell({ type: 'cleared' });
          return;
        }
        if (current && unchanged(current, tables)) {
          this.set({ status: 'kept', message: null, manifest: current });
          return;
        }
        const manifest = await saveTables(db, store, current, tables, this.generation + 1);
        this.generation = manifest.generation;
        this.set({ status: 'kept', message: null, manifest });
        this.tell({ type: 'saved', generation: manifest.generation });
      });
    } catch (e) {
      this.set({ status: 'failed', message: storageFailure(e) });
    }
  }

  /** Everything kept removed, whatever the generation ("Clear all data"). */
  async forgetAll(): Promise<void> {
    const store = this.store;
    if (!store) return;
    await this.lock('exclusive', () => store.clear());
    this.generation = 0;
    this.set({ status: 'none', message: null, manifest: null });
    this.tell({ type: 'cleared' });
  }

  /** News from another tab. */
  heard(news: TabNews): void {
    if (news.type === 'saved' && news.generation > this.generation) this.set({ status: 'behind', message: BEHIND_MESSAGE });
    if (news.type === 'cleared' && this.generation > 0) this.set({ status: 'behind', message: CLEARED_MESSAGE });
  }
}

/** The same tables with the same fingerprints as kept: nothing to write (a reload must not count as a change). */
function unchanged(kept: WorkspaceManifest, tables: TableToKeep[]): boolean {
  return kept.tables.length === tables.length && tables.every((t) => kept.tables.some((k) => k.table === t.table && k.fingerprint === t.fingerprint && k.rows === t.rows));
}
