/**
 * The user's own boundary file, when they have given one: read in the browser (geo/boundary-file.ts),
 * kept in memory like the tables, and used by the Map in place of the default geography. Shared by
 * the Map and Data pages; cleared with "clear all data".
 */
import { applyPropertyChoice, readBoundaryFile, type BoundaryReadOk } from '../geo/boundary-file';

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
      const res = await readBoundaryFile({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      // A file that cannot be read leaves the boundaries in use as they were.
      if (!res.ok) {
        this.error = res.message;
        return false;
      }
      this.result = res;
      this.fileName = file.name;
      return true;
    } catch (e) {
      this.error = `${file.name} could not be read as boundaries: ${(e as Error).message}`;
      return false;
    } finally {
      this.busy = false;
    }
  }

  choose(codeProperty: string, nameProperty: string | null, parentProperty: string | null): void {
    if (this.result) this.result = applyPropertyChoice(this.result, codeProperty, nameProperty, parentProperty);
  }

  clear(): void {
    this.result = null;
    this.fileName = null;
    this.error = null;
  }
}

export const userBoundaries = new UserBoundaries();
