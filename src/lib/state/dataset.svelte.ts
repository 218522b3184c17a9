/**
 * What is loaded: table counts, where each table came from, and whether it is demo data.
 * Pages read this state; every change to the database goes through its methods, which bump
 * `version` so views re-query.
 */
import { base } from '$app/paths';
import type { DbClient } from '../db/client';
import { getDb } from '../db/engine';
import { userBoundaries } from './boundaries.svelte';
import { boardPack } from './board-pack.svelte';
import { coverageWarnings, type CoverageInput } from '../domain/coverage';
import { historyEntry, loadHistory } from './load-history.svelte';
import { locate } from '../geo/points';
import { clearAll, ensureCanonicalTables, loadReference, type OverviewFigures, type PopulationSource, type SourceRow } from '../db/queries';
import type { ExtractKind } from '../domain/extracts';
import type { CompletenessInputs } from '../domain/completeness';
import { SOURCES } from '../db/sql/tables';
import { PUBLISHED, RECORDS, type DataSource } from '../db/source';
import type { ParentOf } from '../domain/area-codes';
import { fetchManifest, loadManifest, type Manifest } from '../ingest/published';
import { fetchFirstView, type FirstView } from '../db/first-view';
import { EMPTY_SUMMARY, isPublished, measureTablesOf, summariseData, type DatasetSummary } from '../db/dataset-summary';
import { loadFile, type LoadOptions, type LoadReport, type PreparedFile } from '../ingest/load';
import { tablesToKeep } from '../persist/workspace';
import { workspace } from './workspace.svelte';

const DEMO_DISMISSED = 'fairshare.demo.dismissed';
/** The user cleared the demo away ("Clear all data"): it is not loaded, nor its first view shown, until asked for. */
const demoDismissed = () => typeof localStorage !== 'undefined' && localStorage.getItem(DEMO_DISMISSED) === '1';
/** The load history, kept beside the tables (state/workspace.svelte.ts). */
const KEPT_HISTORY = 'load-history.json';

export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

class DatasetState {
  status = $state<'idle' | 'starting' | 'loading' | 'ready' | 'error'>('idle');
  error = $state<string | null>(null);
  counts = $state<Partial<Record<ExtractKind, number>>>({});
  sources = $state.raw<SourceRow[]>([]);
  manifest = $state.raw<Manifest | null>(null);
  /** How many areas take population and deprivation from the extract, how many from the built-in reference. */
  populationSources = $state.raw<PopulationSource[]>([]);
  /** The built-in reference could not be loaded (the app works on without it). */
  referenceError = $state<string | null>(null);
  /** The reference's district centres are loaded (access to provision measures from them). */
  hasCentres = $state(false);
  version = $state(0);
  /** Which areas and years each table covers, against the population extract (domain/coverage.ts). */
  coverage = $state.raw<CoverageInput>({ sources: [], rows: [], populationAreas: 0 });
  /**
   * The demo's first view (db/first-view.ts), shown while the engine starts on a first visit; null once the
   * engine's own figures are in (or when this is not a first visit).
   */
  firstView = $state.raw<FirstView | null>(null);
  #db: DbClient | null = null;

  /** The extract tables that exist (as of the last refresh, which every change runs). */
  get tables(): ReadonlySet<string> {
    return new Set(Object.keys(this.counts));
  }
  /** The tables the measures read: 'population' whenever an extract or the reference gives one (tables.ts asMeasureTables). */
  get measureTables(): ReadonlySet<string> {
    return measureTablesOf(this, this.hasCentres);
  }
  get isDemo(): boolean {
    const own = this.sources.filter((s) => s.origin !== 'reference');
    return own.length > 0 && own.every((s) => s.origin === 'demo');
  }
  get hasDemo(): boolean {
    return this.sources.some((s) => s.origin === 'demo');
  }
  get isEmpty(): boolean {
    return Object.values(this.counts).every((n) => !n) && !this.isPublishedDashboard;
  }
  /** Opened on a published dashboard's aggregate tables (no record-level extracts). */
  get isPublishedDashboard(): boolean {
    return isPublished(this.sources);
  }
  /** Where the views' figures come from, chosen once per data change (db/source.ts). */
  get source(): DataSource {
    return this.isPublishedDashboard ? PUBLISHED : RECORDS;
  }

