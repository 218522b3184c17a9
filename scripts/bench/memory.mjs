/**
 * Memory of the whole browser: the sum of resident set sizes (RSS) of the browser process and
 * all its descendants (renderers, the GPU/utility processes, and the page's DuckDB worker,
 * which lives in the renderer), read from /proc.
 *
 * Why RSS of the tree and not only the page's JS heap: DuckDB-wasm keeps its tables in
 * WebAssembly memory inside a Web Worker, and the uploaded file sits in ArrayBuffers; neither
 * shows up in the page's JS heap, but both show up here. The sum over-counts pages shared
 * between processes (shared libraries, shared memory), so read it as "what the OS has given
 * the browser", an upper bound, compared between runs on the same machine.
 *
 * Linux only: elsewhere these functions return null and the report says n/a.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/**
 * pid -> parent pid for every process we may read.
 * @returns {Map<number, number>}
 */
function parentMap() {
  /** @type {Map<number, number>} */
  const parents = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(rest[1]));
    } catch {
      // The process ended while we listed /proc.
    }
  }
  return parents;
}

/**
 * Sum of VmRSS over the descendants of `rootPid` (not `rootPid` itself), in bytes; null when
 * /proc is unavailable. Called with this Node process's pid: playwright-core launches the
 * browser as our direct child and exposes no pid for it, and the benchmark starts no other
 * children, so our descendants are exactly the browser's processes.
 * @param {number} rootPid
 * @returns {number | null}
 */
export function treeRssBytes(rootPid = process.pid) {
  if (!existsSync('/proc/self/status')) return null;
  const parents = parentMap();
  /** @type {Map<number, number[]>} */
  const children = new Map();
  for (const [pid, ppid] of parents) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(/** @type {number} */ (tree[i])) ?? []));
  let total = 0;
  for (const pid of tree.slice(1)) {
    try {
      const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      // Gone already.
    }
  }
  return total;
}

/**
 * Samples the tree's RSS every `everyMs` until stopped, to catch the peak during a load (the
 * moment a large upload is most likely to kill the tab), not just the level afterwards.
 * @param {number} [rootPid]
 * @param {number} [everyMs]
 */
export function rssSampler(rootPid = process.pid, everyMs = 200) {
  let peak = treeRssBytes(rootPid);
  const timer = setInterval(() => {
    const now = treeRssBytes(rootPid);
    if (now !== null && (peak === null || now > peak)) peak = now;
  }, everyMs);
  return {
    /** @returns {number | null} peak bytes */
    stop() {
      clearInterval(timer);
      const now = treeRssBytes(rootPid);
      if (now !== null && (peak === null || now > peak)) peak = now;
      return peak;
    }
  };
}

/**
 * CPU used by everything else on the machine, to tell a slow figure from a busy machine.
 * Why: the benchmark runs single-threaded DuckDB-wasm and papaparse, so another process
 * taking a core (a test run, a build) slows every figure, and on a 2-core machine badly.
 * A snapshot is the machine's busy time (/proc/stat) and the time used by this process
 * tree (node + browser); `otherCores(a, b)` is the average number of cores the rest of the
 * machine kept busy between two snapshots. Linux only (null elsewhere). Assumes USER_HZ = 100,
 * which is what Linux reports to user space on every common architecture.
 * @param {number} [rootPid]
 * @returns {{ t: number, busy: number, ours: number } | null}
 */
export function cpuSnapshot(rootPid = process.pid) {
  if (!existsSync('/proc/stat')) return null;
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
    // user nice system idle iowait irq softirq steal: busy = all but idle and iowait.
    const busy = cpu.slice(0, 8).reduce((s, x, i) => (i === 3 || i === 4 ? s : s + x), 0);
    const parents = parentMap();
    /** @type {Map<number, number[]>} */
    const children = new Map();
    for (const [pid, ppid] of parents) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    const tree = [rootPid];
    for (let i = 0; i < tree.length; i++) tree.push(...(children.get(/** @type {number} */ (tree[i])) ?? []));
    let ours = 0;
    for (const pid of tree) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // utime, stime, cutime, cstime (fields 14-17): the last two hold the time of children
        // already exited and reaped (closed pages' renderers), which would otherwise vanish
        // from our total and be counted as someone else's.
        ours += Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14]);
      } catch {
        // Gone.
      }
    }
    return { t: performance.now(), busy, ours };
  } catch {
    return null;
  }
}

/**
 * @param {{ t: number, busy: number, ours: number } | null} a
 * @param {{ t: number, busy: number, ours: number } | null} b
 * @returns {number | null} average cores kept busy by other processes between a and b
 */
export function otherCores(a, b) {
  if (!a || !b || b.t <= a.t) return null;
  return Math.max(0, (b.busy - a.busy - (b.ours - a.ours)) / 100 / ((b.t - a.t) / 1000));
}
