/**
 * The ingest pipeline end to end: detect -> (user confirms mapping) -> validate and load.
 * `prepareFile` is pure and fast (it looks at a 256 KB sample); `loadFile` is the only step that
 * touches the database, and it changes a canonical table only when the file passed, so bad input
 * never loses data already loaded.
 */
import type { DbClient } from '../db/client';
import {
  commitSql,
  STAGE,
  STAGE_GOOD,
  directLoadSql,
  mergeSql,
  unmatchedCodesSql,
  dropStageSql,
  MAX_LINE_BYTES,
  type FieldPlans,
  type ReadOptions,
  rejectsSql,
  skippedRowsSql,
  stageProblemsSql,
  stageSummarySql
} from '../db/sql/ingest';
import { NOTE_START, TOTAL_WORDS } from '../db/sql/macros';
import { engineMemory, recordSource, tableExists, tablesWithData } from '../db/queries';
import { REF_ALIAS, recodeStageSql, stagedCodeChangesSql } from '../db/sql/reference';
import { EXTRACTS, missingRequired, requiredFields, type ExtractKind } from '../domain/extracts';
import { vintageHint } from '../domain/area-codes';
import { SAMPLE_BYTES, sampleText, sniffEncoding, toUtf8, type TextEncodingName } from './decode';
import { detectExtract } from './detect';
import type { Mapping } from './headers';
import { recordLines } from './lines';
import { malformedLine, malformedMessage, type Malformed, type Reject } from './malformed';
import { findDuplicates, stageFile } from './stage';
import { recordSlices } from './slices';
import { isParquet, parquetToCsvBlob } from './parquet';
import { memoryFit } from './memory-fit';
import { detectLayout, parseRecords, type Layout } from './sniff';
import { singleYearColumns, withAgeBands } from './age-bands';
import { isWorkbookContainer, readWorkbook, type WorkbookSheets } from './workbook';

export interface PreparedFile {
  fileName: string;
  /**
   * The whole file. Preparing reads only its first 256 KB; a UTF-8 file is then read by DuckDB
   * straight from it, and the page reads it whole only to number the lines of problems it reports.
   */
  source: Blob;
  encoding: TextEncodingName;
  bomLength: number;
  layout: Layout;
  /** Best guess; null when no extract's required fields were recognised. */
  kind: ExtractKind | null;
  mapping: Mapping;
  confidence: number;
  /** For an Excel workbook: its sheets and the one read (`source` is then that sheet as CSV). */
  workbook?: WorkbookSheets;
  /** 'parquet' for a Parquet file (`source` is then its rows as CSV). */
  from?: 'parquet';
  /** Population by single year of age: `source` has the three bands added up from them (age-bands.ts). */
  agesAdded?: boolean;
}

/** A workbook's sheets come with a failure too, so the user can pick another sheet. */
export type Prepared = { ok: true; file: PreparedFile } | { ok: false; fileName: string; message: string; workbook?: WorkbookSheets };

const asBlob = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]);
const readBytes = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

/**
 * Like prepareFile, for a file as the browser hands it over; also accepts Parquet and Excel workbooks (turned
 * into CSV first). `sheet`: the workbook sheet to read (unset: the first that looks like an extract).
 */
export async function prepareAnyFile(fileName: string, data: Blob | Uint8Array, sheet?: string, onProgress?: (text: string) => void): Promise<Prepared> {
  const source = data instanceof Uint8Array ? asBlob(data) : data;
  const head = await readBytes(source.slice(0, SAMPLE_BYTES));
  if (isWorkbookContainer(head)) return prepareWorkbook(fileName, source, sheet);
  if (source.size < 8 || !isParquet(head, await readBytes(source.slice(source.size - 4)))) return withBands(prepareHead(fileName, source, head));
  try {
    const csv = await parquetToCsvBlob(source, onProgress);
    const prepared = prepareHead(fileName, csv, await readBytes(csv.slice(0, SAMPLE_BYTES)));
    return prepared.ok ? { ok: true, file: { ...prepared.file, from: 'parquet' } } : prepared;
  } catch (e) {
    return { ok: false, fileName, message: (e as Error).message };
  }
}

