/**
 * SQL macros that turn the text cells of real-world extracts into typed values. They live in
 * DuckDB (not JavaScript) so a 1M-row upload is parsed and validated inside the engine, off the
 * page's thread, in one pass. Each macro returns NULL when it cannot parse; the validation query
 * (ingest.ts) turns "raw text present but parsed value NULL" into a reported problem.
 *
 * Never use current_date / now() here: they need the ICU extension, which duckdb-wasm would try
 * to download. "Today" is passed in as a parameter instead.
 */

/** Cells that mean "suppressed by the sender" in any column (counted, loaded as NULL). */
const TEXT_MARKERS = String.raw`^(\*+|\[[cxz]\]|<\s*\d+|\.\.)$`;
/** Extra markers only in numeric and date columns, where a letter or a dash cannot be a value. */
const NUMERIC_MARKERS = String.raw`^(\*+|\[[cxz]\]|<\s*\d+|\.\.|c|x|z|-|–|—)$`;
/** Cells that mean "missing" rather than "suppressed": loaded as NULL, not counted. */
const MISSING = String.raw`^(n/?a|null|none|#n/a|not known|unknown|not recorded)$`;

// Two-digit-year forms first: '%d/%m/%Y' would otherwise read 13/05/24 as the year 24 AD.
const DATE_FORMATS = [
  '%d/%m/%y',
  '%d-%m-%y',
  '%d/%m/%Y',
  '%d-%m-%Y',
  '%d.%m.%Y',
  '%Y/%m/%d',
  '%d %b %Y',
  '%d %B %Y',
  '%d-%b-%Y',
  '%d-%b-%y',
  '%Y-%m-%d %H:%M:%S',
  '%Y-%m-%dT%H:%M:%S',
  '%d/%m/%Y %H:%M',
  '%d/%m/%Y %H:%M:%S'
];

const MONTH_FORMATS = ['%Y-%m', '%Y/%m', '%m/%Y', '%b-%y', '%b %y', '%b-%Y', '%b %Y', '%B %Y', '%B-%Y', '%Y%m'];

const list = (xs: string[]) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;

