/**
 * Seeded pseudo-random numbers, so that simulated confidence limits (the SII's) come out the same on every run,
 * in every browser and in tests. Math.random cannot be seeded, and a board paper must not change on reload.
 *
 * - Uniforms: mulberry32 (Tommy Ettinger's 32-bit generator): one 32-bit state, period 2³², passes the usual
 *   statistical batteries well enough for Monte Carlo confidence limits, and is a few lines.
 * - Normals: Box–Muller, z = √(−2 ln u₁) cos(2π u₂), keeping the sine partner for the next call.
 *
 * Not for anything secret: it is predictable by design.
 */

/** Uniform numbers in [0, 1) from a 32-bit seed (any number; it is truncated to 32 bits). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal numbers (mean 0, sd 1) from a uniform source, by Box–Muller in pairs. */
export function normalFrom(uniform: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const z = spare;
      spare = null;
      return z;
    }
    // 1 − u lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

/** Standard normal numbers from a seed: the same seed gives the same sequence. */
export function seededNormal(seed: number): () => number {
  return normalFrom(mulberry32(seed));
}
