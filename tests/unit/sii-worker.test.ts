// The SII computed off the page (workers/sii-client.ts) is the SII computed on it: without a Worker (node) it falls
// back to the same function, and the split of gradientSii into its inputs and its outcome changes nothing.
import { expect, test } from 'vitest';
import { gradientSii, type GradientRow } from '../../src/lib/domain/equity/gradient';
import { gradientSiiOffPage } from '../../src/lib/workers/sii-client';

const row = (quantile: number, rate: number | null, funding: number | null): GradientRow => ({
  quantile, areas: 2, population: 10_000 + quantile * 500, referrals: 100 + quantile * 7,
  rate, rateLower: rate === null ? null : rate * 0.9, rateUpper: rate === null ? null : rate * 1.1,
  funding: funding === null ? null : funding * 10_000, fundingPerHead: funding, fundingSe: funding === null ? null : 0.8,
  firstContacts: 50, medianWait: 20
});

test('off the page the SII is the same as on it, for rates, amounts and too few groups', async () => {
  const rows = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((q) => row(q, 10 + q * 1.5, 30 - q));
  for (const m of ['referral_rate', 'funding_per_head'] as const) {
    const here = gradientSii(rows, m);
    expect(here.status).toBe('ok');
    expect(await gradientSiiOffPage(rows, m)).toEqual(here);
  }
  expect(await gradientSiiOffPage(rows.slice(0, 4), 'referral_rate')).toEqual({ status: 'too-few', groups: 4 });
  expect(await gradientSiiOffPage([...rows.slice(0, 9), row(10, null, 20)], 'referral_rate')).toEqual({ status: 'no-data' });
});
