/**
 * View benchmark (issue 18: every view answers a change in under 100 ms with 1M or 5M referrals loaded). In a
 * fresh browser context the demo loads, the big referral extract replaces the demo referrals through the app's
 * upload UI, and then on every view each of its controls is changed again and again: each time is measured from
 * the change until the view has finished its queries, every chart it redraws has been drawn (the page counts Plot
 * draws in window.__fairshareDraws) and the browser has painted. Views without a control (the Overview) and the
 * area profile are timed from an in-app link click to the figures drawn. Navigation is always in-app: a reload
 * would start a fresh in-memory database.
 *
 * How many charts a change redraws is learnt from one unmeasured change first (the draws counted once the page
 * has been quiet for a while), so a view that draws nothing on a change (the Map's SVG) is not waited for.
 */

import { openDemoDataPage, replaceUpload } from './replace-upload.mjs';

const LOAD = 15 * 60_000;
/** How long the draw count must stay still for the unmeasured first change to be taken as finished. */
const QUIET_MS = 800;

/**
 * @typedef {{ kind: 'select', name: string, sel: string }
 *   | { kind: 'input', name: string, sel: string, values: string[] }
 *   | { kind: 'area-filter', name: string }
 *   | { kind: 'open', name: string }
 *   | { kind: 'open-area', name: string }} Change
 * @typedef {{ id: string, path: string, ready: string, loading: boolean, changes: Change[] }} View
 */

/** @type {View[]} Views, the element that says when they are drawn, and what is changed on each. */
export const VIEWS = [
  { id: 'overview', path: '/', ready: '[data-testid="key-figures"]', loading: false, changes: [{ kind: 'open', name: 'open the view' }] },
  {
    id: 'map', path: '/map/', ready: '[data-testid="map-view"]', loading: true, changes: [
      { kind: 'select', name: 'measure', sel: '[data-testid="measure-select"]' },
      { kind: 'select', name: 'year', sel: '[data-testid="fy-select"]' },
      { kind: 'input', name: 'need weight', sel: '[data-testid="weight-deprivation"]', values: ['0.6', '0.5'] }
    ]
  },
  { id: 'waiting', path: '/waiting/', ready: '[data-testid="waiting-view"]', loading: true, changes: [{ kind: 'area-filter', name: 'area filter' }] },
  { id: 'capacity', path: '/capacity/', ready: '[data-testid="capacity-view"]', loading: true, changes: [{ kind: 'area-filter', name: 'area filter' }] },
  {
    id: 'equity', path: '/equity/', ready: '[data-testid="equity-view"]', loading: true, changes: [
      { kind: 'select', name: 'year', sel: '[data-testid="fy-select"]' },
      { kind: 'select', name: 'funnel measure', sel: '[data-testid="funnel-select"]' },
      { kind: 'input', name: 'need weight', sel: '[data-testid="weight-deprivation"]', values: ['0.6', '0.5'] }
    ]
  },
  {
    id: 'pathways', path: '/pathways/', ready: '[data-testid="pathways-view"]', loading: true, changes: [
      { kind: 'area-filter', name: 'area filter' },
      { kind: 'select', name: 'outcome', sel: '[data-testid="outcome-select"]' }
    ]
  },
  { id: 'area', path: '/map/', ready: '[data-testid="area-profile"]', loading: true, changes: [{ kind: 'open-area', name: 'open another area' }] }
];

/** @param {number[]} xs */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * In the page: make change number `i` of a kind, and return a description of what the view must show once it
 * has answered (checked by `answered`). Runs in the browser.
 * @param {{ change: Change, i: number, base: string, ready: string, path: string, areas: string[] }} a
 */
function act({ change, i, base, ready, path, areas }) {
  const click = (/** @type {string} */ href) => {
    // A link the app's router takes, as a user's click would be.
    const a = document.createElement('a');
    a.href = href;
    a.textContent = 'bench';
    document.body.append(a);
    a.click();
    a.remove();
  };
  if (change.kind === 'select') {
    const el = /** @type {HTMLSelectElement} */ (document.querySelector(change.sel));
    const values = [...el.options].filter((o) => o.value && !o.disabled).map((o) => o.value);
    const next = values.find((v) => v !== el.value) ?? el.value;
    el.value = next;
    el.dispatchEvent(new Event('change', { bubbles: true }));
    return { ready };
  }
  if (change.kind === 'input') {
    const el = /** @type {HTMLInputElement} */ (document.querySelector(change.sel));
    el.value = change.values[i % change.values.length] === el.value ? change.values[(i + 1) % change.values.length] : change.values[i % change.values.length];
    el.dispatchEvent(new Event('input', { bubbles: true }));
    return { ready };
  }
  if (change.kind === 'area-filter') {
    // Alternately pick one area and clear it: every change re-runs every query of the view.
    const boxes = [...document.querySelectorAll('[data-testid="filter-areas"] input[type="checkbox"]')];
    const on = /** @type {HTMLInputElement | undefined} */ (boxes.find((b) => /** @type {HTMLInputElement} */ (b).checked));
    (on ?? /** @type {HTMLInputElement} */ (boxes[Math.floor(i / 2) % boxes.length])).click();
    return { ready };
  }
  if (change.kind === 'open') {
    click(`${base}${path}`);
    return { ready, path: `${base}${path}` };
  }
  // open-area: the profile of the next area.
  const code = areas[(i + 1) % areas.length];
  click(`${base}/area/?area=${encodeURIComponent(code)}`);
  return { ready: `${ready}[data-code="${code}"]`, path: `${base}/area/` };
}

