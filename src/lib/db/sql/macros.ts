/**
 * SQL macros that turn the text cells of real-world extracts into typed values. They live in
 * DuckDB (not JavaScript) so a 1M-row upload is parsed and validated inside the engine, off the
 * page's thread, in one pass. Each macro returns NULL when it cannot parse; the validation query
 * (ingest.ts) turns "raw text present but parsed value NULL" into a reported problem.
 *
 * Never use current_date / now() here: they need the ICU extension, which duckdb-wasm would try
 * to download. "Today" is passed in as a parameter instead.
 */

/**
 * Cells that mean "suppressed by the sender": loaded as NULL and counted. Exact lists, not
 * regexes: an IN list costs DuckDB almost nothing per cell, a regex on every cell of a 1M-row
 * file costs seconds.
 */
/**
 * How a note below the data starts ("Notes:", "Source: …", "Footnote", "1. …", "© …", "* = …", "[x] = …"), matched
 * case-insensitively: one pattern for the stage's padded note rows (fs_is_note) and load.ts's one-cell lines.
 */
export const NOTE_START = String.raw`^\s*(notes?|sources?|footnotes?)\b|^\s*(©|\(c\)|\d{1,2}[.)]\s|\*|\[)`;

/**
 * The words that mark a totals row at the bottom of a spreadsheet export ("Total", "Grand total",
 * "Sub-total"), lower-cased: one pattern for the stage's rows and load.ts's lines the reader could not read.
 * A staged row's cell must be the words with at most one more ("Totals all": TOTAL_CELL, fs_is_total), as
 * a provider may be called "Total Wellbeing Support"; a line the reader could not read (too few fields
 * for a record) needs only to start with them ("Total for all areas", "Grand Total (England)").
 */
export const TOTAL_WORDS = String.raw`(grand\s+)?(sub-?)?totals?`;
export const TOTAL_CELL = String.raw`${TOTAL_WORDS}:?( \w+)?`;

const SMALL = Array.from({ length: 10 }, (_, i) => [`<${i + 1}`, `< ${i + 1}`]).flat();
// ONS shorthands: [c] confidential, [x] not available, [z] not applicable, [low] and [u] too few to be
// reliable, [w] no or too few responses.
export const TEXT_MARKERS = ['*', '**', '***', '[c]', '[C]', '[x]', '[X]', '[z]', '[Z]', '[low]', '[Low]', '[LOW]', '[u]', '[U]', '[w]', '[W]', '..',
  'suppressed', 'Suppressed', 'SUPPRESSED', ...SMALL, ...SMALL.map((s) => `n${s}`)];
/** Extra markers only in numeric and date columns, where a letter or a dash cannot be a value. */
export const NUMERIC_MARKERS = [...TEXT_MARKERS, 'c', 'C', 'x', 'X', 'z', 'Z', '-', '–', '—', '~'];
/** Cells that mean "missing" rather than "suppressed": loaded as NULL, not counted. */
export const MISSING = ['n/a', 'N/A', 'N/a', 'NA', 'na', '#N/A', '#n/a', 'null', 'NULL', 'Null', 'none', 'None', 'NONE',
  'unknown', 'Unknown', 'UNKNOWN', 'not known', 'Not known', 'Not Known', 'NOT KNOWN', 'not recorded', 'Not recorded', 'Not Recorded'];

const DATE_FORMATS = [
  // A two-digit year before the four-digit form of the same shape: DuckDB's %Y also reads two digits
  // (01-Apr-24 would be the year 24), while %y never reads four.
  '%d/%m/%y',
  '%d-%m-%y',
  '%d/%m/%Y',
  '%d-%m-%Y',
  '%d.%m.%y',
  '%d.%m.%Y',
  '%Y/%m/%d',
  '%d %b %y',
  '%d %b %Y',
  '%d %B %y',
  '%d %B %Y',
  '%d-%b-%y',
  '%d-%b-%Y',
  '%d-%B-%y',
  '%d-%B-%Y',
  // Month names first are unambiguous (Apr 1, 2024), unlike month-first numbers, which are never guessed.
  '%b %d, %Y',
  '%B %d, %Y',
  '%Y%m%d',
  // ISO without leading zeros (2024-1-5), as DuckDB's CSV reader reads it (ingest.ts READER_TYPE); last, so
  // that 05-01-24 stays a day-first date.
  '%Y-%m-%d'
];

