/**
 * Step 2 of ingest: from a text sample, find the delimiter and the header row. Spreadsheet and
 * ONS downloads often put a title, a source note or blank lines above the real header, so the
 * header is the first row that looks like one (enough non-empty, non-numeric cells and the same
 * width as the rows below it), not simply line 1.
 */

export type Delimiter = ',' | '\t' | ';' | '|';
const DELIMITERS: Delimiter[] = [',', '\t', ';', '|'];

export interface Layout {
  delimiter: Delimiter;
  /** 0-based physical line of the header (what the user's editor shows, less one). */
  headerLine: number;
  /**
   * Records before the header, blank lines included: DuckDB's `skip` counts these, not lines, so a title cell
   * with a line break in it above the header is one (headerLine would skip the header and take the first
   * data row for it).
   */
  headerRecord: number;
  /**
   * Fields per record as DuckDB must read them: the header's, or more when the data rows end with empty
   * cells past it (a delimiter at the end of each data line but not of the header, as some exports write).
   */
  columnCount: number;
  headers: string[];
  /** Up to 20 data rows as split cells, for the mapping preview and detection. */
  sampleRows: string[][];
  /**
   * Whether the file writes numbers the continental way, a decimal comma and dots between thousands (1.234,56),
   * as a European Excel export does: then 15.000 is fifteen thousand, not fifteen (usesDecimalComma).
   */
  decimalComma: boolean;
}

export type LayoutResult = { ok: true; layout: Layout } | { ok: false; reason: string };

/** Split text into records, honouring quotes (a quoted field may hold delimiters and newlines). */
export function parseRecords(text: string, delimiter: string, maxRecords = Infinity): { cells: string[]; line: number }[] {
  const out: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 0;
  let recordLine = 0;
  let fieldStarted = false;
  for (let i = 0; i < text.length && out.length < maxRecords; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      inQuotes = true;
      fieldStarted = true;
    } else if (ch === delimiter) {
      cells.push(field);
      field = '';
      fieldStarted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(field);
      out.push({ cells, line: recordLine });
      cells = [];
      field = '';
      fieldStarted = false;
      line++;
      recordLine = line;
    } else {
      field += ch;
      if (ch !== ' ') fieldStarted = true;
    }
  }
  if (out.length < maxRecords && (field !== '' || cells.length > 0)) {
    cells.push(field);
    out.push({ cells, line: recordLine });
  }
  return out;
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');
/**
 * Whether row i has the table's width: the modal one, or fewer cells when the rows below have the modal width
 * only through empty cells past its end (a delimiter ending each data line but not the header). Empty last
 * cells alone prove nothing: an optional last column is often empty.
 */
function fitsWidth(rows: { cells: string[] }[], i: number, width: number): boolean {
  const n = rows[i]!.cells.length;
  if (n === width) return true;
  const below = rows.slice(i + 1, i + 6);
  return n < width && n > 1 && below.length > 0 && below.every((r) => r.cells.length === width && r.cells.slice(n).every((c) => c.trim() === ''));
}
const looksNumeric = (c: string) => /^[\s£$(-]*[\d,.]+\)?\s*%?$/.test(c.trim());

