import { describe, expect, it } from 'vitest';
import { isNear } from '../../src/lib/charts/draw-scheduler';

// A 900 px window: a chart counts as on screen within a quarter of the window (225 px) above or below it.
describe('isNear: which charts are drawn at once', () => {
  it('takes a chart inside the window', () => {
    expect(isNear({ top: 100, bottom: 400 }, 900)).toBe(true);
  });
  it('takes a chart that starts just below the window, within the margin', () => {
    expect(isNear({ top: 1125, bottom: 1500 }, 900)).toBe(true);
    expect(isNear({ top: 1126, bottom: 1500 }, 900)).toBe(false);
  });
  it('takes a chart that ends just above the window, within the margin', () => {
    expect(isNear({ top: -700, bottom: -225 }, 900)).toBe(true);
    expect(isNear({ top: -700, bottom: -226 }, 900)).toBe(false);
  });
  it('takes a chart taller than the window that spans it', () => {
    expect(isNear({ top: -2000, bottom: 3000 }, 900)).toBe(true);
  });
});
