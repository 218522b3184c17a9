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
        if (Array.isArray(data) && typeof data[1] === 'string') what = data[1].slice(0, 400);
        else if (msg.type === 'REGISTER_FILE_BUFFER' || msg.type === 'DROP_FILE') what = `${msg.type} ${Array.isArray(data) ? data[0] : data}`;
        events.push({ t: performance.now(), dir: 'out', id: msg.messageId, type: String(msg.type), what });
      }
      return transfer === undefined ? super.postMessage(msg) : super.postMessage(msg, transfer);
    }
  };
}

/** Statement text -> stage of the load, in the order loadFile runs them. */
const LABELS = /** @type {[RegExp, string][]} */ ([
  [/^REGISTER_FILE_BUFFER/, 'registerFile (bytes to the DuckDB worker)'],
  [/CREATE OR REPLACE TEMP TABLE _fs_stage/, 'stage SQL: read_csv + clean + type + validate'],
  [/FROM _fs_rejects/, 'rejected lines query'],
  [/^\s*UPDATE _fs_stage/, 'duplicate referral_id check (UPDATE)'],
  [/count_if\(_skip\)/, 'summary counts'],
  [/unnest\(_problems\)/, 'problem list query'],
  [/WHERE _skip AND _c0/, 'skipped rows query'],
  [/BEGIN TRANSACTION/, 'commit: CREATE TABLE referrals from stage'],
  [/DROP TABLE IF EXISTS _fs_stage/, 'drop stage tables'],
  [/^DROP_FILE/, 'dropFile']
]);
export const GAP_LABEL = 'main thread between DuckDB calls (copies, line numbers, Arrow→JS)';
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
 * Only the window of loadFile is counted: from registering the upload to dropping it.
 * @param {{ t: number, dir: string, id: number, type: string, what: string | null }[]} events
 * @returns {{ stages: Record<string, number>, windowMs: number } | null}
 */
export function breakdown(events) {
  const ops = events.filter((e) => e.dir === 'out' && e.what);
  const first = ops.findIndex((e) => /^REGISTER_FILE_BUFFER upload_/.test(/** @type {string} */ (e.what)));
  if (first < 0) return null;
  let last = ops.findIndex((e, i) => i > first && /^DROP_FILE upload_/.test(/** @type {string} */ (e.what)));
  if (last < 0) last = ops.length - 1;
  /** @type {Record<string, number>} */
  const stages = {};
  const add = (/** @type {string} */ k, /** @type {number} */ ms) => (stages[k] = (stages[k] ?? 0) + ms);
  let lastEnd = /** @type {(typeof ops)[number]} */ (ops[first]).t;
  for (let k = first; k <= last; k++) {
    const op = /** @type {(typeof ops)[number]} */ (ops[k]);
    const nextT = k < last ? /** @type {(typeof ops)[number]} */ (ops[k + 1]).t : Infinity;
    // The last call's window is open-ended (the app goes on to refresh its counts): use its own reply.
    const replies = events.filter((e) => e.dir === 'in' && e.t >= op.t && e.t < nextT && (k < last || e.id === op.id));
    const end = replies.length ? /** @type {(typeof replies)[number]} */ (replies[replies.length - 1]).t : op.t;
    add(classify(/** @type {string} */ (op.what)), end - op.t);
    if (k < last) add(GAP_LABEL, nextT - end);
    lastEnd = end;
  }
  return { stages, windowMs: lastEnd - /** @type {(typeof ops)[number]} */ (ops[first]).t };
}