async function prepareWorkbook(fileName: string, source: Blob, sheet?: string): Promise<Prepared> {
  const read = await readWorkbook(source, fileName, sheet);
  if (!read.ok) return { ok: false, fileName, message: read.message, ...(read.workbook ? { workbook: read.workbook } : {}) };
  const prepared = await withBands(prepareHead(fileName, read.csv, await readBytes(read.csv.slice(0, SAMPLE_BYTES))));
  return prepared.ok ? { ok: true, file: { ...prepared.file, workbook: read.workbook } } : { ...prepared, workbook: read.workbook };
}

/** Detect encoding, layout and extract of a file held in memory. */
export function prepareFile(fileName: string, bytes: Uint8Array): Prepared {
  return bandedFrom(prepareHead(fileName, asBlob(bytes), bytes.subarray(0, SAMPLE_BYTES)), bytes);
}

/** A population file by single year of age, read whole, with its bands added (bandedFrom); any other as it is. */
async function withBands(prepared: Prepared): Promise<Prepared> {
  return bySingleYear(prepared) ? bandedFrom(prepared, await readBytes(prepared.file.source)) : prepared;
}

const bySingleYear = (p: Prepared): p is Prepared & { ok: true } => p.ok && p.file.kind === 'population' && singleYearColumns(p.file.layout.headers) !== null;

/**
 * A population file by single year of age (0, 1 … 90+) prepared again with the three bands the need weights read
 * added up from them (age-bands.ts), as UTF-8; any other file as it is. `bytes`: the whole file.
 */
function bandedFrom(prepared: Prepared, bytes: Uint8Array): Prepared {
  if (!bySingleYear(prepared)) return prepared;
  const f = prepared.file;
  const text = new TextDecoder().decode(toUtf8(bytes, { encoding: f.encoding, bomLength: f.bomLength }));
  const banded = withAgeBands(text, f.layout, parseRecords(text, f.layout.delimiter));
  if (banded === null) return prepared;
  const utf8 = new TextEncoder().encode(banded);
  const again = prepareHead(f.fileName, asBlob(utf8), utf8.subarray(0, SAMPLE_BYTES));
  return again.ok ? { ok: true, file: { ...again.file, agesAdded: true } } : prepared;
}

/** `head`: the first bytes of `source` (SAMPLE_BYTES of them, or all of a smaller file). */
function prepareHead(fileName: string, source: Blob, head: Uint8Array): Prepared {
  const enc = sniffEncoding(head, source.size);
  if (!enc.ok) return { ok: false, fileName, message: enc.reason };
  const layout = detectLayout(sampleText(head, enc));
  if (!layout.ok) return { ok: false, fileName, message: layout.reason };
  const det = detectExtract(layout.layout.headers, fileName);
  return {
    ok: true,
    file: {
      fileName,
      source,
      encoding: enc.encoding,
      bomLength: enc.bomLength,
      layout: layout.layout,
      kind: det?.kind ?? null,
      mapping: det?.mapping ?? {},
      confidence: det?.confidence ?? 0
    }
  };
}

/**
 * Make the file readable by DuckDB as `name`; returns its UTF-8 bytes when they had to be made here.
 * A UTF-8 file is handed over as it is (the worker reads it in blocks: no copy of a million rows
 * through this thread, nor held in memory twice); other encodings are read whole and re-encoded.
 */
async function registerSource(db: DbClient, name: string, file: PreparedFile, encoding: TextEncodingName): Promise<Uint8Array | null> {
  if (encoding === 'utf-8') {
    await db.registerBlob(name, file.source.slice(file.bomLength));
    return null;
  }
  const utf8 = toUtf8(await readBytes(file.source), { encoding, bomLength: encoding === file.encoding ? file.bomLength : 0 });
  // DuckDB may take ownership of the buffer it is given: hand it a copy, keep ours for line numbers.
  await db.registerFile(name, utf8.slice());
  return utf8;
}

/** The file as DuckDB reads it: one file, or its slices (each registered as a file of its own). */
interface Source {
  reads: ReadOptions[];
  /** The line ends before each registered file, by its name (the reader numbers a slice's lines from 1). */
  linesBefore: Map<string, number>;
  /** The file's UTF-8 bytes, when they had to be made here. */
  utf8: Uint8Array | null;
}

