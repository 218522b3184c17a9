/**
 * Files dropped on the Data page, each on its way through detect -> confirm mapping -> load.
 * A confirmed mapping is remembered for the next file with the same headers.
 */
import { missingRequired, requiredFields, type ExtractKind } from '../domain/extracts';
import { mapHeaders, type Mapping } from '../ingest/headers';
import { prepareAnyFile, type LoadMode, type LoadReport, type Prepared, type PreparedFile } from '../ingest/load';
import type { WorkbookSheets } from '../ingest/workbook';
import { findSavedMapping, saveMapping } from '../ingest/saved-mappings';
import { BOUNDARY_FILE, userBoundaries } from './boundaries.svelte';
import { dataset } from './dataset.svelte';

export interface Upload {
  id: number;
  fileName: string;
  size: number;
  /** Set when the file cannot be read at all. */
  error: string | null;
  file: PreparedFile | null;
  /** For an Excel workbook: its sheets and the one read, kept when that sheet could not be read. */
  workbook: WorkbookSheets | null;
  kind: ExtractKind | null;
  mapping: Mapping;
  mode: LoadMode;
  skipMalformed: boolean;
  fromSaved: boolean;
  busy: boolean;
  /** While the file is read or loaded, what is happening, in a few words: a large file takes minutes. */
  progress: string | null;
  report: LoadReport | null;
  /** Time to read, sniff, detect and map the file. */
  prepareMs: number;
}

let nextId = 1;
const storage = () => (typeof localStorage === 'undefined' ? null : localStorage);

/** A boundary file dropped with the extracts: read for the Map, not loaded as a table. */
export interface BoundaryNote {
  fileName: string;
  ok: boolean;
  message: string;
}

export class UploadQueue {
  items = $state<Upload[]>([]);
  boundaryNotes = $state<BoundaryNote[]>([]);

  async add(files: FileList | File[]): Promise<void> {
    for (const f of Array.from(files)) {
      if (BOUNDARY_FILE.test(f.name)) {
        const ok = await userBoundaries.load(f);
        const n = userBoundaries.result?.areas.length ?? 0;
        this.boundaryNotes.push({ fileName: f.name, ok, message: ok ? `Boundaries for ${n.toLocaleString('en-GB')} areas, now used by the Map.` : (userBoundaries.error ?? 'Not read.') });
        continue;
      }
      const started = performance.now();
      // The card shows at once, saying the file is being read: a large Parquet file takes a minute to read.
      this.items.push({
        id: nextId++, fileName: f.name, size: f.size, error: null, file: null, workbook: null, kind: null, mapping: {},
        mode: 'replace', skipMalformed: false, fromSaved: false, busy: true, progress: 'Reading the file…', report: null, prepareMs: 0
      });
      const item = this.items.at(-1)!; // as the list holds it (reactive): a change to it redraws the card
      try {
        this.apply(item, await prepareAnyFile(f.name, f, undefined, (p) => (item.progress = p)), started);
      } finally {
        item.busy = false;
        item.progress = null;
      }
    }
  }

  /** Read another sheet of a workbook: the file is prepared again, its mapping found afresh. */
  async setSheet(item: Upload, sheet: string): Promise<void> {
    if (!item.workbook || item.workbook.sheet === sheet) return;
    item.busy = true;
    try {
      const started = performance.now();
      const prepared = await prepareAnyFile(item.fileName, item.workbook.source, sheet);
      this.apply(item, prepared, started);
    } finally {
      item.busy = false;
    }
  }

  private apply(item: Upload, prepared: Prepared, started: number): void {
    item.prepareMs = Math.round(performance.now() - started);
    Object.assign(item, { error: null, file: null, kind: null, mapping: {}, mode: 'replace', skipMalformed: false, fromSaved: false, report: null });
    item.workbook = (prepared.ok ? prepared.file.workbook : prepared.workbook) ?? null;
    if (!prepared.ok) {
      item.error = prepared.message;
      return;
    }
    item.file = prepared.file;
    const store = storage();
    const saved = store ? findSavedMapping(store, prepared.file.layout.headers) : null;
    item.kind = saved?.kind ?? prepared.file.kind;
    item.mapping = saved?.mapping ?? prepared.file.mapping;
    item.fromSaved = !!saved;
    this.suggestMode(item);
    if (!item.kind) {
      item.error = `Could not tell which extract this is: none of its columns (${prepared.file.layout.headers.slice(0, 6).join(', ')}${prepared.file.layout.headers.length > 6 ? ', …' : ''}) look like a referrals, funding, providers or population extract. Choose the extract type below and map the columns, or use a template from this page.`;
      if (item.workbook && item.workbook.sheets.length > 1) item.error += ' Or choose the sheet that holds the extract.';
    }
  }

  setKind(item: Upload, kind: ExtractKind): void {
    item.kind = kind;
    item.mapping = item.file ? mapHeaders(kind, item.file.layout.headers) : {};
    item.mode = 'replace';
    this.suggestMode(item);
    item.report = null;
  }

  missing(item: Upload): string[] {
    if (!item.kind) return [];
    return missingRequired(item.kind, item.mapping, item.mode === 'merge' ? ['area_code'] : requiredFields(item.kind));
  }

  /** A population-like file without a population column most likely adds columns (e.g. IMD). */
  suggestMode(item: Upload): void {
    if (item.kind === 'population' && !('population' in item.mapping) && (dataset.counts.population ?? 0) > 0) item.mode = 'merge';
  }

  async load(item: Upload): Promise<void> {
    if (!item.file || !item.kind) return;
    item.busy = true;
    try {
      item.report = await dataset.load(item.file, {
        kind: item.kind, mapping: { ...item.mapping }, mode: item.mode, skipMalformed: item.skipMalformed, onProgress: (p) => (item.progress = p)
      });
      const store = storage();
      if (item.report.ok && store) saveMapping(store, item.kind, item.file.layout.headers, item.mapping);
    } finally {
      item.busy = false;
      item.progress = null;
    }
  }

  remove(item: Upload): void {
    this.items = this.items.filter((i) => i.id !== item.id);
  }
}
