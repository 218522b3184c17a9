/**
 * Where the app's load time goes, measured from outside the app.
 *
 * Why a tracer instead of timing the stage SQL by hand: the app builds its SQL from the
 * column mapping, and copying that SQL into the benchmark would measure yesterday's version
 * of it. Instead an init script wraps the page's `Worker` so every message to DuckDB's worker
 * (each SQL text, registerFile, dropFile) and every reply is timestamped. The app itself is
 * not changed, and the tracer costs a few microseconds a message (a load sends ~30).
 */

/**
 * Runs in the page before any app script (page.addInitScript), so it must be self-contained.
 * Records `window.__benchTrace` events: { t, dir: 'out' | 'in', id, type, what }.
 */
export function installTracer() {
  /** @type {{ t: number, dir: string, id: number, type: string, what: string | null }[]} */
  const events = [];
  /** @type {any} */ (window).__benchTrace = events;
  // When the Load button was pressed, to time the app's work before its first DuckDB call.
  document.addEventListener('click', (e) => {
    const target = /** @type {Element | null} */ (e.target);
    if (target?.closest?.('[data-testid="load-button"]')) /** @type {any} */ (window).__benchClickT = performance.now();
  }, true);
  const Native = window.Worker;
  window.Worker = class TracedWorker extends Native {
    /** @param {ConstructorParameters<typeof Worker>} args */
    constructor(...args) {
      super(...args);
      // Added before DuckDB's own listener, so the time is taken before the reply is handled.
      this.addEventListener('message', (e) => {
        const d = e.data;
        if (d && typeof d === 'object' && 'requestId' in d) events.push({ t: performance.now(), dir: 'in', id: d.requestId, type: String(d.type), what: null });
      });
    }
    /** @param {any} msg @param {any} [transfer] */
    postMessage(msg, transfer) {
      if (msg && typeof msg === 'object' && 'messageId' in msg) {
        const data = msg.data;
        let what = null;
        // Kept whole (a stage statement is a few KB): the stage profile re-runs it in pieces.
        if (Array.isArray(data) && typeof data[1] === 'string') what = data[1].slice(0, 200_000);
        else if (msg.type === 'REGISTER_FILE_BUFFER' || msg.type === 'REGISTER_FILE_HANDLE' || msg.type === 'DROP_FILE') what = `${msg.type} ${Array.isArray(data) ? data[0] : data}`;
        events.push({ t: performance.now(), dir: 'out', id: msg.messageId, type: String(msg.type), what });
      }
      return transfer === undefined ? super.postMessage(msg) : super.postMessage(msg, transfer);
    }
  };
}

/**
 * Statement text -> stage of the load, in the order loadFile runs them. Loose patterns on
 * purpose: the app's SQL is being tuned, and a renamed detail should not move a stage's time
 * into "other".
 */
const LABELS = /** @type {[RegExp, string][]} */ ([
  [/^REGISTER_FILE_BUFFER/, 'registerFile (bytes to the DuckDB worker)'],
  [/^REGISTER_FILE_HANDLE/, 'registerBlob (the file handed to the DuckDB worker)'],
  [/^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP\s+|TEMPORARY\s+)?TABLE\s+_fs_stage\s+AS/i, 'stage SQL: read_csv + clean + type + validate'],
  [/AS fits FROM[\s\S]*FROM _fs_stage|FROM _fs_rejects WHERE error_type = 'CAST'|unnest\(_notes\) AS p FROM _fs_stage/, 'plans checked on the staged file (text plans, cast failures, typed problems)'],
  [/FROM _fs_rejects/, 'rejected lines query'],
  [/^\s*(?:BEGIN TRANSACTION|DELETE FROM _fs_stage)|RENAME TO/i, 'commit: stage rows into the referrals table'],
  [/^\s*CREATE\s+OR\s+REPLACE\s+TABLE\s+_fs_dup|FROM _fs_dupkeys/i, 'duplicate referral_id check'],
  [/AS skipped/, 'summary counts'],
  [/unnest\(list_concat/, 'problem list query'],
  [/AS _c0 FROM _fs_stage/, 'skipped rows query'],
  [/^\s*DROP TABLE IF EXISTS _fs_stage/, 'drop stage tables'],
  [/^DROP_FILE/, 'dropFile']
]);
export const GAP_LABEL = 'main thread between DuckDB calls (copies, line numbers, Arrow→JS)';
export const BEFORE_LABEL = 'main thread from the click to registering the file';
const OTHER_LABEL = 'other small queries (table exists, sources)';

