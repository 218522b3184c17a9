/**
 * Minimal CSV writer shared by the build scripts.
 *
 * Why our own instead of papaparse.unparse: the output must be byte-stable and in
 * one canonical dialect the app's loaders can rely on: comma, `\n` line ends (also
 * after the last row), RFC 4180 quoting only where needed, blanks for null, plain
 * numbers (no exponent, no thousands separators) and fixed decimals where a column
 * asks for them (money with pence).
 */

/**
 * @param {unknown} value
 * @param {number} [decimals] fixed number of decimals for numbers in this column
 * @returns {string}
 */
export function csvField(value, decimals) {
  if (value === null || value === undefined) return '';
  let text;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} to CSV`);
    text = decimals === undefined ? plainNumber(value) : value.toFixed(decimals);
  } else {
    text = String(value);
  }
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Numbers as plain decimals: String() would switch to exponent form below 1e-6
 * or above 1e21, which some CSV readers take as text.
 * @param {number} n
 */
function plainNumber(n) {
  const text = String(n);
  return /e/i.test(text) ? n.toFixed(20).replace(/\.?0+$/, '') : text;
}

/**
 * @param {readonly string[]} columns header, also the order of fields
 * @param {readonly Record<string, unknown>[]} rows
 * @param {Record<string, number>} [decimals] column → fixed decimals
 * @returns {string}
 */
export function toCsv(columns, rows, decimals = {}) {
  const lines = [columns.map((c) => csvField(c)).join(',')];
  for (const row of rows) {
    lines.push(columns.map((c) => csvField(row[c], decimals[c])).join(','));
  }
  return lines.join('\n') + '\n';
}