// yyyymm is read apart (fs_month): in a list, %Y%m would take an Excel serial day (45597) for July 4559.
const MONTH_FORMATS = ['%Y-%m', '%Y/%m', '%m/%Y', '%b-%y', '%b %y', '%b-%Y', '%b %Y', '%B %Y', '%B-%Y'];

const list = (xs: string[]) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;
/** The first characters' code points of a list of cells: a cheap test that rules most cells out. */
const firstCodes = (xs: string[]) => `(${[...new Set(xs.map((x) => x.codePointAt(0)))].sort((a, b) => a! - b!).join(', ')})`;
const inList = (xs: string[]) => `(${xs.map((x) => `'${x}'`).join(', ')})`;

/** Canonical values that skip the slower synonym / pattern paths. */
export const STATUSES = ['waiting', 'accepted', 'declined', 'completed', 'dna', 'withdrawn'];
export const BANDS = ['0-17', '18-29', '30-44', '45-64', '65-74', '75+'];

// Performance note: first characters are tested with ascii() (a code point; left() is slower,
// being grapheme-aware). DuckDB expands a macro inline wherever it is used, so a macro that mentions
// its argument five times evaluates it five times. The ingest SQL therefore computes each stage
// of a cell (trimmed, marker-free, parsed) as its own column, and these macros are written to
// be called on columns, with cheap guards (first character, length) before any regex.
export const MACROS_SQL = `
SET autoinstall_known_extensions = false;
SET autoload_known_extensions = false;

-- Trim spaces, tabs and Excel's non-breaking spaces; '' becomes NULL. (trim with a character
-- list is slow, so it only runs on cells that start or end with one.)
CREATE OR REPLACE MACRO fs_clean(v) AS
  CASE WHEN ascii(v) IN (32, 9, 160) OR suffix(v, ' ') OR suffix(v, chr(160)) THEN nullif(trim(v, ' \t' || chr(160)), '')
       WHEN v = '' THEN NULL
       ELSE v END;

-- The list tests run only on cells whose first character starts some marker (ascii() is a code point,
-- and cheap): an IN list of strings costs a hash probe per cell, and most cells (codes, dates, ids) are
-- ruled out by their first character.
CREATE OR REPLACE MACRO fs_is_marker(v, is_num) AS
  coalesce(CASE WHEN is_num THEN ascii(v) IN ${firstCodes(NUMERIC_MARKERS)} AND v IN ${inList(NUMERIC_MARKERS)}
                ELSE ascii(v) IN ${firstCodes(TEXT_MARKERS)} AND v IN ${inList(TEXT_MARKERS)} END, false);

CREATE OR REPLACE MACRO fs_is_missing(v) AS coalesce(ascii(v) IN ${firstCodes(MISSING)} AND v IN ${inList(MISSING)}, false);

-- The value to parse: NULL for blanks, suppression markers and missing markers.
CREATE OR REPLACE MACRO fs_value(v, is_num) AS
  CASE WHEN is_num THEN (CASE WHEN ascii(v) IN ${firstCodes([...NUMERIC_MARKERS, ...MISSING])} AND v IN ${inList([...NUMERIC_MARKERS, ...MISSING])} THEN NULL ELSE v END)
       ELSE (CASE WHEN ascii(v) IN ${firstCodes([...TEXT_MARKERS, ...MISSING])} AND v IN ${inList([...TEXT_MARKERS, ...MISSING])} THEN NULL ELSE v END) END;

-- Dates: ISO first (fast path), then Excel serial day numbers (a 5-digit number, 1955-2119),
-- then UK day-first forms. Month-first US dates are deliberately not guessed. DuckDB's own cast
-- would read 13/05/24 as the year 13, so it is used for yyyy-mm-dd only.
-- The date part of a date-time as Excel and databases write it (13 May 2024 00:00, 13/05/2024 9:30:15):
-- the time is dropped; and 'Sept', which strptime's %b does not read.
CREATE OR REPLACE MACRO fs_date_part(v) AS
  regexp_replace(regexp_replace(v, '[ T]\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?\\s*$', ''), '(?i)\\bsept\\b', 'Sep');
CREATE OR REPLACE MACRO fs_date(v) AS
  CASE WHEN v IS NULL THEN NULL
       WHEN length(v) = 10 AND substr(v, 5, 1) = '-' THEN TRY_CAST(v AS DATE)
       -- ISO date-times from databases and APIs (2024-05-13T09:30:00.000Z): the date part.
       WHEN length(v) > 10 AND substr(v, 5, 1) = '-' AND substr(v, 11, 1) IN ('T', ' ') THEN TRY_CAST(substr(v, 1, 10) AS DATE)
       -- dd/mm/yyyy with one format: try_strptime is fast when its first format matches and slow on
       -- each failure, so the common shapes are routed to a single format by their length.
       WHEN length(v) = 10 AND substr(v, 3, 1) = '/' AND substr(v, 6, 1) = '/' THEN CAST(try_strptime(v, '%d/%m/%Y') AS DATE)
       WHEN length(v) = 10 AND substr(v, 3, 1) = '-' AND substr(v, 6, 1) = '-' THEN CAST(try_strptime(v, '%d-%m-%Y') AS DATE)
       -- (with a time of day as a fraction when the cell held a date-time: 45383.5)
       WHEN ascii(v) BETWEEN 50 AND 55 AND regexp_full_match(v, '[2-7]\\d{4}(\\.\\d+)?') THEN DATE '1899-12-30' + CAST(floor(CAST(v AS DOUBLE)) AS INTEGER)
       ELSE CAST(try_strptime(fs_date_part(v), ${list(DATE_FORMATS)}) AS DATE) END;

-- Numbers: plain or scientific first, then with thousands separators and spaces removed. NaN and
-- infinities are not numbers here (DuckDB reads 'NaN' and 'inf'; one would poison every mean).
CREATE OR REPLACE MACRO fs_finite(x) AS CASE WHEN isfinite(x) THEN x END;
-- Commas in a number written without spaces (d): thousands separators only in groups of three (12,345.6);
-- one comma before one, two or four and more digits is a decimal comma, as European exports write
-- (30,5 or 12,50 or 53,7632; never 305, 1250, 537632); any other comma, or both kinds (1.234,56), makes it
-- no number, so the cell is reported rather than misread.
CREATE OR REPLACE MACRO fs_commas(d) AS
  CASE WHEN NOT contains(d, ',') THEN d
       WHEN regexp_full_match(d, '[+-]?\\d{1,3}(,\\d{3})+(\\.\\d*)?') THEN replace(d, ',', '')
       WHEN regexp_full_match(d, '[+-]?\\d+,(\\d{1,2}|\\d{4,})') THEN replace(d, ',', '.') END;
-- A number as people type it into a directory: "approx 20", "25 per month", "30/month", "0.6 WTE" (the
-- number is the value; the words are dropped). Only tried on cells that are not plain numbers.
CREATE OR REPLACE MACRO fs_unitless(v) AS
  regexp_replace(v, '(?i)^\\s*(approximately|approx\\.?|about|around|circa|c\\.|~|up to)\\s*|\\s*(per month|a month|/\\s*month|per mth|pcm|wte|fte|places|slots|referrals)\\s*$', '', 'g');
-- A number from a file that writes a decimal comma and dots between thousands (1.234,56: sniff.ts
-- usesDecimalComma), in the usual form (1234.56) for fs_number and fs_money. A point before one, two or four
-- and more digits (3.5) is no thousands separator: such a cell gives NULL, so it is reported rather than
-- misread as 35.
CREATE OR REPLACE MACRO fs_decimal_comma(v) AS
  CASE WHEN NOT regexp_matches(v, '\\.(\\d{1,2}|\\d{4,})(\\D|$)') THEN replace(replace(v, '.', ''), ',', '.') END;
CREATE OR REPLACE MACRO fs_number(v) AS
  fs_finite(COALESCE(TRY_CAST(v AS DOUBLE), TRY_CAST(fs_commas(replace(replace(fs_unitless(v), ' ', ''), chr(160), '')) AS DOUBLE)));

-- Money: £ and other symbols, thousands separators, accounting negatives (1,200.00), also with the symbol
-- outside them (£(50.00), as Excel's accounting format shows), leading or trailing minus, ledgers' "CR" suffix
-- for credits and "DR" for debits, k and m for thousands and millions (£12k, £1.2m), and the accounting
-- format's zero, a dash after the symbol (£ -).
CREATE OR REPLACE MACRO fs_money_text(v) AS
  CASE WHEN regexp_full_match(v, '\\s*(£|\\$|€)\\s*-\\s*') THEN 0
       WHEN NOT regexp_full_match(upper(v), '[\\s(]*-?\\s*(£|GBP|\\$|€)?\\s*\\(?\\s*-?[\\d,\\s]*\\.?\\d*\\s*(K|M)?\\s*(\\)|-|CR|DR)?\\s*')
            OR NOT regexp_matches(v, '\\d') THEN NULL
       ELSE (CASE WHEN regexp_matches(v, '^[^\\d]*\\(.*\\)\\s*$') OR regexp_matches(v, '^[^\\d]*-')
                   OR regexp_matches(v, '-\\s*$') OR regexp_matches(upper(v), 'CR\\s*$') THEN -1 ELSE 1 END)
            * (CASE WHEN regexp_matches(upper(v), '\\dM\\b|\\d\\s+M\\b') THEN 1e6 WHEN regexp_matches(upper(v), '\\d\\s*K\\b') THEN 1e3 ELSE 1 END)
            * round(TRY_CAST(fs_commas(regexp_replace(v, '[^\\d.,]', '', 'g')) AS DOUBLE), 2) END;
CREATE OR REPLACE MACRO fs_money(v) AS
  COALESCE(round(fs_finite(TRY_CAST(v AS DOUBLE)), 2), fs_money_text(v));

-- Financial years (2023/24, 2023-24, FY2023/24, 2023/2024, 23/24) as 'yyyy/yy'; NULL otherwise.
CREATE OR REPLACE MACRO fs_fy_parts(v) AS
  regexp_extract(upper(v), '^(?:FY\\s*)?(\\d{2}|\\d{4})\\s*[/\\-–_]\\s*(\\d{2}|\\d{4})$', ['a', 'b']);
CREATE OR REPLACE MACRO fs_fy_of_parts(p) AS
  CASE WHEN p.a = '' THEN NULL
       WHEN CAST(p.b AS INTEGER) % 100 = ((CASE WHEN length(p.a) = 2 THEN 2000 ELSE 0 END) + CAST(p.a AS INTEGER) + 1) % 100
       THEN printf('%d/%02d', (CASE WHEN length(p.a) = 2 THEN 2000 ELSE 0 END) + CAST(p.a AS INTEGER),
                   ((CASE WHEN length(p.a) = 2 THEN 2000 ELSE 0 END) + CAST(p.a AS INTEGER) + 1) % 100) END;
CREATE OR REPLACE MACRO fs_fy(v) AS CASE WHEN v IS NULL THEN NULL ELSE fs_fy_of_parts(fs_fy_parts(v)) END;

-- The financial year (April to March) a date falls in.
CREATE OR REPLACE MACRO fs_fy_of(d) AS
  CASE WHEN d IS NULL THEN NULL
       WHEN month(d) >= 4 THEN printf('%d/%02d', year(d), (year(d) + 1) % 100)
       ELSE printf('%d/%02d', year(d) - 1, year(d) % 100) END;

-- Periods: a financial year, else a month given as a month or as any date within it.
CREATE OR REPLACE MACRO fs_month(v) AS
  date_trunc('month', COALESCE(
    CASE WHEN regexp_full_match(v, '(19|20)\\d{2}(0[1-9]|1[0-2])') THEN CAST(strptime(v, '%Y%m') AS DATE) END,
    CAST(try_strptime(v, ${list(MONTH_FORMATS)}) AS DATE), fs_date(v)));
-- Ledger periods: month n of a financial year ("M01 2024/25", "P10 24/25": month 1 is April, 10 is January),
-- or a quarter ("Q1 2024/25"), which is kept as its financial year (a period is a year or a month).
CREATE OR REPLACE MACRO fs_ledger_parts(v) AS
  regexp_extract(upper(v), '^(M|P|MONTH|PERIOD|Q)\\s*(\\d{1,2})[\\s,]+(?:FY\\s*)?(\\d{2,4}\\s*[/\\-–_]\\s*\\d{2,4})$', ['k', 'n', 'fy']);
CREATE OR REPLACE MACRO fs_ledger_of(p) AS
  CASE WHEN p.k = '' OR fs_fy(p.fy) IS NULL THEN NULL
       WHEN p.k = 'Q' THEN CASE WHEN CAST(p.n AS INTEGER) BETWEEN 1 AND 4 THEN fs_fy(p.fy) END
       WHEN CAST(p.n AS INTEGER) BETWEEN 1 AND 12
       THEN strftime(make_date(CAST(substr(fs_fy(p.fy), 1, 4) AS INTEGER), 4, 1) + to_months(CAST(p.n AS INTEGER) - 1), '%Y-%m') END;
CREATE OR REPLACE MACRO fs_period(v) AS
  COALESCE(fs_fy(v), CASE WHEN ascii(upper(v)) IN (77, 80, 81) THEN fs_ledger_of(fs_ledger_parts(v)) END, strftime(fs_month(v), '%Y-%m'));
CREATE OR REPLACE MACRO fs_period_start(p) AS
  CASE WHEN p IS NULL THEN NULL
       WHEN length(p) = 7 AND substr(p, 5, 1) = '/' THEN make_date(CAST(substr(p, 1, 4) AS INTEGER), 4, 1)
       ELSE CAST(p || '-01' AS DATE) END;

-- Referral status synonyms seen in SP platforms and GP system reports.
CREATE OR REPLACE MACRO fs_status_of(l) AS
  CASE WHEN l IN ('waiting', 'open', 'pending', 'new', 'referred', 'received', 'waiting list', 'on waiting list', 'awaiting contact', 'awaiting', 'not yet contacted') THEN 'waiting'
       WHEN l IN ('accepted', 'active', 'in progress', 'engaged', 'ongoing', 'seen', 'contacted', 'open - active', 'open – active') THEN 'accepted'
       WHEN l IN ('declined', 'rejected', 'refused', 'not accepted', 'inappropriate', 'declined by patient', 'declined by service') THEN 'declined'
       WHEN l IN ('completed', 'complete', 'closed', 'discharged', 'finished', 'closed - completed', 'closed – completed', 'successfully completed') THEN 'completed'
       WHEN l IN ('dna', 'did not attend', 'did not attend (dna)', 'no show', 'not attended', 'unable to contact', 'no contact') THEN 'dna'
       WHEN l IN ('withdrawn', 'withdrew', 'cancelled', 'canceled', 'disengaged', 'closed - withdrawn', 'closed – withdrawn', 'moved away') THEN 'withdrawn' END;
-- (The argument of fs_status_of is repeated inside it, and the repeats are evaluated for every
-- row: it must stay as cheap as lower(), so no regex or replace() here. Cells are trimmed already.)
CREATE OR REPLACE MACRO fs_status(v) AS
  CASE WHEN v IN (${STATUSES.map((x) => `'${x}'`).join(', ')}) THEN v ELSE fs_status_of(lower(v)) END;

-- Age bands: a numeric age is banded; band labels are normalised ("18 to 29", "75 and over").
CREATE OR REPLACE MACRO fs_age_band_of_age(a) AS
  CASE WHEN a < 0 OR a > 120 THEN NULL WHEN a < 18 THEN '0-17' WHEN a < 30 THEN '18-29' WHEN a < 45 THEN '30-44'
       WHEN a < 65 THEN '45-64' WHEN a < 75 THEN '65-74' ELSE '75+' END;
CREATE OR REPLACE MACRO fs_age_of(v) AS
  TRY_CAST(CASE WHEN length(v) <= 3 AND ascii(v) BETWEEN 48 AND 57 AND NOT contains(v, '-') AND NOT contains(v, '+') THEN v END AS INTEGER);
CREATE OR REPLACE MACRO fs_age_band(v) AS
  CASE WHEN v IS NULL THEN NULL
       WHEN v IN (${BANDS.map((x) => `'${x}'`).join(', ')}) THEN v
       -- A whole-number age; the cast only sees digit strings, because a failing cast is slow and
       -- DuckDB computes this repeated expression for every row.
       WHEN fs_age_of(v) IS NOT NULL THEN fs_age_band_of_age(fs_age_of(v))
       -- "Under 18", "<18", "below 18 years" is 0-17 (the children and young people's band).
       WHEN regexp_full_match(lower(v), '(aged?\\s+)?(under|below|less than|<)\\s*\\d{1,3}(\\s*(years|yrs))?')
         THEN '0-' || (CAST(regexp_extract(v, '(\\d{1,3})', 1) AS INTEGER) - 1)
       -- (a label's "Age"/"Aged" before it and "years" after it are dropped: "Aged 18 to 29 years" is 18-29)
       ELSE regexp_replace(regexp_replace(regexp_replace(regexp_replace(lower(v), '^aged?\\s+|\\s*(years|yrs)$', '', 'g'), '\\s*(to|–|—|-)\\s*', '-', 'g'),
              '\\s*(and over|and above|plus|or over|\\+)$', '+'), '\\s+', '', 'g') END;

-- Deciles from an already-parsed number n.
CREATE OR REPLACE MACRO fs_decile_of(n) AS
  CASE WHEN n BETWEEN 1 AND 10 AND n = floor(n) THEN CAST(n AS INTEGER) END;
-- A decile written as a label: "1 - Most deprived", "Decile 3", "10 (least deprived)".
CREATE OR REPLACE MACRO fs_decile_label(v) AS
  TRY_CAST(nullif(regexp_extract(v, '(?i)^\\s*(?:decile\\s*)?(\\d{1,2})(?:\\s*[-–—:,]\\s*[^\\d\\s].*|\\s*\\(.*)?$', 1), '') AS DOUBLE);
CREATE OR REPLACE MACRO fs_decile(v) AS fs_decile_of(COALESCE(fs_number(v), fs_decile_label(v)));

-- A cell that reads as a note below the data (NOTE_START).
CREATE OR REPLACE MACRO fs_is_note(v) AS regexp_matches(v, '${NOTE_START}', 'i');

-- A cell that marks a totals row at the bottom of a spreadsheet export.
CREATE OR REPLACE MACRO fs_is_total(v) AS
  v IS NOT NULL AND ascii(v) IN (116, 84, 103, 71, 115, 83) AND regexp_full_match(lower(v), '${TOTAL_CELL}');
`;