/**
 * Register the file under `name` for DuckDB to read: whole, or (a UTF-8 file too large to stage in one
 * statement: `slice` bytes) in slices of whole records, `name.1`, `name.2`…, the header in the first.
 */
async function register(db: DbClient, name: string, file: PreparedFile, encoding: TextEncodingName, read: Omit<ReadOptions, 'file'>, slice: number | null): Promise<Source> {
  if (slice === null || encoding !== 'utf-8') {
    return { reads: [{ ...read, file: name }], linesBefore: new Map(), utf8: await registerSource(db, name, file, encoding) };
  }
  const text = file.source.slice(file.bomLength);
  const slices = await recordSlices(text, slice);
  const source: Source = { reads: [], linesBefore: new Map(), utf8: null };
  try {
    for (const [i, s] of slices.entries()) {
      const part = `${name}.${i + 1}`;
      await db.registerBlob(part, text.slice(s.start, s.end));
      source.reads.push(i === 0 ? { ...read, file: part } : { ...read, file: part, header: false, skip: 0 });
      source.linesBefore.set(part, s.linesBefore);
    }
  } catch (e) {
    // The parts registered so far go with it (the caller drops only what it was handed).
    await dropSource(db, source).catch(() => undefined);
    throw e;
  }
  return source;
}

export interface Problem {
  line: number | null;
  column: string;
  value: string;
  reason: string;
}

export interface LoadReport {
  ok: boolean;
  fileName: string;
  kind: ExtractKind;
  /** One sentence when the file as a whole could not be loaded. */
  message: string | null;
  encoding: TextEncodingName;
  delimiter: string;
  /**
   * How the file was read, in words ('utf-8, ";" separated, decimal commas (1.234,56 read as 1234.56)', 'Excel
   * workbook, sheet "Data"'); '' when not from a file, and absent from reports kept before it was added.
   */
  readAs?: string;
  rowsRead: number;
  loaded: number;
  rejected: number;
  skipped: { line: number | null; text: string }[];
  /** Lines the reader could not read: their number of fields differs from the header's, or they are too long. */
  malformed: Malformed[];
  problems: Problem[];
  problemsTruncated: boolean;
  suppressed: Record<string, number>;
  mode: LoadMode;
  /** False when a canonical file was read by the typed fast path without cell-by-cell checks. */
  validated: boolean;
  /** Area codes loaded under the code the reference knows them by: ODS codes, and 2019 districts merged whole since. */
  recoded: { oldCode: string; oldName: string; change: 'ods' | 'merged'; newCode: string; newName: string; rows: number }[];
  /** Codes of counties split between two unitaries: their rows keep the old code and cannot be mapped. */
  unplaced: { oldCode: string; oldName: string; successors: string; rows: number }[];
  /** For merges: codes found only in the file, and only in the loaded table. */
  unmatched: { fileOnly: string[]; tableOnly: string[]; hint: string | null } | null;
  /** Wall time of validate + load, for the benchmark and the curious. */
  durationMs: number;
}

/**
 * Area codes the built-in reference knows by another code are loaded under its code, so the map,
 * the built-in population and the roll-ups find them: ODS codes of sub-ICB locations and ICBs
 * (00Q → E38000014), and 2019 districts merged whole since (Allerdale → Cumberland). Each is listed
 * in the report with its row count; codes of a county split since (Cumbria) cannot be placed and
 * are listed with their successors. The scan is one join of the stage to a few hundred codes.
 */
