/**
 * Seeded randomness for the demo generator. Why not Math.random: the demo files
 * must be byte-identical for the same seed (reproducible screenshots, tests and
 * diffs), so every random draw comes from mulberry32, a tiny 32-bit PRNG that is
 * plenty for synthetic data.
 */

/**
 * FNV-1a hash, to turn any seed (number or text) plus a stream name into 32 bits.
 * @param {string} text
 */
function hash32(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** @param {number} a 32-bit state */
function mulberry32(a) {
  return function next() {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @typedef {ReturnType<typeof createRng>} Rng
 */

/**
 * A random stream. Each table gets its own named stream (createRng(seed, 'funding')),
 * so changing how one table is generated does not reshuffle the others.
 * @param {number | string} seed
 * @param {string} [stream]
 */
export function createRng(seed, stream = '') {
  const next = mulberry32(hash32(`${seed}/${stream}`));
  const rng = {
    next,
    /** uniform in [a, b) */
    uniform: (/** @type {number} */ a, /** @type {number} */ b) => a + (b - a) * next(),
    /** integer in [a, b] */
    int: (/** @type {number} */ a, /** @type {number} */ b) => a + Math.floor(next() * (b - a + 1)),
    chance: (/** @type {number} */ p) => next() < p,
    /**
     * @template T
     * @param {readonly T[]} items
     * @returns {T}
     */
    pick: (items) => /** @type {T} */ (items[Math.floor(next() * items.length)]),
    /**
     * @template T
     * @param {readonly T[]} items
     * @param {readonly number[]} weights
     * @returns {T}
     */
    weighted(items, weights) {
      let total = 0;
      for (const w of weights) total += w;
      let u = next() * total;
      for (let i = 0; i < items.length; i++) {
        u -= /** @type {number} */ (weights[i]);
        if (u < 0) return /** @type {T} */ (items[i]);
      }
      return /** @type {T} */ (items[items.length - 1]);
    },
    /**
     * A shuffled copy (Fisher–Yates).
     * @template T
     * @param {readonly T[]} items
     * @returns {T[]}
     */
    shuffle(items) {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [/** @type {T} */ (out[j]), /** @type {T} */ (out[i])];
      }
      return out;
    },
    /** normal via Box–Muller */
    normal(mean = 0, sd = 1) {
      const u = 1 - next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    /** multiplicative noise with median 1 */
    lognormal: (/** @type {number} */ sigma) => Math.exp(rng.normal(0, sigma))
  };
  return rng;
}

/** @param {number} x @param {number} lo @param {number} hi */
export const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));

/** @param {number} x @param {number} decimals */
export const round = (x, decimals = 0) => {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
};
