/**
 * SIIs computed in a worker (sii.worker.ts), started on first use. Where there is no Worker (the unit
 * tests' node) or the worker fails, the SII is computed here instead: the answer is the same either way (the
 * simulation is seeded).
 */
import { sii, type SiiOptions, type SiiQuantile, type SiiResult } from '../domain/stats/sii';
import { siiAsk, siiOutcome, type GradientRow, type SiiMeasure, type SiiOutcome } from '../domain/equity/gradient';

let worker: Worker | null = null;
let failed = false;
let next = 0;
const waiting = new Map<number, { resolve: (r: SiiResult | null) => void; quantiles: SiiQuantile[]; options: SiiOptions }>();

function start(): Worker | null {
  if (worker || failed || typeof Worker === 'undefined') return worker;
  try {
    worker = new Worker(new URL('./sii.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ id: number; result: SiiResult | null }>) => {
      waiting.get(e.data.id)?.resolve(e.data.result);
      waiting.delete(e.data.id);
    };
    worker.onerror = () => {
      // Every SII still asked is computed here, and so is every later one.
      failed = true;
      worker?.terminate();
      worker = null;
      for (const w of waiting.values()) w.resolve(sii(w.quantiles, w.options));
      waiting.clear();
    };
  } catch {
    failed = true;
    worker = null;
  }
  return worker;
}

function siiOffPage(quantiles: SiiQuantile[], options: SiiOptions): Promise<SiiResult | null> {
  const w = start();
  if (!w) return Promise.resolve(sii(quantiles, options));
  return new Promise((resolve) => {
    const id = ++next;
    waiting.set(id, { resolve, quantiles, options });
    w.postMessage({ id, quantiles, options });
  });
}

/** gradientSii (domain/equity/gradient.ts), its simulation off the page. */
export async function gradientSiiOffPage(rows: readonly GradientRow[], measure: SiiMeasure): Promise<SiiOutcome> {
  const ask = siiAsk(rows, measure);
  return siiOutcome(ask, 'outcome' in ask ? null : await siiOffPage(ask.quantiles, ask.options));
}
