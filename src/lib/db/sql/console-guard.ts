/**
 * The SQL console's first line of defence: a query is let through only if it is one read-only
 * statement. Pure text work, no DuckDB: the text is scanned into words, strings, quoted names and
 * punctuation (comments dropped), then checked. The second and third lines of defence are in the
 * engine (DbClient.sandbox): every statement is prepared one at a time (DuckDB itself refuses two),
 * inside a transaction that is always rolled back.
 *
 * The scanner is deliberately conservative: where it could disagree with DuckDB's parser about where
 * a string ends (E'…' escape strings, $$…$$ dollar quoting) the query is refused rather than guessed
 * at, and the text that runs is the scanner's own (comments removed), so what was checked is what runs.
 */

export type GuardResult = { ok: true; sql: string; keyword: string } | { ok: false; message: string };

type Token =
  | { kind: 'word'; text: string; upper: string }
  | { kind: 'string'; text: string }
  | { kind: 'ident'; text: string; name: string }
  | { kind: 'punct'; text: string }
  | { kind: 'other'; text: string };

/** The statements the console runs: each reads and returns rows. */
export const ALLOWED_FIRST = ['SELECT', 'WITH', 'FROM', 'VALUES', 'DESCRIBE', 'SUMMARIZE', 'SHOW', 'EXPLAIN', 'PIVOT', 'UNPIVOT', 'TABLE'] as const;

/**
 * Words that reach files, extensions, settings or the transaction, anywhere in the query. A column that
 * happens to have one of these names can still be used in double quotes ("load").
 */
const FORBIDDEN_WORDS: Record<string, string> = {
  COPY: 'COPY reads or writes files',
  ATTACH: 'ATTACH opens another database',
  DETACH: 'DETACH closes a database',
  INSTALL: 'INSTALL fetches an extension',
  LOAD: 'LOAD loads an extension',
  SET: 'SET changes a setting',
  RESET: 'RESET changes a setting',
  PRAGMA: 'PRAGMA changes or reads settings',
  CALL: 'CALL runs a procedure',
  EXPORT: 'EXPORT writes files',
  IMPORT: 'IMPORT reads files into tables',
  CHECKPOINT: 'CHECKPOINT writes the database',
  USE: 'USE changes the database in use',
  BEGIN: 'the console runs each query in its own transaction',
  COMMIT: 'the console runs each query in its own transaction',
  ROLLBACK: 'the console runs each query in its own transaction',
  ABORT: 'the console runs each query in its own transaction',
  VACUUM: 'VACUUM changes the database',
  // Writes can hide behind an allowed first keyword: DuckDB runs "WITH x AS (…) DELETE FROM t" and
  // "EXPLAIN ANALYZE DELETE FROM t" (measured), so these are refused anywhere too.
  INSERT: 'INSERT adds rows',
  UPDATE: 'UPDATE changes rows',
  DELETE: 'DELETE removes rows',
  DROP: 'DROP removes a table',
  CREATE: 'CREATE makes a table or view',
  ALTER: 'ALTER changes a table',
  TRUNCATE: 'TRUNCATE empties a table',
  MERGE: 'MERGE changes rows',
  GRANT: 'GRANT changes permissions',
  REVOKE: 'REVOKE changes permissions'
};

/**
 * Functions that read files, the network or settings, or run SQL given as a string (query('…'), which
 * would hide a statement from this check). Matched as a name followed by "(".
 */
const FORBIDDEN_FUNCTIONS = new Set([
  'read_csv', 'read_csv_auto', 'sniff_csv', 'read_parquet', 'parquet_scan', 'parquet_metadata', 'parquet_schema',
  'parquet_file_metadata', 'parquet_kv_metadata', 'parquet_bloom_probe', 'read_json', 'read_json_auto', 'read_json_objects',
  'read_json_objects_auto', 'read_ndjson', 'read_ndjson_auto', 'read_ndjson_objects', 'read_text', 'read_blob', 'glob',
  'read_xlsx', 'st_read', 'iceberg_scan', 'delta_scan', 'sqlite_scan', 'sqlite_attach', 'postgres_scan', 'mysql_scan',
  'query', 'query_table', 'current_setting', 'duckdb_settings', 'getenv', 'duckdb_secrets', 'which_secret',
  'load_extension', 'install_extension', 'checkpoint', 'force_checkpoint', 'export_database', 'import_database'
]);