async function recodeAreas(db: DbClient, report: LoadReport, hasName: boolean, mode: LoadMode): Promise<void> {
  // Columns added to a loaded table (merge) cannot be combined when several old districts become
  // one: an IMD score would need its predecessors' populations. Only one-to-one codes (ODS) are
  // recoded then; the merged districts stay unmatched, and the report says why.
  const only = mode === 'merge' ? 'ods' : null;
  const changes = await db.query<{ old_code: string; old_name: string; change: 'ods' | 'merged' | 'split'; new_code: string | null; new_name: string | null; successors: string | null; rows: number }>(
    stagedCodeChangesSql(STAGE, STAGE_GOOD, only)
  );
  const recoded = changes.filter((c) => c.change !== 'split');
  if (recoded.length) await db.exec(recodeStageSql(STAGE, hasName, only));
  report.recoded = recoded.map((c) => ({ oldCode: c.old_code, oldName: c.old_name, change: c.change as 'ods' | 'merged', newCode: c.new_code!, newName: c.new_name!, rows: c.rows }));
  report.unplaced = changes.filter((c) => c.change === 'split').map((c) => ({ oldCode: c.old_code, oldName: c.old_name, successors: c.successors!, rows: c.rows }));
}

/**
 * replace: the file becomes the table; append: its rows are added; merge: its columns are added
 * to the loaded table, matched on area_code (for a deprivation file next to a population file).
 */
export type LoadMode = 'replace' | 'append' | 'merge';

export interface LoadOptions {
  kind: ExtractKind;
  mapping: Mapping;
  mode: LoadMode;
  /** yyyy-mm-dd; dates after it are reported as in the future. */
  today: string;
  /** Load the good rows even if some lines have the wrong number of fields. */
  skipMalformed?: boolean;
  /** Where the file came from, shown beside each table. */
  origin?: 'upload' | 'published' | 'demo';
  /** Most problems listed (all are counted). */
  maxProblems?: number;
  /**
   * Stage the file in slices of about this many bytes (ingest/slices.ts). Unset: in one statement if it fits the
   * engine's memory, else in slices of memory-fit.ts's size (tests set it to slice a small file).
   */
  sliceBytes?: number;
  /** Told what the load is doing, in a few words, when it takes more than one step worth naming (a file in slices). */
  onProgress?: (text: string) => void;
}

const NOTE = new RegExp(NOTE_START, 'i');
/** Extracts of one row an area, where a country's, region's or county's row among its areas is a subtotal. */
const SUBTOTAL_KINDS: ReadonlySet<ExtractKind> = new Set(['population', 'funding']);
const TOTAL_START = new RegExp(String.raw`^\W*${TOTAL_WORDS}\b`);

/** The cells of a line the reader could not read, trimmed, empty ones left out. */
const cellsOf = (text: string, delimiter: string) => (parseRecords(text, delimiter, 1)[0]?.cells ?? []).map((c) => c.trim()).filter((c) => c !== '');

/** A totals row the reader could not read: its first cell with text starts with the totals words (macros.ts TOTAL_WORDS). */
export function isTotalsLine(text: string, delimiter: string): boolean {
  const first = cellsOf(text, delimiter)[0];
  return first !== undefined && TOTAL_START.test(first.toLowerCase());
}

/**
 * A line of one cell among the records, as spreadsheets put notes and sources below the data ("Notes:",
 * "1. Figures may not sum because of rounding.", "[x] = not available"): a note to skip and list, not a broken
 * record that blocks the load. One cell cannot be a record, so any prose will do here (a space in it); a padded
 * row of full width must read as a note (stage SQL, fs_is_note).
 */
export function isNoteLine(text: string, delimiter: string): boolean {
  const cells = cellsOf(text, delimiter);
  return cells.length === 1 && (/\s/.test(cells[0]!) || NOTE.test(cells[0]!));
}
let uploadCounter = 0;

/** A report of nothing loaded yet (not ok, no message): what each way of loading starts from. */
export function emptyReport(fileName: string, kind: ExtractKind, mode: LoadMode = 'replace'): LoadReport {
  return {
    ok: false, fileName, kind, message: null, encoding: 'utf-8', delimiter: ',', readAs: '', rowsRead: 0, loaded: 0, rejected: 0, skipped: [], malformed: [],
    problems: [], problemsTruncated: false, suppressed: {}, mode, validated: false, unmatched: null, recoded: [], unplaced: [], durationMs: 0
  };
}

