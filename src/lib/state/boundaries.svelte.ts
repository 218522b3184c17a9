/**
 * The user's own boundary file, when they have given one: read in the browser (geo/boundary-file.ts),
 * kept in memory like the tables, and used by the Map in place of the default geography. Shared by
 * the Map and Data pages; cleared with "clear all data".
 */
import { applyPropertyChoice, readBoundaryFile, type BoundaryReadOk } from '../geo/boundary-file';
import { workspace } from './workspace.svelte';

/** The file as given, and the properties chosen from it, kept beside the tables (state/workspace.svelte.ts). */
const KEPT_FILE = 'boundary-file';
const KEPT_CHOICE = 'boundaries.json';
interface KeptChoice {
  fileName: string;
  codeProperty: string;
  nameProperty: string | null;
  parentProperty: string | null;
}

/** File names a boundary file can have (anything else dropped on the Data page is a table). */
export const BOUNDARY_FILE = /\.(geo|topo)?json$|\.zip$/i;
export const BOUNDARY_ACCEPT = '.geojson,.json,.topojson,.zip';

class UserBoundaries {
  fileName = $state<string | null>(null);
  /** Large geometry: raw, never proxied. */
  result = $state.raw<BoundaryReadOk | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);

  async load(file: File): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const res = await readBoundaryFile({ name: file.name, bytes: bytes.slice() });
      // A file that cannot be read leaves the boundaries in use as they were.
      if (!res.ok) {
        this.error = res.message;
        return false;
      }
      this.result = res;
      this.fileName = file.name;
      if (await workspace.keepDoc(KEPT_FILE, bytes)) await this.#keepChoice();
      return true;
    } catch (e) {
      this.error = `${file.name} could not be read as boundaries: ${(e as Error).message}`;
      return false;
    } finally {
      this.busy = false;
    }
  }

  choose(codeProperty: string, nameProperty: string | null, parentProperty: string | null): void {
    if (!this.result) return;
    this.result = applyPropertyChoice(this.result, codeProperty, nameProperty, parentProperty);
    void this.#keepChoice();
  }

  clear(): void {
    this.result = null;
    this.fileName = null;
    this.error = null;
    void workspace.keepDoc(KEPT_CHOICE, null).then(() => workspace.keepDoc(KEPT_FILE, null));
  }

  /** The boundaries of an earlier visit, read again from the kept file with the properties chosen then. */
  async restore(): Promise<void> {
    const choice = await workspace.readDoc<KeptChoice>(KEPT_CHOICE);
    const bytes = choice && (await workspace.readBytes(KEPT_FILE));
    if (!choice || !bytes || this.result) return;
    const res = await readBoundaryFile({ name: choice.fileName, bytes }).catch(() => null);
    if (!res?.ok || this.result) return;
    this.result = applyPropertyChoice(res, choice.codeProperty, choice.nameProperty, choice.parentProperty);
    this.fileName = choice.fileName;
  }

  async #keepChoice(): Promise<void> {
    const r = this.result;
    if (!r || !this.fileName) return;
    const choice: KeptChoice = { fileName: this.fileName, codeProperty: r.codeProperty, nameProperty: r.nameProperty, parentProperty: r.parentProperty };
    await workspace.keepDoc(KEPT_CHOICE, choice);
  }
}

export const userBoundaries = new UserBoundaries();
