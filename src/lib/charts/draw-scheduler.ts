/**
 * When a chart is drawn. Drawing a Plot chart costs 30–50 ms on a 2-core machine, and Equity and Capacity hold
 * nine charts each: drawing them all after a filter change kept the page busy for about 370 ms, though a reader
 * sees two or three at a time. So a chart on (or near) the screen is drawn at once; one further down the page is
 * drawn a little later, one per task while the page is idle (so a click or a key between two of them is answered),
 * or at once if it is scrolled to first, or before the page is printed. Every chart is drawn within moments: the
 * deferral changes when, never whether. Exports never read the page (they are made from the chart's spec).
 */

/** How far beyond the window a chart still counts as on screen, as a share of the window's height. */
const NEAR = 0.25;

interface Pending {
  host: Element;
  draw: () => void;
}

const queue: Pending[] = [];
let observer: IntersectionObserver | null = null;
let draining = false;

/** Counted for `npm run bench` (scripts/bench/views.mjs): draws made at once, and draws still to make. */
interface DrawCounters {
  __fairshareScreenDraws?: number;
  __fairsharePendingDraws?: number;
}
const counters = () => window as unknown as DrawCounters;
const setPending = () => {
  counters().__fairsharePendingDraws = queue.length;
};

/** Whether the element is within the window or NEAR of its height beyond it (pure, for the unit tests). */
export function isNear(rect: { top: number; bottom: number }, viewportHeight: number): boolean {
  const margin = viewportHeight * NEAR;
  return rect.bottom >= -margin && rect.top <= viewportHeight + margin;
}

function take(p: Pending): void {
  const i = queue.indexOf(p);
  if (i < 0) return;
  queue.splice(i, 1);
  observer?.unobserve(p.host);
  setPending();
  p.draw();
}

function ensureObserver(): IntersectionObserver | null {
  if (observer || typeof IntersectionObserver === 'undefined') return observer;
  observer = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue;
        const p = queue.find((q) => q.host === e.target);
        if (p) take(p);
      }
    },
    { rootMargin: `${NEAR * 100}% 0px` }
  );
  addEventListener('beforeprint', () => {
    while (queue.length) take(queue[0]!);
  });
  return observer;
}

const idle = (f: () => void) =>
  typeof requestIdleCallback === 'function' ? requestIdleCallback(f, { timeout: 200 }) : setTimeout(f, 16);

/** Draw the next waiting chart, then yield to the page before the one after. */
function drain(): void {
  if (draining) return;
  draining = true;
  idle(() => {
    draining = false;
    const next = queue[0];
    if (!next) return;
    take(next);
    if (queue.length) drain();
  });
}

/**
 * Draw now if `host` is on screen, else soon. Returns a cancel function (for the effect's teardown: new options
 * replace a draw still waiting).
 */
export function scheduleDraw(host: Element, draw: () => void): () => void {
  if (!host.isConnected || isNear(host.getBoundingClientRect(), innerHeight) || !ensureObserver()) {
    draw();
    counters().__fairshareScreenDraws = (counters().__fairshareScreenDraws ?? 0) + 1;
    return () => undefined;
  }
  const p: Pending = { host, draw };
  queue.push(p);
  observer!.observe(host);
  setPending();
  drain();
  return () => {
    const i = queue.indexOf(p);
    if (i < 0) return;
    queue.splice(i, 1);
    observer?.unobserve(host);
    setPending();
  };
}