const READ_ONLY = 'The SQL console is read-only';

/**
 * Split the text into tokens, and give the text itself with each comment replaced by a space (what will
 * run); a problem (an unsupported or unterminated quote) as a message.
 */
export function scan(text: string): { tokens: Token[]; code: string } | string {
  const out: Token[] = [];
  let code = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    const from = i;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && text[i + 1] === '-') {
      while (i < n && text[i] !== '\n') i++;
      code += ' ';
      continue;
    } else if (c === '/' && text[i + 1] === '*') {
      // Not nested on purpose: if DuckDB nests comments and we do not, we read more as code, never less,
      // and the text that runs is this scanner's, without its comments.
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return 'A /* comment is not closed with */.';
      i = end + 2;
      code += ' ';
      continue;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let body = '';
      for (;;) {
        if (j >= n) return c === "'" ? 'A string is not closed: a quote (\') is missing.' : 'A quoted name is not closed: a double quote (") is missing.';
        if (text[j] === c) {
          if (text[j + 1] === c) { body += c; j += 2; continue; }
          break;
        }
        body += text[j++];
      }
      const raw = text.slice(i, j + 1);
      // E'…' strings take backslash escapes (E'it\'s'): where such a string ends is refused rather than guessed.
      const prev = out.at(-1);
      if (c === "'" && prev?.kind === 'word' && prev.upper === 'E' && /[Ee]/.test(text[i - 1] ?? '')) {
        return "E'…' escape strings are not supported in the console: write a quote inside a string as two quotes ('it''s').";
      }
      out.push(c === "'" ? { kind: 'string', text: raw } : { kind: 'ident', text: raw, name: body });
      i = j + 1;
    } else if (c === '$') {
      if (/\d/.test(text[i + 1] ?? '')) return 'Parameters ($1) are not supported in the console: write the value in the query.';
      return 'Dollar-quoted strings ($$…$$) are not supported in the console: use single quotes.';
    } else if (c === '?') {
      return 'Parameters (?) are not supported in the console: write the value in the query.';
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_$\u0080-\uffff]/.test(text[j]!)) j++;
      const word = text.slice(i, j);
      out.push({ kind: 'word', text: word, upper: word.toUpperCase() });
      i = j;
    } else if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < n && /[0-9A-Za-z_.]/.test(text[j]!)) j++;
      out.push({ kind: 'other', text: text.slice(i, j) });
      i = j;
    } else {
      // Each punctuation mark is a token of its own, "." included, so a function called with dot syntax
      // ('threads'.current_setting()) is still seen as a name followed by "(".
      out.push({ kind: 'punct', text: c });
      i++;
    }
    code += text.slice(from, i);
  }
  return { tokens: out, code };
}

/** Clause words that end a FROM list at the same depth of brackets. */
const ENDS_FROM = new Set(['SELECT', 'WHERE', 'GROUP', 'ORDER', 'HAVING', 'LIMIT', 'OFFSET', 'QUALIFY', 'WINDOW', 'UNION', 'EXCEPT', 'INTERSECT', 'ON', 'USING', 'SAMPLE']);

/** Words followed by a table name. */
const TAKES_TABLE = new Set(['FROM', 'JOIN', 'DESCRIBE', 'SUMMARIZE', 'TABLE', 'SHOW', 'PIVOT', 'UNPIVOT']);

/**
 * A string or a file-like quoted name where a table goes ("FROM 'data.csv'", "JOIN 'https://…'") makes
 * DuckDB read a file or a URL (a replacement scan): refused.
 */