export const MACROS_SQL = `
SET autoinstall_known_extensions = false;
SET autoload_known_extensions = false;

-- Trim spaces (including non-breaking ones Excel leaves) and turn '' into NULL.
CREATE OR REPLACE MACRO fs_clean(v) AS nullif(regexp_replace(v, '^[\\s\\x{00a0}]+|[\\s\\x{00a0}]+$', '', 'g'), '');

CREATE OR REPLACE MACRO fs_is_marker(v, is_num) AS
  CASE WHEN v IS NULL THEN false
       WHEN is_num THEN regexp_full_match(lower(v), '${NUMERIC_MARKERS}')
       ELSE regexp_full_match(lower(v), '${TEXT_MARKERS}') END;

CREATE OR REPLACE MACRO fs_is_missing(v) AS v IS NOT NULL AND regexp_full_match(lower(v), '${MISSING}');

-- The value to parse: NULL for blanks, suppression markers and missing markers.
CREATE OR REPLACE MACRO fs_value(v, is_num) AS
  CASE WHEN fs_is_marker(v, is_num) OR fs_is_missing(v) THEN NULL ELSE v END;

-- Dates: ISO first (fast path), then UK day-first forms, then Excel serial day numbers
-- (a 5-digit number between 1955 and 2119). Month-first US dates are deliberately not guessed.
CREATE OR REPLACE MACRO fs_date_any(v) AS
  CASE WHEN v IS NULL THEN NULL
       WHEN regexp_full_match(v, '[2-7]\\d{4}') THEN DATE '1899-12-30' + CAST(v AS INTEGER)
       -- DuckDB's own cast would read 13/05/24 as the year 13, so it is used for yyyy-mm-dd only.
       WHEN length(v) = 10 AND substr(v, 5, 1) = '-' THEN TRY_CAST(v AS DATE)
       ELSE CAST(try_strptime(v, ${list(DATE_FORMATS)}) AS DATE) END;
-- Years outside 1900-2199 are typing errors, not dates.
CREATE OR REPLACE MACRO fs_date(v) AS
  CASE WHEN year(fs_date_any(v)) BETWEEN 1900 AND 2199 THEN fs_date_any(v) END;

-- Numbers: plain or scientific first, then with thousands separators / spaces removed.
CREATE OR REPLACE MACRO fs_number(v) AS
  CASE WHEN v IS NULL THEN NULL
       ELSE COALESCE(TRY_CAST(v AS DOUBLE), TRY_CAST(regexp_replace(v, '[,\\s\\x{00a0}]', '', 'g') AS DOUBLE)) END;

-- Money: £ and other symbols, thousands separators, accounting negatives (1,200.00),
-- leading or trailing minus, and ledgers' "CR" suffix for credits.
CREATE OR REPLACE MACRO fs_money(v) AS
  CASE WHEN v IS NULL THEN NULL
       WHEN TRY_CAST(v AS DOUBLE) IS NOT NULL THEN round(TRY_CAST(v AS DOUBLE), 2)
       WHEN NOT regexp_full_match(upper(v), '[\\s(]*-?\\s*(£|GBP|\\$|€)?\\s*-?[\\d,\\s]*\\.?\\d*\\s*(\\)|-|CR)?\\s*')
            OR NOT regexp_matches(v, '\\d') THEN NULL
       ELSE (CASE WHEN regexp_matches(v, '^\\s*\\(.*\\)\\s*$') OR regexp_matches(v, '^[^\\d]*-')
                   OR regexp_matches(v, '-\\s*$') OR regexp_matches(upper(v), 'CR\\s*$') THEN -1 ELSE 1 END)
            * round(TRY_CAST(regexp_replace(v, '[^\\d.]', '', 'g') AS DOUBLE), 2) END;

-- Financial years (2023/24, 2023-24, FY2023/24, 2023/2024, 23/24) as 'yyyy/yy'; NULL otherwise.
CREATE OR REPLACE MACRO fs_fy_parts(v) AS
  regexp_extract(upper(v), '^(?:FY\\s*)?(\\d{2}|\\d{4})\\s*[/\\-–_]\\s*(\\d{2}|\\d{4})$', ['a', 'b']);
CREATE OR REPLACE MACRO fs_fy_start(v) AS
  CASE WHEN v IS NULL OR fs_fy_parts(v).a = '' THEN NULL
       ELSE (CASE WHEN length(fs_fy_parts(v).a) = 2 THEN 2000 ELSE 0 END) + CAST(fs_fy_parts(v).a AS INTEGER) END;
CREATE OR REPLACE MACRO fs_fy(v) AS
  CASE WHEN fs_fy_start(v) IS NOT NULL
        AND CAST(fs_fy_parts(v).b AS INTEGER) % 100 = (fs_fy_start(v) + 1) % 100
       THEN printf('%d/%02d', fs_fy_start(v), (fs_fy_start(v) + 1) % 100) END;

-- The financial year (April to March) a date falls in.
CREATE OR REPLACE MACRO fs_fy_of(d) AS
  CASE WHEN d IS NULL THEN NULL
       WHEN month(d) >= 4 THEN printf('%d/%02d', year(d), (year(d) + 1) % 100)
       ELSE printf('%d/%02d', year(d) - 1, year(d) % 100) END;

-- Periods: a financial year, else a month given as a month or as any date within it.
CREATE OR REPLACE MACRO fs_month(v) AS
  date_trunc('month', COALESCE(CAST(try_strptime(v, ${list(MONTH_FORMATS)}) AS DATE), fs_date(v)));
CREATE OR REPLACE MACRO fs_period(v) AS
  CASE WHEN v IS NULL THEN NULL
       WHEN fs_fy(v) IS NOT NULL THEN fs_fy(v)
       WHEN fs_month(v) IS NOT NULL THEN strftime(fs_month(v), '%Y-%m') END;
CREATE OR REPLACE MACRO fs_period_start(p) AS
  CASE WHEN p IS NULL THEN NULL
       WHEN length(p) = 7 AND substr(p, 5, 1) = '/' THEN make_date(CAST(substr(p, 1, 4) AS INTEGER), 4, 1)
       ELSE CAST(p || '-01' AS DATE) END;

-- Referral status synonyms seen in SP platforms and GP system reports.
CREATE OR REPLACE MACRO fs_status_of(l) AS
  CASE WHEN l IN ('waiting', 'open', 'pending', 'new', 'referred', 'received', 'waiting list', 'on waiting list', 'awaiting contact', 'awaiting', 'not yet contacted') THEN 'waiting'
       WHEN l IN ('accepted', 'active', 'in progress', 'engaged', 'ongoing', 'seen', 'contacted', 'open - active') THEN 'accepted'
       WHEN l IN ('declined', 'rejected', 'refused', 'not accepted', 'inappropriate', 'declined by patient', 'declined by service') THEN 'declined'
       WHEN l IN ('completed', 'complete', 'closed', 'discharged', 'finished', 'closed - completed', 'successfully completed') THEN 'completed'
       WHEN l IN ('dna', 'did not attend', 'did not attend (dna)', 'no show', 'not attended', 'unable to contact', 'no contact') THEN 'dna'
       WHEN l IN ('withdrawn', 'withdrew', 'cancelled', 'canceled', 'disengaged', 'closed - withdrawn', 'moved away') THEN 'withdrawn' END;
CREATE OR REPLACE MACRO fs_status(v) AS fs_status_of(lower(regexp_replace(v, '\\s+', ' ', 'g')));

-- Age bands: a numeric age is banded; band labels are normalised ("18 to 29", "75 and over").
CREATE OR REPLACE MACRO fs_age_band_of_age(a) AS
  CASE WHEN a < 0 OR a > 120 THEN NULL WHEN a < 18 THEN '0-17' WHEN a < 30 THEN '18-29' WHEN a < 45 THEN '30-44'
       WHEN a < 65 THEN '45-64' WHEN a < 75 THEN '65-74' ELSE '75+' END;
CREATE OR REPLACE MACRO fs_age_band(v) AS
  CASE WHEN v IS NULL THEN NULL
       WHEN TRY_CAST(v AS INTEGER) IS NOT NULL THEN fs_age_band_of_age(TRY_CAST(v AS INTEGER))
       ELSE regexp_replace(regexp_replace(regexp_replace(lower(v), '\\s*(to|–|—|-)\\s*', '-', 'g'),
              '\\s*(and over|and above|plus|or over|\\+)$', '+'), '\\s+', '', 'g') END;

CREATE OR REPLACE MACRO fs_decile(v) AS
  CASE WHEN fs_number(v) BETWEEN 1 AND 10 AND fs_number(v) = floor(fs_number(v)) THEN CAST(fs_number(v) AS INTEGER) END;

-- A cell that marks a totals row at the bottom of a spreadsheet export.
CREATE OR REPLACE MACRO fs_is_total(v) AS v IS NOT NULL AND regexp_full_match(lower(v), '(grand\\s+)?(sub-?)?totals?:?( \\w+)?');
`;
