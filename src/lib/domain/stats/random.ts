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

/**
 * Fill `out` with the numbers seededNormal(seed) gives, in the same order and by the same arithmetic, without a
 * function call per number: the SII's simulation draws a million of them, and the calls took over half its time.
 */
export function fillSeededNormals(seed: number, out: Float64Array): void {
  let state = seed >>> 0;
  const n = out.length;
  let i = 0;
  while (i < n) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u1 = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    state = (state + 0x6d2b79f5) >>> 0;
    t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u2 = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    const radius = Math.sqrt(-2 * Math.log(1 - u1));
    const angle = 2 * Math.PI * u2;
    out[i++] = radius * Math.cos(angle);
    if (i < n) out[i++] = radius * Math.sin(angle);
  }
}

/** The most normals kept between calls (16 MB): 10⁵ repetitions of up to 20 quantiles. */
const KEEP_NORMALS = 2_000_000;
let kept: { seed: number; z: Float64Array } | null = null;

/**
 * The first `n` numbers of seededNormal(seed), to be read, not written: the last run's are kept, and a shorter run
 * with the same seed reads the start of them (the sequence does not depend on its length). Every SII the app shows
 * uses one seed and 10⁵ repetitions, so the draws are made once a session, not on every change of year.
 */
export function seededNormals(seed: number, n: number): Float64Array {
  const s = seed >>> 0;
  if (kept && kept.seed === s && kept.z.length >= n) return kept.z.subarray(0, n);
  const z = new Float64Array(n);
  fillSeededNormals(s, z);
  if (n <= KEEP_NORMALS) kept = { seed: s, z };
  return z;
}
