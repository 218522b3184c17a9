/**
 * The demo tables as Arrow IPC streams, the form the app loads fastest: DuckDB takes the columns as they are
 * (no text to parse), and a text column of few values is dictionary-encoded, so the referrals file is about
 * a third of its CSV. The app casts each column to its canonical type as it makes the table
 * (db/sql/ingest/commit.ts arrowLoadSql), so the types here need only hold the values exactly:
 * ISO dates as days, whole numbers in the narrowest integer that holds them, other numbers as doubles (money
 * has at most two decimals, which a double holds closer than the DECIMAL(18, 2) it is cast to rounds), text as
 * UTF-8. Columns are built from typed arrays (makeData), not value by value: 300,000 rows take well under a second.
 */
import { DateDay, Dictionary, Float64, Int8, Int16, Int32, Table, Utf8, makeData, makeVector, tableToIPC, vectorFromArray } from 'apache-arrow';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/**
 * @param {readonly string[]} columns
 * @param {readonly Record<string, unknown>[]} rows
 * @returns {Uint8Array} an Arrow IPC stream
 */
export function toArrowStream(columns, rows) {
  /** @type {Record<string, import('apache-arrow').Vector>} */
  const vectors = {};
  for (const c of columns) {
    const values = rows.map((r) => (r[c] === undefined || r[c] === '' ? null : r[c]));
    const present = values.filter((v) => v !== null);
    const { bitmap, nulls } = validity(values);
    const data = (type, array, extra = {}) => makeVector(makeData({ type, length: values.length, nullCount: nulls, nullBitmap: nulls ? bitmap : undefined, data: array, ...extra }));
    if (present.length && present.every((v) => typeof v === 'string' && ISO_DATE.test(v))) {
      const days = Int32Array.from(values, (v) => (v === null ? 0 : Date.parse(`${v}T00:00:00Z`) / DAY_MS));
      vectors[c] = data(new DateDay(), days);
    } else if (present.length && present.every((v) => typeof v === 'number')) {
      const nums = /** @type {number[]} */ (present);
      const whole = nums.every((v) => Number.isInteger(v) && Math.abs(v) < 2 ** 31);
      if (whole) {
        const type = smallestInt(nums.reduce((m, v) => Math.max(m, Math.abs(v)), 0));
        vectors[c] = data(type, typedArray(type, values.length, (i) => /** @type {number | null} */ (values[i]) ?? 0));
      } else {
        vectors[c] = data(new Float64(), Float64Array.from(values, (v) => /** @type {number | null} */ (v) ?? 0));
      }
    } else {
      const text = values.map((v) => (v === null ? null : String(v)));
      const limit = Math.max(64, rows.length / 20);
      const seen = new Set();
      for (const t of text) if (t !== null && seen.add(t).size > limit) break;
      const distinct = [...seen];
      if (distinct.length <= limit) {
        // Few values (a status, a category, an area): each stored once, the rows as small indices.
        const index = new Map(distinct.map((t, i) => [t, i]));
        const type = new Dictionary(new Utf8(), smallestInt(distinct.length));
        const dictionary = vectorFromArray(distinct, new Utf8());
        vectors[c] = data(type, typedArray(type.indices, values.length, (i) => (text[i] === null ? 0 : index.get(/** @type {string} */ (text[i])))), { dictionary });
      } else {
        const { offsets, bytes } = utf8(text);
        vectors[c] = data(new Utf8(), bytes, { valueOffsets: offsets });
      }
    }
  }
  return tableToIPC(new Table(vectors), 'stream');
}

/** Arrow's validity bitmap: bit i set when value i is present (least significant bit first). */
function validity(values) {
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  let nulls = 0;
  values.forEach((v, i) => {
    if (v === null) nulls++;
    else bitmap[i >> 3] |= 1 << (i & 7);
  });
  return { bitmap, nulls };
}

/** Strings as Arrow's UTF-8 layout: every value's bytes end to end, and where each starts. */
function utf8(text) {
  const encoded = text.map((t) => (t === null ? new Uint8Array(0) : ENCODER.encode(t)));
  const offsets = new Int32Array(text.length + 1);
  encoded.forEach((b, i) => (offsets[i + 1] = offsets[i] + b.byteLength));
  const bytes = new Uint8Array(offsets[text.length]);
  encoded.forEach((b, i) => bytes.set(b, offsets[i]));
  return { offsets, bytes };
}
const ENCODER = new TextEncoder();

/** The narrowest signed integer type that holds 0…max (a decile in a byte, not four). */
function smallestInt(max) {
  return max < 2 ** 7 ? new Int8() : max < 2 ** 15 ? new Int16() : new Int32();
}

function typedArray(type, length, at) {
  const Ctor = type.bitWidth === 8 ? Int8Array : type.bitWidth === 16 ? Int16Array : Int32Array;
  const out = new Ctor(length);
  for (let i = 0; i < length; i++) out[i] = at(i);
  return out;
}