/** How a prepared file is read, in words, for the load report. */
export function readAs(file: PreparedFile, encoding: TextEncodingName = file.encoding): string {
  if (file.workbook) return `Excel workbook, sheet "${file.workbook.sheet}"`;
  if (file.from === 'parquet') return 'Parquet';
  const d = file.layout.delimiter;
  return `${encoding}, ${d === '\t' ? 'tab' : `"${d}"`} separated${file.layout.decimalComma ? ', decimal commas (1.234,56 read as 1234.56)' : ''}` +
    `${file.agesAdded ? '; single years of age added up into pop_0_17, pop_18_64 and pop_65_plus' : ''}`;
}

export async function loadFile(db: DbClient, file: PreparedFile, opts: LoadOptions): Promise<LoadReport> {
  const { kind, mapping, mode } = opts;
  const report: LoadReport = { ...emptyReport(file.fileName, kind, mode), encoding: file.encoding, delimiter: file.layout.delimiter, readAs: readAs(file), validated: true };
  const started = performance.now();
  const missing = missingRequired(kind, mapping, mode === 'merge' ? ['area_code'] : requiredFields(kind));
  if (missing.length) {
    report.message = `Required column${missing.length > 1 ? 's' : ''} not mapped: ${missing.join(', ')}. Pick the file's column for each in the mapping, or check this is a ${EXTRACTS[kind].label.toLowerCase()} extract.`;
    return report;
  }
  // Refused before anything is read when the engine could not hold it (memory-fit.ts).
  const memory = await engineMemory(db);
  const fit = memoryFit(file.fileName, file.source.size, memory.limit, memory.used);
  if (!fit.ok) {
    report.message = fit.message;
    return report;
  }

  let encoding = file.encoding;
  let name = `upload_${++uploadCounter}.csv`;
  const read = { delimiter: file.layout.delimiter, skip: file.layout.headerRecord, columnCount: file.layout.columnCount, decimalComma: file.layout.decimalComma };
  let source: Source = { reads: [], linesBefore: new Map(), utf8: null };
  // The reader's rejects, numbered by the file's lines (a slice's are numbered from its own first line).
  const readRejects = async () => (await db.query<Reject & { file: string }>(rejectsSql()))
    .map(({ file: part, ...r }) => ({ ...r, line: r.line + (source.linesBefore.get(part) ?? 0) }))
    .sort((a, b) => a.line - b.line);
  try {
    await db.exec(dropStageSql()); // from a clean slate
    source = await register(db, name, file, encoding, read, opts.sliceBytes ?? fit.slice);
    let rejects: Reject[] = [];
    let plans: FieldPlans = {};
    try {
      plans = await stageFile(db, kind, mapping, source.reads, opts.today, file.layout.sampleRows, opts.onProgress);
      rejects = await readRejects();
    } catch (e) {
      if (!(encoding === 'utf-8' && /unicode|utf-?8/i.test(String(e)))) throw e;
      rejects = [{ line: 0, error_type: 'INVALID UNICODE', csv_line: '' }];
    }
    if (encoding === 'utf-8' && rejects.some((r) => /unicode|encoding/i.test(r.error_type))) {
      // The sample was valid UTF-8 but a later byte is not: the file is Windows-1252 after all.
      encoding = 'windows-1252';
      report.encoding = encoding;
      report.readAs = readAs(file, encoding);
      await dropSource(db, source);
      await db.exec(dropStageSql()); // the rejects table accumulates across scans
      name = `upload_${++uploadCounter}.csv`;
      source = await register(db, name, file, encoding, read, null);
      plans = await stageFile(db, kind, mapping, source.reads, opts.today, file.layout.sampleRows);
      rejects = await readRejects();
    }

    const excluded = new Set<number>();
    // A cell a typed column could not read made its field be staged again as text (stage.ts): not a bad line.
    for (const r of rejects.filter((x) => x.error_type !== 'CAST')) {
      // DuckDB may log one reject per bad column of a line: report each line once.
      if (excluded.has(r.line)) continue;
      excluded.add(r.line);
      const text = (r.csv_line ?? '').replace(/^[\r\n]+/, '');
      if (text.trim() === '' || text.split(file.layout.delimiter).every((c) => c.trim() === '')) continue;
      if (isTotalsLine(text, file.layout.delimiter)) {
        report.skipped.push({ line: r.line, text: 'totals row' });
        continue;
      }
      if (r.error_type === 'MISSING COLUMNS' && isNoteLine(text, file.layout.delimiter)) {
        report.skipped.push({ line: r.line, text: `note ("${text.trim().replace(/^"|"$/g, '')}")` });
        continue;
      }
      report.malformed.push(malformedLine(r, file.layout.delimiter, read.columnCount, MAX_LINE_BYTES));
    }

    // Whether the canonical table holds rows decides both the duplicate check and how the load commits.
    const exists = (await tablesWithData(db)).has(kind);
    // England, a region or a county listed above its own areas is a subtotal, not an area (subtotals.ts).
    const subtotals = SUBTOTAL_KINDS.has(kind) && mode !== 'merge' && 'area_code' in mapping ? { hasName: 'area_name' in mapping } : null;
    await findDuplicates(db, kind, mode === 'append' && exists ? kind : null, subtotals);
    const [summary] = await db.query<{ records: number; skipped: number; rejected: number; loaded: number; suppressed: Record<string, number> | null }>(stageSummarySql(kind, mapping, plans));
    if (!summary) throw new Error('no summary');
    report.rowsRead = summary.records - summary.skipped + report.malformed.length;
    report.rejected = summary.rejected + report.malformed.length;
    report.loaded = summary.loaded;
    report.suppressed = Object.fromEntries(Object.entries(summary.suppressed ?? {}).filter(([, n]) => n > 0));

    const limit = opts.maxProblems ?? 20000;
    const problems = await db.query<{ _row: number; column: string; value: string; reason: string }>(stageProblemsSql(kind, limit + 1));
    report.problemsTruncated = problems.length > limit;
    const skippedRows = await db.query<{ _row: number; _c0: string; subtotal: boolean }>(skippedRowsSql());
    const wanted = [...problems.slice(0, limit).map((p) => p._row), ...skippedRows.map((s) => s._row)];
    // The file's bytes are read here only when there is a line to number.
    const text = source.utf8 ?? (wanted.length ? toUtf8(await readBytes(file.source), { encoding, bomLength: file.bomLength }) : new Uint8Array());
    const lines = recordLines(text, file.layout.headerRecord, wanted, excluded);
    report.problems = problems.slice(0, limit).map((p) => ({ line: lines.get(p._row) ?? null, column: p.column, value: p.value ?? '', reason: p.reason }));
    for (const s of skippedRows) {
      const text = s.subtotal ? s._c0 : `${/total/i.test(s._c0) ? 'totals row' : NOTE.test(s._c0) ? 'note' : 'skipped row'} ("${s._c0}")`;
      report.skipped.push({ line: lines.get(s._row) ?? null, text });
    }
    report.skipped.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));

    if (report.malformed.length && !opts.skipMalformed) {
      report.message = malformedMessage(report.malformed, file.layout.delimiter, read.columnCount, MAX_LINE_BYTES, report.loaded);
      // Nothing loads: the figures must not say the good rows did (they are named in the message).
      report.loaded = 0;
      return report;
    }
    if (summary.records - summary.skipped === 0 && report.malformed.length === 0) {
      report.message = 'The file has a header row but no data rows, so nothing was loaded. Check the export included the data.';
      return report;
    }
    if (report.loaded === 0) {
      report.message = `None of the ${report.rowsRead} rows could be loaded; the problems are listed below. The ${kind} table was not changed.`;
      return report;
    }
    if ('area_code' in mapping && (await tableExists(db, REF_ALIAS))) await recodeAreas(db, report, 'area_name' in mapping, mode);
    if (mode === 'merge') {
      if (!exists) {
        report.message = `There is no ${kind} table to add columns to. Load the ${kind} extract first, or choose Replace.`;
        return report;
      }
      const codes = await db.query<{ side: string; area_code: string }>(unmatchedCodesSql(kind));
      const fileOnly = codes.filter((c) => c.side === 'file').map((c) => c.area_code);
      const tableOnly = codes.filter((c) => c.side === 'table').map((c) => c.area_code);
      report.unmatched = { fileOnly, tableOnly, hint: vintageHint(fileOnly, tableOnly) };
      await db.exec(mergeSql(kind, mapping));
      report.loaded -= fileOnly.length;
      await recordSource(db, { table: kind, fileName: file.fileName, origin: opts.origin ?? 'upload', rows: report.loaded, mode: 'append' });
      report.ok = true;
      return report;
    }
    await db.exec(commitSql(kind, mapping, mode, exists));
    await recordSource(db, { table: kind, fileName: file.fileName, origin: opts.origin ?? 'upload', rows: report.loaded, mode: mode === 'append' && exists ? 'append' : 'replace' });
    report.ok = true;
    return report;
  } catch (e) {
    await db.exec('ROLLBACK').catch(() => undefined);
    const text = String((e as Error)?.message ?? e);
    // The file is read again when it is loaded (not kept in memory since it was added): the browser refuses
    // once it has been saved over, moved or deleted.
    report.message = /NotReadableError|NotFoundError/.test(`${(e as Error)?.name}: ${text}`)
      ? `${file.fileName} changed or moved after it was added, so it could not be read again. Add it again. Nothing was loaded.`
      : readerFailure(text);
    return report;
  } finally {
    await db.exec(dropStageSql()).catch(() => undefined);
    await dropSource(db, source).catch(() => undefined);
    report.durationMs = Math.round(performance.now() - started);
  }
}

