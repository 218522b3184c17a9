// The Data quality view in the URL (state/quality-url.ts): read back as written, nonsense falls back to defaults.
import { expect, test } from 'vitest';
import { parseQualityView, writeQualityView } from '../../src/lib/state/quality-url';

test('extract, field and threshold round-trip; defaults are left out of the link', () => {
  const view = { extract: 'funding' as const, field: 'contract_end', threshold: 0.75 };
  const params = writeQualityView(new URLSearchParams('fy=2024%2F25'), view);
  expect(params.toString()).toBe('fy=2024%2F25&extract=funding&field=contract_end&min=75');
  expect(parseQualityView(params)).toEqual(view);
  expect(writeQualityView(params, { extract: null, field: null, threshold: 0.9 }).toString()).toBe('fy=2024%2F25');
});

test('unreadable values give the defaults', () => {
  expect(parseQualityView(new URLSearchParams('extract=lookup&field=x;drop&min=101'))).toEqual({ extract: null, field: null, threshold: 0.9 });
});