/** @param {string} what */
export function classify(what) {
  for (const [re, label] of LABELS) if (re.test(what)) return label;
  return OTHER_LABEL;
}

/**
 * Milliseconds per stage of one load. Each DuckDB call runs from its request until the last
 * reply before the next request (queries run one at a time, so replies in between belong to
 * it); the time from that reply to the next request is main-thread work in the app.
 * Only the window of loadFile is counted: from registering the upload to dropping it, plus,
 * when the click time is known, the main-thread work from the click to registering.
 * @param {{ t: number, dir: string, id: number, type: string, what: string | null }[]} events
 * @param {number | null} [clickT] performance.now() of the Load click
 * @returns {{ stages: Record<string, number>, windowMs: number, statements: { stage: string, what: string, ms: number }[] } | null}
 */
export function breakdown(events, clickT = null) {
  const ops = events.filter((e) => e.dir === 'out' && e.what);
  const first = ops.findIndex((e) => /^REGISTER_FILE_(?:BUFFER|HANDLE) upload_/.test(/** @type {string} */ (e.what)));
  if (first < 0) return null;
  let last = ops.findIndex((e, i) => i > first && /^DROP_FILE upload_/.test(/** @type {string} */ (e.what)));
  if (last < 0) last = ops.length - 1;
  /** @type {Record<string, number>} */
  const stages = {};
  const add = (/** @type {string} */ k, /** @type {number} */ ms) => (stages[k] = (stages[k] ?? 0) + ms);
  /** @type {{ stage: string, what: string, ms: number }[]} */
  const statements = [];
  let lastEnd = /** @type {(typeof ops)[number]} */ (ops[first]).t;
  if (clickT != null && clickT <= lastEnd) add(BEFORE_LABEL, lastEnd - clickT);
  for (let k = first; k <= last; k++) {
    const op = /** @type {(typeof ops)[number]} */ (ops[k]);
    const nextT = k < last ? /** @type {(typeof ops)[number]} */ (ops[k + 1]).t : Infinity;
    // The last call's window is open-ended (the app goes on to refresh its counts): use its own reply.
    const replies = events.filter((e) => e.dir === 'in' && e.t >= op.t && e.t < nextT && (k < last || e.id === op.id));
    const end = replies.length ? /** @type {(typeof replies)[number]} */ (replies[replies.length - 1]).t : op.t;
    const stage = classify(/** @type {string} */ (op.what));
    add(stage, end - op.t);
    statements.push({ stage, what: /** @type {string} */ (op.what).replace(/\s+/g, ' ').slice(0, 160), ms: end - op.t });
    if (k < last) add(GAP_LABEL, nextT - end);
    lastEnd = end;
  }
  const startT = clickT != null && clickT <= /** @type {(typeof ops)[number]} */ (ops[first]).t ? clickT : /** @type {(typeof ops)[number]} */ (ops[first]).t;
  return { stages, windowMs: lastEnd - startT, statements };
}

/**
 * The stage statement the app ran (the big read + type + validate pass), from a trace.
 * @param {{ dir: string, what: string | null }[]} events
 */
export function stageStatement(events) {
  return events.find((e) => e.dir === 'out' && e.what && STAGE_CREATE.test(e.what))?.what ?? null;
}

// ---- Taking the stage statement apart ---------------------------------------------------
// The app's stage statement is `CREATE ... TABLE _fs_stage AS WITH a AS (...), b AS (...)
// SELECT ... FROM b`, each CTE one layer of the pipeline (read + clean, typing, checks …).
// The helpers below split it at its top level only (quotes, parentheses, brackets and braces
// respected) so the profile follows whatever layers the app has today, rather than a copy
// of its SQL that would go stale.

