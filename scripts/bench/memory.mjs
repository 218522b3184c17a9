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