  /** Sentences for a figure reading `tables` whose tables do not belong together (shown beside it). */
  coverageWarnings(tables: readonly string[]): string[] {
    return coverageWarnings(this.coverage, tables);
  }

  async db(): Promise<DbClient> {
    this.#db ??= await getDb();
    return this.#db;
  }

  #asked = new Map<string, Promise<unknown>>();
  #askedVersion = -1;
  /**
   * A figure that changes only when the data do (the Overview's figures, the incomplete-month rule's inputs):
   * asked once per version of the data, however often and by however many views. A failure is not kept.
   */
  once<T>(key: string, ask: (db: DbClient, source: DataSource) => Promise<T>): Promise<T> {
    if (this.#askedVersion !== this.version) {
      this.#asked.clear();
      this.#askedVersion = this.version;
    }
    let answer = this.#asked.get(key) as Promise<T> | undefined;
    if (!answer) {
      const source = this.source;
      answer = this.db().then((db) => ask(db, source));
      this.#asked.set(key, answer);
      answer.catch(() => this.#asked.get(key) === answer && this.#asked.delete(key));
    }
    return answer;
  }
  /** The incomplete-month rule's inputs (Waiting lists, Capacity): the data's, whatever the filters. */
  completeness(): Promise<CompletenessInputs> {
    return this.once('completeness', (db, source) => source.completeness(db));
  }
  /** Each area's parent (empty without a parent level): the same for every filter, so asked once per version. */
  parents(): Promise<ParentOf[]> {
    return this.once('parents', (db, source) => source.parents(db));
  }
  /** The Overview's figures. */
  overview(): Promise<OverviewFigures> {
    // A first visit's figures while the engine starts (db/first-view.ts): the engine's own, worked out at build time.
    if (this.status !== 'ready' && this.firstView) return Promise.resolve(this.firstView.overview);
    return this.once('overview', (db, source) => source.overview(db));
  }

  /** Start DuckDB and load published (or demo) data. Safe to call more than once. */
  init(): Promise<void> {
    this.#started ??= this.#start();
    return this.#started;
  }
  #started: Promise<void> | null = null;

  async #start(): Promise<void> {
    this.status = 'starting';
    try {
      // The reference and the manifest download while the engine starts (its wasm compiles).
      const reference = this.fetchReference();
      reference.catch(() => undefined); // reported when awaited (loadReference)
      const dataBase = `${base}/data`;
      const manifestRequest = fetchManifest(dataBase);
      void this.#showFirstView(dataBase, manifestRequest);
      const db = await this.db();
      // Console access for analysts, the e2e tests and the benchmark's baselines.
      (globalThis as unknown as { __fairshare: unknown }).__fairshare = {
        query: (sql: string) => db.query(sql),
        exec: (sql: string) => db.exec(sql),
        registerFile: (name: string, bytes: Uint8Array) => db.registerFile(name, bytes),
        registerBlob: (name: string, blob: Blob) => db.registerBlob(name, blob),
        // The benchmark waits on this so a background save is not charged to what it measures next.
        settled: () => workspace.settled()
      };
      await ensureCanonicalTables(db);
      await this.loadReference(db, reference);
      // The user's boundaries and board pack come back beside the tables (from this browser's storage).
      void userBoundaries.restore();
      void boardPack.restore();
      const manifest = await manifestRequest;
      this.manifest = manifest;
      // Data kept from an earlier visit (a reload, another tab) comes back instead of the demo.
      const restored = await workspace.restore(db);
      if (restored) {
        loadHistory.restore(await workspace.readDoc(KEPT_HISTORY));
        // Tables kept by an earlier version gain the fields added since (empty), so every query finds them.
        await ensureCanonicalTables(db);
      }
      if (!restored && manifest && !(manifest.synthetic && demoDismissed())) {
        this.status = 'loading';
        this.recordManifest(manifest, await loadManifest(db, manifest, dataBase, todayIso()));
      }
      await this.refresh();
      this.firstView = null;
      this.status = 'ready';
    } catch (e) {
      this.error = `The data engine could not start: ${(e as Error).message}`;
      if (this.firstView) {
        this.firstView = null;
        this.#show(EMPTY_SUMMARY);
      }
      this.status = 'error';
    }
  }