function fileInFrom(tokens: Token[]): string | null {
  const inFrom: boolean[] = [false];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const depth = inFrom.length - 1;
    if (t.kind === 'punct' && t.text === '(') { inFrom.push(false); continue; }
    if (t.kind === 'punct' && t.text === ')') { if (inFrom.length > 1) inFrom.pop(); continue; }
    if (t.kind === 'word' && (t.upper === 'FROM' || t.upper === 'JOIN')) inFrom[depth] = true;
    else if (t.kind === 'word' && ENDS_FROM.has(t.upper)) inFrom[depth] = false;
    const startsTable = (t.kind === 'word' && TAKES_TABLE.has(t.upper)) || (t.kind === 'punct' && t.text === ',' && inFrom[depth]);
    if (!startsTable) continue;
    // The table may sit inside brackets: FROM ('data.csv').
    let j = k + 1;
    while (tokens[j]?.kind === 'punct' && tokens[j]!.text === '(') j++;
    const next = tokens[j];
    if (next?.kind === 'string') return `${READ_ONLY}: ${next.text} where a table goes would read a file or a web address. Name a loaded table instead.`;
    if (next?.kind === 'ident' && /[./\\:*?]/.test(next.name)) return `${READ_ONLY}: ${next.text} looks like a file name, which DuckDB would read. Name a loaded table instead.`;
  }
  return null;
}

/**
 * Check a query typed into the console. OK: the one statement, as it will run (comments removed, no
 * trailing semicolon) and its first keyword. Otherwise a message saying what is wrong and where.
 */
export function guardConsoleSql(text: string): GuardResult {
  const scanned = scan(text);
  if (typeof scanned === 'string') return { ok: false, message: scanned };
  const tokens = [...scanned.tokens];
  while (tokens.at(-1)?.kind === 'punct' && tokens.at(-1)!.text === ';') tokens.pop();
  if (!tokens.length) return { ok: false, message: 'Type a query first, for example: SELECT * FROM referrals LIMIT 10' };
  if (tokens.some((t) => t.kind === 'punct' && t.text === ';')) {
    return { ok: false, message: 'Only one statement can run at a time: remove the text after the first semicolon (;).' };
  }
  // The first keyword, past any opening brackets ("(SELECT …) UNION (SELECT …)").
  const first = tokens.find((t) => !(t.kind === 'punct' && t.text === '('));
  const keyword = first?.kind === 'word' ? first.upper : '';
  if (!(ALLOWED_FIRST as readonly string[]).includes(keyword)) {
    const what = first?.kind === 'word' ? first.text.toUpperCase() : first?.text ?? '';
    return {
      ok: false,
      message: `${READ_ONLY}: a query must start with ${ALLOWED_FIRST.slice(0, -1).join(', ')} or TABLE, not ${what}. ` +
        'It reads the loaded tables and never changes them.'
    };
  }
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'word') continue;
    const why = FORBIDDEN_WORDS[t.upper];
    // "ON CONFLICT … DO UPDATE SET" cannot occur in a read; SET is refused wherever it is.
    if (why) return { ok: false, message: `${READ_ONLY}: ${t.upper} is not allowed (${why}).` };
    const next = tokens[k + 1];
    if (next?.kind === 'punct' && next.text === '(' && FORBIDDEN_FUNCTIONS.has(t.text.toLowerCase())) {
      return { ok: false, message: `${READ_ONLY}: ${t.text.toLowerCase()}() reaches files, settings or SQL outside the loaded tables, so it is not allowed.` };
    }
  }
  const file = fileInFrom(tokens);
  if (file) return { ok: false, message: file };
  // The text as scanned, without its comments (a trailing "-- note" would otherwise swallow the bracket
  // the pager closes around it) and without the semicolons at its end.
  return { ok: true, sql: scanned.code.replace(/[\s;]+$/, '').trim(), keyword };
}
