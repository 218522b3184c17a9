/**
 * The workspace kept in this browser (OPFS): the loaded tables (persist/keeper.ts), and small documents
 * beside them: the board pack, the user's boundary file and the load history. What the Data page shows
 * about it (how much is kept, whether another tab has moved on, what failed) is read from here.
 */
import type { DbClient } from '../db/client';
import { openOpfsStore, readJson, type FileStore, type StoredFile } from '../persist/file-store';
import { Keeper, storageFailure, type KeepStatus, type Lock, type TabNews } from '../persist/keeper';
import type { TableToKeep, WorkspaceManifest } from '../persist/workspace';

const LOCK = 'fairshare-workspace';
const CHANNEL = 'fairshare-workspace';

/** Keys of this app in localStorage and sessionStorage that hold anything of the user's data (column headers, the pack). */
const DATA_KEY = /^fairshare\.(mappings|boardPack|boardPackInfo)/;

const webLock: Lock = (mode, fn) =>
  typeof navigator !== 'undefined' && navigator.locks ? (navigator.locks.request(LOCK, { mode }, fn) as ReturnType<typeof fn>) : fn();

export interface StorageUsage {
  files: StoredFile[];
  bytes: number;
  /** What the browser allows this site in all (navigator.storage.estimate), when it says. */
  quota: number | null;
}

class WorkspaceState {
  status = $state<KeepStatus>('none');
  message = $state<string | null>(null);
  manifest = $state.raw<WorkspaceManifest | null>(null);
  usage = $state.raw<StorageUsage | null>(null);
  /** The kept tables could not be read back at start-up. */
  restoreError = $state<string | null>(null);
  /** A document (board pack, boundaries, history) could not be kept. */
  docMessage = $state<string | null>(null);
  #opening: Promise<{ keeper: Keeper; store: FileStore | null }> | null = null;
  #saving: Promise<void> = Promise.resolve();
  #channel: BroadcastChannel | null = null;

  #open(): Promise<{ keeper: Keeper; store: FileStore | null }> {
    this.#opening ??= (async () => {
      const store = await openOpfsStore();
      if (typeof BroadcastChannel !== 'undefined') this.#channel = new BroadcastChannel(CHANNEL);
      const keeper = new Keeper(
        store,
        webLock,
        (news) => this.#channel?.postMessage(news),
        (s) => {
          this.status = s.status;
          this.message = s.message;
          this.manifest = s.manifest;
        }
      );
      this.#channel?.addEventListener('message', (e: MessageEvent<TabNews>) => keeper.heard(e.data));
      // Ask the browser not to evict the workspace under storage pressure (granted or not, it works the same).
      navigator.storage?.persist?.().catch(() => undefined);
      return { keeper, store };
    })();
    return this.#opening;
  }

  /** Anything kept from an earlier visit (tables, boundaries, a board pack): then this is not a first visit. */
  async keepsAnything(): Promise<boolean> {
    const { store } = await this.#open();
    return !!store && (await store.list().catch(() => [])).length > 0;
  }

  /** Put the kept tables back; false when there are none (or they could not be read: `message` says). */
  async restore(db: DbClient): Promise<boolean> {
    const { keeper } = await this.#open();
    try {
      return await keeper.restore(db);
    } catch (e) {
      this.restoreError = (e as Error).message;
      return false;
    } finally {
      void this.refreshUsage();
    }
  }

  /** Keep these tables, after the save before it (saves never overlap). Runs in the background. */
  keepTables(db: DbClient, tables: TableToKeep[]): Promise<void> {
    this.#saving = this.#saving.then(async () => {
      const { keeper } = await this.#open();
      await keeper.save(db, tables);
      await this.refreshUsage();
    });
    return this.#saving;
  }

  /** The last save, finished (tests and the benchmark wait on it). */
  settled(): Promise<void> {
    return this.#saving;
  }

  async readDoc<T>(name: string): Promise<T | null> {
    const { store } = await this.#open();
    return store ? readJson<T>(store, name).catch(() => null) : null;
  }

  async readBytes(name: string): Promise<Uint8Array | null> {
    const { store } = await this.#open();
    const blob = await store?.read(name).catch(() => null);
    return blob ? new Uint8Array(await blob.arrayBuffer()) : null;
  }

  /** Keep a document (JSON, or bytes); null removes it. A refusal is told, never thrown. */
  async keepDoc(name: string, value: unknown): Promise<boolean> {
    const { store } = await this.#open();
    if (!store) return false;
    try {
      if (value === null) await store.remove(name);
      else await store.write(name, value instanceof Uint8Array ? value : JSON.stringify(value));
      this.docMessage = null;
      void this.refreshUsage();
      return true;
    } catch (e) {
      this.docMessage = storageFailure(e);
      return false;
    }
  }

  /** Every trace gone: the kept files, and the column headers and pack words kept in this browser's storage. */
  async forgetAll(): Promise<void> {
    await this.#saving;
    const { keeper } = await this.#open();
    try {
      await keeper.forgetAll();
    } catch (e) {
      this.message = `The data kept in this browser could not all be removed: ${(e as Error).message}. Close other Fairshare tabs and clear again.`;
    }
    for (const s of [globalThis.localStorage, globalThis.sessionStorage]) {
      if (!s) continue;
      for (const k of Object.keys(s)) if (DATA_KEY.test(k)) s.removeItem(k);
    }
    this.docMessage = null;
    this.restoreError = null;
    await this.refreshUsage();
  }

  async refreshUsage(): Promise<void> {
    const { store } = await this.#open();
    if (!store) return;
    try {
      const files = await store.list();
      const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
      this.usage = { files, bytes: files.reduce((s, f) => s + f.size, 0), quota: estimate?.quota ?? null };
    } catch {
      this.usage = null;
    }
  }
}

export const workspace = new WorkspaceState();
