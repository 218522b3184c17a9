/**
 * Referral extracts for the ingest benchmark: 100k to a few million rows in the canonical
 * referrals layout, written to bench-data/ (gitignored).
 *
 * Why not reuse the demo generator (scripts/demo): it derives volumes from a per-area story
 * and holds every row in memory as an object before sorting, which is right for a 90k-row
 * demo but slow and memory-hungry at 1M+. Here the same vocabularies, date range and status
 * logic are generated in one streaming pass, from the same seeded PRNG, so a file is
 * byte-identical for the same seed, size and variant, and the benchmark always measures the
 * same bytes on every machine.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { DATA_END, DATA_START, iso } from '../demo/dates.mjs';
import { clamp, createRng } from '../demo/random.mjs';

/** Bump when the output changes, so stale files in bench-data/ are regenerated, not reused. */
export const GENERATOR_VERSION = 1;
export const DEFAULT_SEED = 20250331;

export const REFERRAL_COLUMNS = [
  'referral_id', 'referral_date', 'area_code', 'referral_source', 'age_band', 'sex', 'ethnic_group',
  'imd_decile', 'service_category', 'provider_id', 'status', 'first_contact_date', 'end_date',
  'wellbeing_pre', 'wellbeing_post'
];

const SOURCES = ['GP', 'self', 'social care', 'hospital', 'VCSE', 'other'];
const SOURCE_WEIGHTS = [55, 12, 8, 7, 12, 6];
const AGE_BANDS = ['0-17', '18-29', '30-44', '45-64', '65-74', '75+'];
const AGE_WEIGHTS = [4, 12, 18, 30, 18, 18];
const SEXES = ['F', 'M', 'other', ''];
const SEX_WEIGHTS = [58, 39.5, 0.5, 2];
const ETHNIC_GROUPS = ['White', 'Asian or Asian British', 'Black, Black British, Caribbean or African', 'Mixed or Multiple ethnic groups', 'Other ethnic group', ''];
const ETHNIC_WEIGHTS = [74, 9, 4, 3, 3, 7];
// The demo's categories (scripts/demo/providers.mjs), copied with their weights so a change to
// the demo's provider model cannot silently change (or break) the benchmark's files.
const SERVICE_CATEGORIES = ['arts and culture', 'physical activity', 'green and nature', 'advice (debt, housing, benefits)',
  'mental wellbeing', 'social groups and befriending', 'children and young people', 'employment and skills'];
const CATEGORY_WEIGHTS = [7, 8, 6, 7, 28, 32, 2, 5];
const PATHS = ['declined', 'dna', 'withdrawn', 'engaged'];
const PATH_WEIGHTS = [6, 9, 6, 79];
const PROVIDERS = 600;

/**
 * @typedef {'iso' | 'uk'} Variant
 * iso: yyyy-mm-dd dates, \n line ends: the clean export a data team would produce.
 * uk:  the same rows as a spreadsheet would save them: dd/mm/yyyy dates and \r\n line ends.
 */

/** @param {number} dayNumber @param {Variant} variant */
function formatDate(dayNumber, variant) {
  const s = iso(dayNumber);
  return variant === 'uk' ? `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}` : s;
}

/** RFC 4180 quoting, only where a value needs it (a few categories contain commas). */
const field = (/** @type {string} */ v) => (v.includes(',') || v.includes('"') ? `"${v.replaceAll('"', '""')}"` : v);

/**
 * Area codes of the demo's population extract (the bench replaces the demo's referrals and keeps its
 * population, so every generated referral falls in an area with a population), each with a fixed random
 * weight so volumes differ by area as they do in real extracts (and grouped queries have uneven groups).
 * @param {string} root repository root
 * @param {import('../demo/random.mjs').Rng} rng
 */
function readAreas(root, rng) {
  const file = path.join(root, 'static/data/demo/population.csv');
  if (!existsSync(file)) throw new Error(`${file} not found: run \`npm run data\` first`);
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const codeAt = (lines[0] ?? '').split(',').indexOf('area_code');
  if (codeAt < 0) throw new Error(`${file} has no "area_code" column`);
  // Codes are GSS codes (no commas or quotes), so splitting the line is safe for this column.
  const codes = lines.slice(1).map((l) => /** @type {string} */ (l.split(',')[codeAt]));
  return { codes, weights: codes.map(() => 0.3 + rng.next() * 1.7) };
}

/**
 * Referral days for `rows` referrals, ascending (a real extract is in date order and numbered
 * that way). Demand grows ~15% a year, so later days are a little busier.
 * @param {number} rows
 * @param {import('../demo/random.mjs').Rng} rng
 */
function referralDays(rows, rng) {
  const span = DATA_END - DATA_START + 1;
  const days = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    // Inverse-CDF of a density rising linearly by 45% over the three years.
    const u = rng.next();
    const g = 0.45;
    const x = (-1 + Math.sqrt(1 + 2 * g * u + g * g * u)) / g; // solves x + g x^2 / 2 = u (1 + g / 2)
    days[i] = DATA_START + Math.min(span - 1, Math.floor(clamp(x, 0, 1) * span));
  }
  return days.sort();
}

/**
 * One referral's outcome, cut off at DATA_END so statuses agree with the dates (as in
 * scripts/demo/referrals.mjs): nothing ends after the extract date, open referrals are
 * `waiting` (no contact yet) or `accepted` (in progress, no end date).
 * @param {number} referred
 * @param {import('../demo/random.mjs').Rng} rng
 * @returns {{ status: string, contact: number | null, end: number | null }}
 */