  /**
   * On a first visit (nothing kept in this browser, the demo not dismissed), the demo's first view while the
   * engine starts: the Map draws from it. Shown only if the engine has not answered first.
   */
  async #showFirstView(dataBase: string, manifestRequest: Promise<Manifest | null>): Promise<void> {
    const manifest = await manifestRequest;
    if (!manifest?.synthetic || !manifest.firstView) return;
    if (demoDismissed()) return;
    const [view, kept] = await Promise.all([fetchFirstView(dataBase, manifest.firstView), workspace.keepsAnything()]);
    if (!view || kept || this.version > 0 || this.status === 'ready' || this.status === 'error') return;
    // The demo is being loaded now: its source lines say so, as they will once it is in.
    const now = new Date().toISOString();
    const sources = view.summary.sources.map((s) => (s.origin === 'demo' ? { ...s, loaded_at: now } : s));
    this.#show({ ...view.summary, sources });
    this.hasCentres = view.hasCentres;
    this.firstView = view;
  }

  /** The built-in geography and need (static/reference, copied from data/ at build). */
  private async fetchReference(): Promise<{ areas: Uint8Array; history: Uint8Array; centres: Uint8Array }> {
    const get = async (name: string) => {
      const res = await fetch(`${base}/reference/${name}`);
      if (!res.ok) throw new Error(`${name}: ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    };
    const [areas, history, centres] = await Promise.all([get('areas.csv'), get('code-history.csv'), get('lad-centres.csv')]);
    return { areas, history, centres };
  }

  private async loadReference(db: DbClient, files: Promise<{ areas: Uint8Array; history: Uint8Array; centres: Uint8Array }>): Promise<void> {
    try {
      await loadReference(db, await files);
      this.hasCentres = true;
    } catch (e) {
      this.referenceError = `The built-in population and deprivation could not be loaded (${(e as Error).message}); load a population extract instead.`;
    }
  }

  async refresh(): Promise<void> {
    const db = await this.db();
    this.#show(await summariseData(db, locate));
    this.version++;
    // Kept in the background: the views redraw while the tables are written. The load history goes with
    // the tables (the demo's is made again when the demo loads).
    const keep = tablesToKeep(this.counts, this.sources.filter((s) => s.origin !== 'reference'), SOURCES);
    void workspace.keepTables(db, keep);
    void workspace.keepDoc(KEPT_HISTORY, keep.length ? loadHistory.entries : null);
  }

  #show(summary: DatasetSummary): void {
    this.counts = summary.counts;
    this.populationSources = summary.populationSources;
    this.coverage = summary.coverage;
    this.sources = summary.sources;
  }

  async load(file: PreparedFile, opts: Omit<LoadOptions, 'today'>): Promise<LoadReport> {
    const db = await this.db();
    // The e2e tests have a small file staged in slices, as one too large for the engine's memory is (ingest/slices.ts).
    const sliceBytes = (globalThis as { __fairshareSliceBytes?: number }).__fairshareSliceBytes;
    const report = await loadFile(db, file, { ...opts, today: todayIso(), ...(sliceBytes ? { sliceBytes } : {}) });
    loadHistory.add(historyEntry(report, 'upload'));
    if (report.ok) {
      opts.onProgress?.('Updating the summaries the views read…');
      await this.refresh();
    }
    return report;
  }

  /** The load history records a manifest's files too, as demo (synthetic) or published. */
  private recordManifest(manifest: Manifest, reports: LoadReport[]): void {
    for (const r of reports) loadHistory.add(historyEntry(r, manifest.synthetic ? 'demo' : 'published'));
  }

  async loadDemo(): Promise<void> {
    localStorage.removeItem(DEMO_DISMISSED);
    const db = await this.db();
    const dataBase = `${base}/data`;
    const manifest = this.manifest ?? (await fetchManifest(dataBase));
    if (!manifest) return;
    this.status = 'loading';
    await clearAll(db);
    this.recordManifest(manifest, await loadManifest(db, manifest, dataBase, todayIso()));
    await this.refresh();
    this.status = 'ready';
  }

  async clear(): Promise<void> {
    // After the start-up's own load: a clear while the demo is still loading would otherwise be undone by it.
    await this.#started;
    const db = await this.db();
    await clearAll(db);
    await workspace.forgetAll();
    userBoundaries.clear();
    // The board pack's pictures and tables are made from the data: they go with it.
    boardPack.forget();
    loadHistory.clear();
    if (this.manifest?.synthetic) localStorage.setItem(DEMO_DISMISSED, '1');
    await this.refresh();
  }
}

export const dataset = new DatasetState();