async function dropSource(db: DbClient, source: Source): Promise<void> {
  for (const r of source.reads) await db.dropFile(r.file);
}

/**
 * One sentence for a file DuckDB's reader gave up on, in the user's terms: no engine error class names, and
 * for the reader's lost-in-quotes failures, what to look for in the file.
 */
export function readerFailure(engineMessage: string): string {
  const first = engineMessage.split('\n')[0]!.replace(/^(\w+ )*Error: /, '').replace(/[.\s]+$/, '');
  if (/state machine|invalid state|unterminated quote|quoted value/i.test(first)) {
    return 'The file could not be read: its quotes do not pair up (a cell opens a quote that is never closed, or a title above the header has a line break in it). Check the quotes, or save the sheet again as "CSV UTF-8" with the header as its first row. Nothing was loaded.';
  }
  if (/could not allocate|out of memory/i.test(first)) {
    return 'The file is too large for the memory the in-browser database has left: it ran out while reading it. Nothing was loaded and the tables are as they were. Load a smaller extract (one year, or one ICB\'s areas), or clear tables you no longer need first.';
  }
  return `The file could not be read (${first}). Nothing was loaded.`;
}

/**
 * Load a file that is already in canonical form (our demo and published files) with DuckDB's
 * typed reader, skipping per-cell cleaning and validation. If any value does not fit, DuckDB
 * refuses the whole statement and the file takes the validating path instead.
 */
