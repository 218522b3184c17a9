/**
 * The SII's simulation (domain/stats/sii.ts: 10⁵ repetitions, ~15 ms for a rate) off the page's thread, so Equity
 * computes it while the engine answers the year's other queries (sii-client.ts). Pure arithmetic: it reads
 * nothing and sends nothing but the answer.
 */
import { sii, type SiiOptions, type SiiQuantile } from '../domain/stats/sii';

self.onmessage = (e: MessageEvent<{ id: number; quantiles: SiiQuantile[]; options: SiiOptions }>) => {
  const { id, quantiles, options } = e.data;
  self.postMessage({ id, result: sii(quantiles, options) });
};