function chooseDelimiter(text: string): Delimiter {
  // The delimiter that gives the most rows of the same (>1) width wins.
  let best: Delimiter = ',';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const recs = parseRecords(text, d, 60).filter((r) => !isBlank(r.cells));
    const widths = new Map<number, number>();
    for (const r of recs) if (r.cells.length > 1) widths.set(r.cells.length, (widths.get(r.cells.length) ?? 0) + 1);
    let score = 0;
    for (const [w, n] of widths) score = Math.max(score, n * 1000 + w);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

/** Find the delimiter, header row and a few sample rows of a text sample. */
export function detectLayout(text: string): LayoutResult {
  if (text.trim() === '') return { ok: false, reason: 'The file holds only blank lines: there is no header and no data.' };
  const delimiter = chooseDelimiter(text);
  const recs = parseRecords(text, delimiter, 400);
  // Drop a partial last record cut off by the sample boundary.
  const nonBlank = recs.filter((r) => !isBlank(r.cells));
  const widthCounts = new Map<number, number>();
  for (const r of nonBlank.slice(0, 200)) widthCounts.set(r.cells.length, (widthCounts.get(r.cells.length) ?? 0) + 1);
  const modalWidth = [...widthCounts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 1;

  let headerIdx = -1;
  for (let i = 0; i < Math.min(nonBlank.length, 30); i++) {
    const cells = nonBlank[i]!.cells;
    const named = cells.filter((c) => c.trim() !== '' && !looksNumeric(c)).length;
    if (fitsWidth(nonBlank, i, modalWidth) && named >= Math.max(1, Math.ceil(modalWidth * 0.6))) {
      headerIdx = i;
      break;
    }
  }
  if (headerIdx < 0) headerIdx = numericHeaderRow(nonBlank.slice(0, 30), modalWidth);
  if (headerIdx < 0) {
    const wider = widerThanHeader(nonBlank.slice(0, 30), modalWidth, delimiter);
    if (wider) return { ok: false, reason: wider };
    return { ok: false, reason: 'No header row found: the first rows do not look like column names. The first line of an extract should name its columns (e.g. "Referral ID, Referral Date, Area Code").' };
  }
  const header = nonBlank[headerIdx]!;
  const headers = header.cells.map((c) => c.trim());
  const sampleRows = nonBlank.slice(headerIdx + 1, headerIdx + 21).map((r) => r.cells);
  // Empty cells past the header on every sampled data row: a trailing delimiter, read as an extra column.
  const longest = Math.max(headers.length, ...sampleRows.map((r) => r.length));
  // (Every row, not just one: a single stray delimiter would otherwise make every other row too short.)
  const trailing = longest > headers.length && sampleRows.every((r) => r.length === longest && r.slice(headers.length).every((c) => c.trim() === ''));
  const columnCount = trailing ? longest : headers.length;
  const decimalComma = usesDecimalComma(nonBlank.slice(headerIdx + 1).map((r) => r.cells));
  return { ok: true, layout: { delimiter, headerLine: header.line, headerRecord: recs.indexOf(header), columnCount, headers, sampleRows, decimalComma } };
}

// A number's digits and separators, with a currency sign, brackets, a minus and spaces around them allowed.
const number = (core: string) => new RegExp(String.raw`^[(\-+]?\s*[£€$]?\s*-?(?:${core})\s*\)?$`);
/** Written only with a decimal comma: dots between thousands before it (1.234,56), or a comma not before three digits (30,5). */
const CONTINENTAL = number(String.raw`\d{1,3}(?:\.\d{3})+,\d+|\d+,(?:\d{1,2}|\d{4,})`);
/** Written only with a decimal point: commas between thousands before it (1,234.5), or a point not before three digits (30.5). */
const BRITISH = number(String.raw`\d{1,3}(?:,\d{3})+\.\d+|\d+\.(?:\d{1,2}|\d{4,})`);

/**
 * Whether the sampled data rows write numbers with a decimal comma: some cell can only be read that way, and
 * none can only be read with a decimal point. A cell like 15.000 or 1,234 says nothing by itself; a file with
 * cells of both kinds keeps the usual reading, and its cells that one reading cannot take are reported.
 */
export function usesDecimalComma(rows: string[][]): boolean {
  let continental = false;
  for (const row of rows) {
    for (const raw of row) {
      const c = raw.trim();
      if (c === '' || !/\d/.test(c)) continue;
      if (BRITISH.test(c)) return false;
      if (CONTINENTAL.test(c)) continental = true;
    }
  }
  return continental;
}

/**
 * A header whose column names are mostly numbers, as in ONS single-year-of-age files (code, name, total, 0, 1 …
 * 89, 90+): distinct non-empty cells, at least two of them words, above a row holding more numbers than it does.
 */
function numericHeaderRow(rows: { cells: string[] }[], width: number): number {
  const numbers = (cells: string[]) => cells.filter(looksNumeric).length;
  return rows.findIndex(({ cells }, i) => {
    const next = rows[i + 1];
    // The row below has the header's width too: a data row, not one split wider by an unquoted separator.
    return cells.length === width && next !== undefined && next.cells.length === width && cells.every((c) => c.trim() !== '')
      && new Set(cells.map((c) => c.trim())).size === cells.length
      && cells.length - numbers(cells) >= 2 && numbers(next.cells) > numbers(cells);
  });
}

/** "154" then "800": a number split in two at an unquoted thousands separator. */
const SPLIT_THOUSANDS = { head: /^[\s(£$-]*\d{1,3}$/, tail: /^\d{3}(\.\d*)?\)?\s*$/ };

/**
 * Why no header was found when a row of names sits above rows with more fields than it has: most often a
 * number written with an unquoted thousands separator (154,800) splits into two fields in every data row.
 * Names the header's line, the first wider row and, when a split number is seen, its column.
 */
function widerThanHeader(rows: { cells: string[]; line: number }[], width: number, delimiter: string): string | null {
  const i = rows.findIndex(({ cells }, k) => {
    const named = cells.filter((c) => c.trim() !== '' && !looksNumeric(c)).length;
    return cells.length > 1 && cells.length < width && named >= Math.ceil(cells.length * 0.6)
      && rows.slice(k + 1, k + 6).filter((r) => r.cells.length === width).length >= Math.min(2, rows.length - k - 1);
  });
  if (i < 0 || i === rows.length - 1) return null;
  const header = rows[i]!;
  const below = rows.slice(i + 1, i + 21).filter((r) => r.cells.length > header.cells.length);
  const first = below[0];
  if (!first) return null;
  const d = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
  const lead = `The rows have more fields than the header: the header on line ${header.line + 1} names ${header.cells.length} columns, but line ${first.line + 1} and most rows below it have ${width} fields.`;
  for (const r of below) {
    const j = r.cells.findIndex((c, k) => k + 1 < r.cells.length && SPLIT_THOUSANDS.head.test(c) && SPLIT_THOUSANDS.tail.test(r.cells[k + 1]!));
    if (j < 0) continue;
    const value = `${r.cells[j]!.trim()}${delimiter}${r.cells[j + 1]!.trim()}`;
    const column = header.cells[j]?.trim() || `column ${j + 1}`;
    return `${lead} Probably numbers carry thousands separators without quotes: "${value}" on line ${r.line + 1}, in column "${column}", is read as two fields. Save the file again with those values in quotes (as Excel's "CSV UTF-8" does) or without thousands separators.`;
  }
  return `${lead} A value containing ${d} may be missing its quotes, or the header may be missing a column name.`;
}