/**
 * The report of a table made straight from a file the app itself wrote (the demo, a publication): every row
 * loaded, nothing validated, the source recorded.
 */
export async function trustedLoadReport(db: DbClient, fileName: string, opts: Pick<LoadOptions, 'kind' | 'origin'>, started: number): Promise<LoadReport> {
  const [r] = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM "${opts.kind}"`);
  const loaded = r?.n ?? 0;
  await recordSource(db, { table: opts.kind, fileName, origin: opts.origin ?? 'published', rows: loaded, mode: 'replace' });
  return { ...emptyReport(fileName, opts.kind), ok: true, rowsRead: loaded, loaded, durationMs: Math.round(performance.now() - started) };
}

export async function loadCanonicalFile(db: DbClient, file: PreparedFile, opts: Omit<LoadOptions, 'mapping' | 'mode'>): Promise<LoadReport> {
  const started = performance.now();
  const name = `canonical_${++uploadCounter}.csv`;
  try {
    await registerSource(db, name, file, file.encoding);
    await db.exec(directLoadSql(opts.kind, name, file.layout.headers, file.layout.delimiter));
    return { ...(await trustedLoadReport(db, file.fileName, opts, started)), encoding: file.encoding, delimiter: file.layout.delimiter };
  } catch {
    await db.exec('ROLLBACK').catch(() => undefined);
    return loadFile(db, file, { ...opts, mapping: file.kind === opts.kind ? file.mapping : {}, mode: 'replace' });
  } finally {
    await db.dropFile(name).catch(() => undefined);
  }
}
