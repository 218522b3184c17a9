/**
 * Files kept in this browser: the origin-private file system (OPFS), one folder for the app. Nothing
 * here is visible to other sites or leaves the machine; "Clear all data" removes the folder.
 * A file is written whole through a writable stream, which the browser swaps in only when it closes,
 * so another tab reading at the same time sees the old file or the new one, never half of one.
 */

export interface StoredFile {
  name: string;
  size: number;
}

export interface FileStore {
  read(name: string): Promise<Blob | null>;
  write(name: string, data: Uint8Array | string): Promise<void>;
  remove(name: string): Promise<void>;
  list(): Promise<StoredFile[]>;
  /** Every file gone, and the folder with them. */
  clear(): Promise<void>;
}

export const STORE_FOLDER = 'fairshare';

/** The app's OPFS folder, or null where the browser has none (an old browser, some private modes). */
export async function openOpfsStore(folder = STORE_FOLDER): Promise<FileStore | null> {
  if (typeof navigator === 'undefined' || !navigator.storage?.getDirectory) return null;
  let root: FileSystemDirectoryHandle;
  try {
    root = await navigator.storage.getDirectory();
  } catch {
    return null;
  }
  const dir = () => root.getDirectoryHandle(folder, { create: true });
  const missing = (e: unknown) => (e as DOMException)?.name === 'NotFoundError';
  return {
    async read(name) {
      try {
        return await (await (await dir()).getFileHandle(name)).getFile();
      } catch (e) {
        if (missing(e)) return null;
        throw e;
      }
    },
    async write(name, data) {
      const handle = await (await dir()).getFileHandle(name, { create: true });
      const out = await handle.createWritable();
      try {
        await out.write(data as FileSystemWriteChunkType);
        await out.close();
      } catch (e) {
        // Nothing of a failed write is kept (the old file, if any, stays as it was).
        await out.abort().catch(() => undefined);
        throw e;
      }
    },
    async remove(name) {
      try {
        await (await dir()).removeEntry(name);
      } catch (e) {
        if (!missing(e)) throw e;
      }
    },
    async list() {
      const out: StoredFile[] = [];
      const d = await dir();
      for await (const [name, handle] of (d as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
        if (handle.kind === 'file') out.push({ name, size: (await (handle as FileSystemFileHandle).getFile()).size });
      }
      return out.sort((a, b) => a.name.localeCompare(b.name));
    },
    async clear() {
      try {
        await root.removeEntry(folder, { recursive: true });
      } catch (e) {
        if (!missing(e)) throw e;
      }
    }
  };
}

/** The same in memory: for unit tests, and the fallback that keeps nothing across a reload. */
export function memoryStore(): FileStore & { files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  const bytes = (d: Uint8Array | string) => (typeof d === 'string' ? new TextEncoder().encode(d) : d.slice());
  return {
    files,
    async read(name) {
      const f = files.get(name);
      return f ? new Blob([f as Uint8Array<ArrayBuffer>]) : null;
    },
    async write(name, data) {
      files.set(name, bytes(data));
    },
    async remove(name) {
      files.delete(name);
    },
    async list() {
      return [...files].map(([name, f]) => ({ name, size: f.byteLength })).sort((a, b) => a.name.localeCompare(b.name));
    },
    async clear() {
      files.clear();
    }
  };
}

/** A kept JSON document, or null when absent or unreadable (a damaged document is treated as none). */
export async function readJson<T>(store: FileStore, name: string): Promise<T | null> {
  const blob = await store.read(name);
  if (!blob) return null;
  try {
    return JSON.parse(await blob.text()) as T;
  } catch {
    return null;
  }
}