/**
 * Measure one change in the page: from the change until the view is drawn (`charts` Plot draws, or, when
 * `charts` is null, until the draw count has been still for QUIET_MS) and painted.
 */
async function measureChange(page, { view, change, i, base, charts, areas, timeout }) {
  return page.evaluate(async ({ act, view, change, i, base, charts, areas, timeout, quiet }) => {
    const w = /** @type {any} */ (window);
    const before = w.__fairshareDraws ?? 0;
    // The engine logs each query while this is an array (src/lib/db/engine.ts).
    w.__fairshareTrace = [];
    const t0 = performance.now();
    // eslint-disable-next-line no-new-func
    const target = new Function(`return (${act})`)()({ change, i, base, ready: view.ready, path: view.path, areas });
    let lastDraws = before;
    let stillSince = performance.now();
    /** @type {number | null} */
    let loadedAt = null;
    await new Promise((resolve, reject) => {
      const give = setTimeout(() => reject(new Error(`${view.id}: ${change.name} did not redraw`)), timeout);
      const check = () => {
        const draws = w.__fairshareDraws ?? 0;
        if (draws !== lastDraws) {
          lastDraws = draws;
          stillSince = performance.now();
        }
        const el = document.querySelector(target.ready);
        const there = el && (!target.path || location.pathname === new URL(target.path, location.href).pathname);
        const loaded = there && (!view.loading || el.getAttribute('data-loading') === 'false');
        if (loaded && loadedAt === null) loadedAt = performance.now();
        const drawn = charts === null ? performance.now() - stillSince >= quiet : draws >= before + charts;
        if (loaded && drawn) {
          clearTimeout(give);
          resolve(undefined);
        } else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
    // The frame after the last draw has been painted.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    // Learning the draw count waits for the page to stay still a while: then the time is to the view loaded and
    // its last draw (the frame after it not included).
    const total = charts === null ? Math.max(loadedAt ?? t0, stillSince) - t0 : performance.now() - t0;
    /** @type {{ sql: string, start: number, ms: number }[]} */
    const queries = w.__fairshareTrace;
    w.__fairshareTrace = undefined;
    const lastEnd = Math.max(t0, ...queries.map((q) => q.start + q.ms));
    return { total, draws: (w.__fairshareDraws ?? 0) - before, queriesDone: lastEnd - t0, queryMs: queries.reduce((a, q) => a + q.ms, 0), queries };
  }, { act: act.toString(), view, change, i, base, charts, areas, timeout, quiet: QUIET_MS });
}

/** In-app navigation to a view's page, waiting until it is drawn. */
async function goTo(page, base, view, areas) {
  const href = view.id === 'area' ? `${base}/area/?area=${encodeURIComponent(areas[0])}` : `${base}${view.path}`;
  await page.evaluate((h) => {
    const a = document.createElement('a');
    a.href = h;
    document.body.append(a);
    a.click();
    a.remove();
  }, href);
  const sel = view.id === 'area' ? `${view.ready}[data-code="${areas[0]}"]` : view.ready;
  await page.locator(view.loading ? `${sel}[data-loading="false"]` : sel).waitFor({ timeout: LOAD });
}

/**
 * Load `file` over the demo's referrals, then time every view's changes.
 * @param {import('playwright-core').Browser} browser
 * @param {{ base: string, file: string, repeats: number, only?: string[], log: (m: string) => void }} o
 *   only: the ids of the views to time (all when empty); for working on one view, not for the figures.
 */
export async function measureViews(browser, { base, file, repeats, only = [], log }) {
  const unknown = only.filter((id) => !VIEWS.some((v) => v.id === id));
  if (unknown.length) throw new Error(`--views: no view ${unknown.join(', ')} (views: ${VIEWS.map((v) => v.id).join(', ')})`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await openDemoDataPage(context, base);
    // The engine logs each statement while this is an array: the summary tables' rebuild is one of them.
    await page.evaluate(() => { /** @type {any} */ (window).__fairshareTrace = []; });
    const { loadMs } = await replaceUpload(page, file);
    const [{ n, engineBytes }] = await page.evaluate(() => /** @type {any} */ (window).__fairshare.query(
      'SELECT count(*)::INTEGER AS n, (SELECT sum(memory_usage_bytes)::DOUBLE FROM duckdb_memory()) AS engineBytes FROM referrals'));
    // The summary tables (src/lib/db/sql/aggregates.ts): how long their rebuild took after the load, and their rows.
    const summaries = await page.evaluate(async () => {
      const w = /** @type {any} */ (window);
      const trace = /** @type {{ sql: string, ms: number }[]} */ (w.__fairshareTrace ?? []);
      w.__fairshareTrace = undefined;
      const build = trace.filter((q) => q.sql.startsWith('CREATE OR REPLACE TABLE _fs_agg_'));
      const rows = await w.__fairshare.query(`SELECT table_name, estimated_size::BIGINT AS n FROM duckdb_tables() WHERE starts_with(table_name, '_fs_agg_') ORDER BY table_name`);
      return { buildMs: build.reduce((a, q) => a + q.ms, 0), tables: Object.fromEntries(rows.map((/** @type {any} */ r) => [r.table_name, Number(r.n)])) };
    });
    const summaryRows = Object.values(summaries.tables).reduce((a, b) => a + b, 0);
    log(`views: summary tables rebuilt in ${Math.round(summaries.buildMs)} ms after the load; ${summaryRows.toLocaleString('en-GB')} rows in all against ${n.toLocaleString('en-GB')} referrals (${Object.entries(summaries.tables).map(([t, r]) => `${t.replace('_fs_agg_', '')} ${r.toLocaleString('en-GB')}`).join(', ')})`);
    const areas = (await page.evaluate(() => /** @type {any} */ (window).__fairshare.query(
      'SELECT area_code FROM area_population ORDER BY area_code LIMIT 4'
    ))).map((/** @type {{ area_code: string }} */ r) => r.area_code);
    log(`views: ${n.toLocaleString('en-GB')} referrals loaded over the demo's other tables (${Math.round(loadMs / 100) / 10} s from choosing the file)`);

    /** @type {{ view: string, change: string, medianMs: number, runsMs: number[], charts: number | null, firstMs: number, queriesDoneMs: number, queryMs: number, queries: number }[]} */
    const out = [];
    for (const view of VIEWS.filter((v) => !only.length || only.includes(v.id))) {
      // A view timed as it opens is not opened first: its first (unmeasured) opening is then its first since the load.
      if (view.changes[0]?.kind !== 'open') await goTo(page, base, view, areas);
      for (const change of view.changes) {
        if (change.kind === 'open') {
          // Leave for another view first, each time (not measured).
          await goTo(page, base, VIEWS[1], areas);
        }
        // One unmeasured change: warms the view's statements and learns how many charts it redraws.
        const first = await measureChange(page, { view, change, i: 0, base, charts: null, areas, timeout: LOAD });
        const charts = first.draws;
        const runs = [];
        const traces = [];
        for (let i = 1; i <= repeats; i++) {
          if (change.kind === 'open') await goTo(page, base, VIEWS[1], areas);
          await page.waitForTimeout(200);
          const run = await measureChange(page, { view, change, i, base, charts, areas, timeout: LOAD });
          runs.push(run.total);
          traces.push(run);
        }
        const row = {
          view: view.id, change: change.name, medianMs: median(runs), runsMs: runs, charts,
          // The unmeasured first change: for a view that keeps what it asked per version of the data (the Overview), the only one that asks.
          firstMs: first.total,
          queriesDoneMs: median(traces.map((t) => t.queriesDone)), queryMs: median(traces.map((t) => t.queryMs)), queries: traces[0]?.queries.length ?? 0,
          slowest: traces[0]?.queries.slice().sort((a, b) => b.ms - a.ms).slice(0, 3).map((q) => ({ ms: Math.round(q.ms), sql: q.sql.replace(/\s+/g, ' ').slice(0, 160) })) ?? []
        };
        out.push(row);
        log(`views: ${view.id}, ${change.name} (${charts} charts): median ${Math.round(row.medianMs)} ms of ${runs.map((r) => Math.round(r)).join(', ')}; the first change ${Math.round(row.firstMs)} ms; queries ${Math.round(row.queryMs)} ms in ${row.queries}`);
      }
    }
    return { rows: n, loadMs, engineBytes, summaries, views: out };
  } finally {
    await context.close().catch(() => undefined);
  }
}