function outcome(referred, rng) {
  const contact = referred + Math.max(1, Math.round(28 * Math.exp(rng.normal(0, 0.5))));
  const route = rng.weighted(PATHS, PATH_WEIGHTS);
  const ifBefore = (/** @type {number} */ end, /** @type {string} */ status) =>
    end <= DATA_END ? { status, contact: null, end } : { status: 'waiting', contact: null, end: null };
  if (route === 'declined') return ifBefore(referred + rng.int(1, 21), 'declined');
  if (route === 'dna') return ifBefore(contact + rng.int(0, 28), 'dna');
  if (route === 'withdrawn' && rng.chance(0.4)) return ifBefore(referred + rng.int(1, Math.max(1, contact - referred)), 'withdrawn');
  if (contact > DATA_END) return { status: 'waiting', contact: null, end: null };
  const end = contact + (route === 'withdrawn' ? rng.int(7, 60) : rng.int(28, 120));
  if (end > DATA_END) return { status: 'accepted', contact, end: null };
  return { status: route === 'withdrawn' ? 'withdrawn' : 'completed', contact, end };
}

/**
 * Writes `rows` referrals to `file` in one pass, buffering ~1 MB of text per write so a
 * 1M-row file needs only a few MB of memory besides the sorted day numbers.
 * @param {{ root: string, file: string, rows: number, variant: Variant, seed: number }} o
 * @returns {{ bytes: number }}
 */
function writeReferrals({ root, file, rows, variant, seed }) {
  const rng = createRng(seed, `bench-referrals-${rows}`);
  const areas = readAreas(root, createRng(seed, 'bench-areas'));
  const days = referralDays(rows, rng);
  const eol = variant === 'uk' ? '\r\n' : '\n';
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w');
  let bytes = 0;
  let buf = REFERRAL_COLUMNS.join(',') + eol;
  try {
    for (let i = 0; i < rows; i++) {
      const referred = /** @type {number} */ (days[i]);
      const { status, contact, end } = outcome(referred, rng);
      const scored = status === 'completed' && rng.chance(0.6);
      const pre = scored ? clamp(Math.round(rng.normal(40, 8)), 14, 70) : null;
      const post = pre === null ? null : clamp(Math.round(pre + rng.normal(4.5, 5.5)), 14, 70);
      const decile = rng.chance(0.08) ? '' : String(clamp(Math.round(rng.normal(4.5, 2.6)), 1, 10));
      const provider = `P${String(1 + Math.floor(rng.next() * PROVIDERS)).padStart(4, '0')}`;
      buf += [
        `R${String(i + 1).padStart(7, '0')}`,
        formatDate(referred, variant),
        rng.weighted(areas.codes, areas.weights),
        rng.weighted(SOURCES, SOURCE_WEIGHTS),
        rng.weighted(AGE_BANDS, AGE_WEIGHTS),
        rng.weighted(SEXES, SEX_WEIGHTS),
        field(rng.weighted(ETHNIC_GROUPS, ETHNIC_WEIGHTS)),
        decile,
        field(rng.weighted(SERVICE_CATEGORIES, CATEGORY_WEIGHTS)),
        status === 'declined' ? '' : provider,
        status,
        contact === null ? '' : formatDate(contact, variant),
        end === null ? '' : formatDate(end, variant),
        pre === null ? '' : String(pre),
        post === null ? '' : String(post)
      ].join(',') + eol;
      if (buf.length > 1 << 20) {
        bytes += writeSync(fd, buf);
        buf = '';
      }
    }
    bytes += writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
  // Rename last: an interrupted run never leaves a truncated file that looks reusable.
  renameSync(tmp, file);
  return { bytes };
}

/**
 * A fingerprint of everything the output depends on outside this file: the area codes, the
 * demo's date range and its PRNG. Why: those live in shared modules that others edit, and a
 * change there must regenerate the files rather than reuse bytes the code no longer makes.
 * @param {string} root
 * @param {number} seed
 */
function inputsFingerprint(root, seed) {
  const rng = createRng(seed, 'bench-fingerprint');
  const sample = Array.from({ length: 8 }, () => rng.next().toFixed(12));
  const text = JSON.stringify([readAreas(root, createRng(seed, 'bench-areas')), DATA_START, DATA_END, iso(DATA_START), sample, rng.normal(0, 1)]);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The extract for `rows` rows and `variant`, generated only when missing or stale. Reuse is
 * decided by a small sidecar (.meta.json) that records the generator version, a fingerprint of
 * its inputs, seed, row count and byte size, so a file from an older generator, from other
 * inputs, or a half-written file is never measured.
 * @param {{ root: string, dir: string, rows: number, variant?: Variant, seed?: number, log?: (msg: string) => void }} o
 * @returns {{ file: string, rows: number, bytes: number, variant: Variant, reused: boolean }}
 */
export function ensureReferralExtract({ root, dir, rows, variant = 'iso', seed = DEFAULT_SEED, log = () => {} }) {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `referrals-${variant}-${rows}.csv`);
  const metaFile = `${file}.meta.json`;
  const want = { generator: GENERATOR_VERSION, inputs: inputsFingerprint(root, seed), seed, rows, variant };
  if (existsSync(file) && existsSync(metaFile)) {
    try {
      const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
      const same = Object.entries(want).every(([k, v]) => meta[k] === v);
      if (same && statSync(file).size === meta.bytes) return { file, rows, bytes: meta.bytes, variant, reused: true };
    } catch {
      // Unreadable sidecar: regenerate below.
    }
  }
  const started = performance.now();
  const { bytes } = writeReferrals({ root, file, rows, variant, seed });
  writeFileSync(metaFile, JSON.stringify({ ...want, bytes }, null, 2) + '\n');
  log(`generated ${path.relative(root, file)}: ${rows.toLocaleString('en-GB')} rows, ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { file, rows, bytes, variant, reused: false };
}