/**
 * Walks `sql` at nesting depth 0, outside quotes, calling `visit(i)` for each such index;
 * `visit` returning true stops the walk.
 * @param {string} sql
 * @param {(i: number) => boolean | void} visit
 */
function walkTopLevel(sql, visit) {
  let depth = 0;
  /** @type {string | null} */
  let quote = null;
  for (let i = 0; i < sql.length; i++) {
    const ch = /** @type {string} */ (sql[i]);
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (depth === 0 && visit(i)) return;
  }
}

/**
 * Index just past the bracket matching the one at `open`, or -1.
 * @param {string} sql
 * @param {number} open
 */
function matchClose(sql, open) {
  let depth = 0;
  /** @type {string | null} */
  let quote = null;
  for (let i = open; i < sql.length; i++) {
    const ch = sql[i];
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

/** @param {string} list */
function splitTopLevel(list) {
  /** @type {string[]} */
  const out = [];
  let from = 0;
  walkTopLevel(list, (i) => {
    if (list[i] === ',') {
      out.push(list.slice(from, i).trim());
      from = i + 1;
    }
  });
  out.push(list.slice(from).trim());
  return out.filter((x) => x !== '');
}

/**
 * `expr AS name` -> { expr, name }, at the last top-level AS (CAST(x AS T) keeps its own).
 * @param {string} item
 */
function splitAlias(item) {
  let at = -1;
  walkTopLevel(item, (i) => {
    if (/^\sAS\s/i.test(item.slice(i, i + 4))) at = i;
  });
  return at < 0 ? { expr: item, name: item } : { expr: item.slice(0, at).trim(), name: item.slice(at + 4).trim() };
}

/**
 * A SELECT's list and FROM target, split at its last top-level FROM.
 * @param {string} select text starting with SELECT
 * @returns {{ list: string, from: string } | null}
 */
function splitSelect(select) {
  const s = select.trim();
  if (!/^SELECT\s/i.test(s)) return null;
  let at = -1;
  walkTopLevel(s, (i) => {
    if (/^\sFROM\s/i.test(s.slice(i, i + 6))) at = i;
  });
  if (at < 0) return null;
  return { list: s.slice(6, at), from: s.slice(at + 6).trim() };
}

const STAGE_CREATE = /^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP\s+|TEMPORARY\s+)?TABLE\s+_fs_stage\s+AS\s*/i;

/**
 * @typedef {{ name: string, body: string }} Cte
 * @typedef {{ ctes: Cte[], final: string }} StageShape
 */

/**
 * Splits the stage statement into its CTEs and final SELECT, with the upload's file name
 * replaced by `fileName`. Null when it is not a CREATE ... _fs_stage AS WITH ... statement.
 * @param {string} stageSql
 * @param {string} fileName
 * @returns {StageShape | null}
 */
function stageShape(stageSql, fileName) {
  if (!STAGE_CREATE.test(stageSql)) return null;
  const sql = stageSql.replace(STAGE_CREATE, '').replace(/read_csv\(\s*'[^']*'/, `read_csv('${fileName}'`).trim();
  if (!/^WITH\s/i.test(sql)) return null;
  /** @type {Cte[]} */
  const ctes = [];
  let i = 4;
  for (;;) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s+AS\s+(?:(?:NOT\s+)?MATERIALIZED\s+)?\(/i.exec(sql.slice(i));
    if (!m) return null;
    const open = i + m[0].length - 1;
    const close = matchClose(sql, open);
    if (close < 0) return null;
    ctes.push({ name: /** @type {string} */ (m[1]), body: sql.slice(open + 1, close - 1).trim() });
    i = close;
    const next = /^\s*,/.exec(sql.slice(i));
    if (!next) break;
    i += next[0].length;
  }
  return { ctes, final: sql.slice(i).trim() };
}

/** `WITH` clause of the first `n` CTEs. @param {Cte[]} ctes @param {number} n */
const withClause = (ctes, n) => `WITH ${ctes.slice(0, n).map((c) => `${c.name} AS (\n${c.body}\n)`).join(', ')}`;

/**
 * Cumulative prefixes of the stage statement, each a complete query: the read alone, then
 * each CTE in turn (`WITH first k SELECT * FROM k-th`), then the whole statement. Timing them
 * shows what each layer adds. Null when the statement's shape is not recognised.
 * @param {string} stageSql
 * @param {string} fileName the name the bytes are registered under for the profile
 * @returns {{ label: string, sql: string }[] | null}
 */
export function stagePieces(stageSql, fileName) {
  const shape = stageShape(stageSql, fileName);
  const first = shape?.ctes[0] ? splitSelect(shape.ctes[0].body) : null;
  if (!shape || !first || !/^read_csv\(/i.test(first.from)) return null;
  const close = matchClose(first.from, first.from.indexOf('('));
  const readCsv = first.from.slice(0, close);
  const plain = readCsv.replace(/,\s*strict_mode\s*=\s*true|,\s*ignore_errors\s*=\s*true|,\s*store_rejects\s*=\s*true|,\s*rejects_table\s*=\s*'[^']*'|,\s*rejects_scan\s*=\s*'[^']*'/gi, '');
  /** @type {{ label: string, sql: string }[]} */
  const pieces = [];
  if (plain !== readCsv) pieces.push({ label: 'read_csv alone, without the rejects options', sql: `SELECT * FROM ${plain}` });
  pieces.push({ label: 'read_csv alone, as the app calls it', sql: `SELECT * FROM ${readCsv}` });
  shape.ctes.forEach((c, k) => pieces.push({ label: `+ CTE ${c.name}`, sql: `${withClause(shape.ctes, k + 1)} SELECT * FROM ${c.name}` }));
  pieces.push({ label: '+ final SELECT (the whole stage statement)', sql: `${withClause(shape.ctes, shape.ctes.length)} ${shape.final}` });
  return pieces;
}

/**
 * Every computed column of every layer of the stage statement, each to be timed alone on the
 * materialised input of its layer (the CSV read as text for the first CTE, the previous CTE
 * for the others), as `CREATE TEMP TABLE AS SELECT expr`, the way the app's own statement
 * runs. (Not as an aggregate such as min(hash(expr)) or count(expr): DuckDB-wasm runs those
 * 4-10x slower than writing the same expression to a table, which would misrank the
 * expressions.) The caller subtracts the time of copying a plain column of the same input.
 * Null when the shape is not recognised.
 * @param {string} stageSql
 * @param {string} fileName
 * @returns {{ setup: { table: string, sql: string }[], items: { layer: string, name: string, expr: string, table: string }[] } | null}
 */
export function stageExpressions(stageSql, fileName) {
  const shape = stageShape(stageSql, fileName);
  if (!shape) return null;
  const selects = [...shape.ctes.map((c) => ({ layer: c.name, sql: c.body })), { layer: 'final', sql: shape.final }];
  /** @type {{ table: string, sql: string }[]} */
  const setup = [];
  /** @type {Map<string, string>} source (CTE name or read_csv text) -> materialised table */
  const tables = new Map();
  /** @type {{ layer: string, name: string, expr: string, table: string }[]} */
  const items = [];
  for (const s of selects) {
    const parts = splitSelect(s.sql);
    if (!parts) return null;
    const from = parts.from.replace(/\s+$/, '');
    let table = tables.get(from);
    if (!table) {
      const k = shape.ctes.findIndex((c) => c.name === from);
      if (/^read_csv\(/i.test(from)) {
        table = '_bench_src';
        setup.push({ table, sql: `SELECT * FROM ${from}` });
      } else if (k >= 0) {
        table = `_bench_${from}`;
        setup.push({ table, sql: `${withClause(shape.ctes, k + 1)} SELECT * FROM ${from}` });
      } else return null; // a join or subquery: not a simple layer
      tables.set(from, table);
    }
    for (const it of splitTopLevel(parts.list).map(splitAlias)) {
      if (it.expr === '*' || /^[A-Za-z_][A-Za-z0-9_]*$/.test(it.expr) || /^(true|false|null|\d+)$/i.test(it.expr) || /\bOVER\s*\(/i.test(it.expr)) continue;
      items.push({ layer: s.layer, name: it.name, expr: it.expr, table: /** @type {string} */ (table) });
    }
  }
  return { setup, items };
}
