// The SQL console's guard, pager and sandbox against a real DuckDB (the node build), on a small table
// whose answers are worked out by hand: 250 rows, area 'A' for i % 5 = 0 (50 rows), 'B' otherwise (200).
import { beforeAll, describe, expect, test } from 'vitest';
import type { DbClient } from '../../src/lib/db/client';
import { cleanDuckDbError, consoleCatalog, consolePage, consoleResult } from '../../src/lib/db/sql/console';
import { guardConsoleSql } from '../../src/lib/db/sql/console-guard';
import { openNodeDb } from '../../scripts/lib/node-db';

let db: DbClient;
const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table}`))[0]!.n;

beforeAll(async () => {
  db = await openNodeDb();
  await db.exec(`CREATE TABLE cases AS SELECT range::INTEGER AS i, CASE WHEN range % 5 = 0 THEN 'A' ELSE 'B' END AS area,
    DATE '2024-01-01' + range::INTEGER AS day, (range * 0.5)::DECIMAL(10,2) AS cost FROM range(250)`);
});

describe('the guard', () => {
  const ok = (sql: string) => guardConsoleSql(sql).ok;
  const message = (sql: string) => {
    const r = guardConsoleSql(sql);
    return r.ok ? '' : r.message;
  };

  test('lets through one read: each allowed first keyword, brackets, comments and a trailing semicolon', () => {
    for (const q of ['SELECT 1', 'with x as (select 1) select * from x', 'FROM cases', 'VALUES (1)', 'DESCRIBE cases', 'SUMMARIZE cases',
      'SHOW TABLES', 'EXPLAIN SELECT 1', 'PIVOT cases ON area USING count(*)', 'UNPIVOT (SELECT 1 a, 2 b) ON a, b', 'TABLE cases',
      '(SELECT 1) UNION (SELECT 2)', '-- note\nSELECT 1; ', 'SELECT 1 /* ; DROP TABLE cases */', "SELECT ';' AS semi, 'DROP' AS d", 'SELECT "load" FROM (SELECT 1 AS "load")']) {
      expect(guardConsoleSql(q), q).toMatchObject({ ok: true });
    }
  });

  test('runs the text without its comments and trailing semicolons', () => {
    expect(guardConsoleSql('SELECT 1 -- a note\n;;')).toEqual({ ok: true, sql: 'SELECT 1', keyword: 'SELECT' });
    expect(guardConsoleSql("SELECT '--not a comment' /* gone */ AS x")).toMatchObject({ sql: "SELECT '--not a comment'   AS x" });
  });

  test('refuses statements that change things, naming the read-only rule', () => {
    for (const q of ['DROP TABLE cases', 'INSERT INTO cases VALUES (1)', 'update cases set i = 1', 'DELETE FROM cases', 'CREATE TABLE x (i INT)',
      'ALTER TABLE cases ADD COLUMN z INT', 'TRUNCATE cases']) {
      expect(message(q), q).toMatch(/^The SQL console is read-only: a query must start with SELECT/);
    }
  });

  test('refuses a write behind an allowed first keyword (DuckDB would run these)', () => {
    expect(message('WITH x AS (SELECT 1) DELETE FROM cases')).toMatch(/read-only: DELETE is not allowed/);
    expect(message('WITH x AS (SELECT 1) INSERT INTO cases SELECT * FROM cases')).toMatch(/read-only: INSERT is not allowed/);
    expect(message('EXPLAIN ANALYZE UPDATE cases SET i = 0')).toMatch(/read-only: UPDATE is not allowed/);
    expect(message('EXPLAIN CREATE TABLE x AS SELECT 1')).toMatch(/read-only: CREATE is not allowed/);
    // DuckDB's own SELECT * REPLACE (…) is a read, and replace() a function: both fine.
    expect(ok("SELECT * REPLACE (i + 1 AS i), replace(area, 'A', 'Z') FROM cases")).toBe(true);
  });

  test('refuses a second statement, even after a read', () => {
    expect(message('SELECT 1; DROP TABLE cases')).toMatch(/Only one statement/);
    expect(message("SELECT 'a''b'; SELECT 2")).toMatch(/Only one statement/);
  });

  test('refuses files, extensions, settings and SQL in strings, wherever they are', () => {
    expect(message("SELECT * FROM read_csv('x.csv')")).toMatch(/read-only: read_csv\(\)/);
    expect(message("SELECT * FROM cases, READ_PARQUET ('x.parquet')")).toMatch(/read_parquet\(\)/);
    expect(message("SELECT * FROM query('DROP TABLE cases')")).toMatch(/query\(\)/);
    expect(message("SELECT 'threads'.current_setting()")).toMatch(/current_setting\(\)/);
    expect(message("SELECT * FROM 'data.csv'")).toMatch(/read a file or a web address/);
    expect(message("SELECT * FROM cases JOIN ('https://example.com/x.csv') USING (i)")).toMatch(/web address/);
    expect(message('SELECT * FROM cases, "x.parquet"')).toMatch(/looks like a file name/);
    expect(message("DESCRIBE 'x.csv'")).toMatch(/read a file/);
    expect(message("SELECT 1 FROM cases WHERE (SELECT 1 FROM cases) = 1 UNION SELECT 1 FROM 'a.csv'")).toMatch(/read a file/);
    for (const w of ['COPY', 'ATTACH', 'INSTALL', 'LOAD', 'SET', 'PRAGMA', 'CALL', 'EXPORT', 'IMPORT', 'CHECKPOINT']) {
      expect(message(`SELECT 1 AS x, ${w} y`), w).toMatch(new RegExp(`^The SQL console is read-only: ${w} is not allowed`));
    }
    expect(message('WITH x AS (SELECT 1) SELECT * FROM x; COPY x TO \'f.csv\'')).toMatch(/Only one statement/);
  });

  test('refuses quoting it cannot read the way DuckDB does, and parameters', () => {
    expect(message("SELECT E'\\''; DROP TABLE cases; --'")).toMatch(/E'…' escape strings/);
    expect(message("SELECT $$'$$; DROP TABLE cases; --'")).toMatch(/Dollar-quoted/);
    expect(message('SELECT * FROM cases WHERE i = ?')).toMatch(/Parameters/);
    expect(message('SELECT * FROM cases WHERE i = $1')).toMatch(/Parameters/);
    expect(message("SELECT 'open")).toMatch(/string is not closed/);
    expect(message('SELECT 1 /* open')).toMatch(/comment is not closed/);
    expect(message('  ')).toMatch(/Type a query/);
  });

  test('a string that merely mentions a forbidden word is fine; a column of that name is fine quoted', () => {
    expect(ok("SELECT 'COPY read_csv(x) ATTACH' AS words")).toBe(true);
    expect(ok('SELECT "set" FROM (SELECT 1 AS "set")')).toBe(true);
  });
});

describe('pages of a result in a real DuckDB', () => {
  test('a GROUP BY: rows, types and the total', async () => {
    const r = await consolePage(db, 'SELECT area, count(*) AS n, sum(i) AS total, sum(cost) AS cost FROM cases GROUP BY area ORDER BY area');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // A: i = 0, 5, …, 245 → 50 rows, sum 5 × (0 + … + 49) = 6125; all 250 rows sum to 31125, so B is 25000.
    // cost is i / 2: A 3062.5, B 12500.
    expect(r.value.rows).toEqual([['A', 50, 6125, 3062.5], ['B', 200, 25000, 12500]]);
    expect(r.value.total).toBe(2);
    expect(r.value.columns.map((c) => [c.name, c.kind])).toEqual([['area', 'text'], ['n', 'number'], ['total', 'number'], ['cost', 'number']]);
    expect(r.value.columns[0]!.type).toBe('VARCHAR');
  });

  test('a large result is fetched a page at a time, in the query\'s order', async () => {
    const first = await consolePage(db, 'SELECT i, day FROM cases ORDER BY i DESC', 0, 100);
    const third = await consolePage(db, 'SELECT i, day FROM cases ORDER BY i DESC', 200, 100);
    if (!first.ok || !third.ok) throw new Error('query failed');
    expect(first.value.total).toBe(250);
    expect(first.value.rows.length).toBe(100);
    expect(first.value.rows[0]).toEqual([249, '2024-09-06']); // 1 Jan 2024 + 249 days (a leap year)
    expect(third.value.rows.map((r) => r[0])).toEqual(Array.from({ length: 50 }, (_, k) => 49 - k));
    expect(third.value.paged).toBe(true);
  });

  test('EXPLAIN, PIVOT and DESCRIBE, which DuckDB treats differently, all give a page', async () => {
    const explain = await consolePage(db, 'EXPLAIN SELECT * FROM cases');
    expect(explain.ok && explain.value.paged === false && explain.value.total > 0).toBe(true);
    // Even i: 125 of 250; among A's (multiples of 5) the multiples of 10, 25 of 50, so B has 100 even and 100 odd.
    const pivot = await consolePage(db, 'PIVOT (SELECT area, i % 2 = 0 AS even FROM cases) ON area USING count(*) GROUP BY even ORDER BY even');
    if (!pivot.ok) throw new Error(pivot.message);
    expect(pivot.value.rows).toEqual([[false, 25, 100], [true, 25, 100]]);
    const describe = await consolePage(db, 'DESCRIBE cases');
    expect(describe.ok && describe.value.rows.map((r) => r[0])).toEqual(['i', 'area', 'day', 'cost']);
  });

  test('the whole result for export, and at most a given number of rows for a chart', async () => {
    const all = await consoleResult(db, 'SELECT i FROM cases WHERE area = \'A\' ORDER BY i');
    expect(all.ok && all.value.rows.length).toBe(50);
    const some = await consoleResult(db, 'SELECT i FROM cases ORDER BY i', 10);
    expect(some.ok && some.value.rows.map((r) => r[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test('a write is refused with the read-only message and the table keeps its rows', async () => {
    for (const q of ['DROP TABLE cases', 'DELETE FROM cases', "UPDATE cases SET area = 'C'", 'INSERT INTO cases SELECT * FROM cases',
      'WITH x AS (SELECT 1) DELETE FROM cases', 'EXPLAIN ANALYZE DELETE FROM cases']) {
      const r = await consolePage(db, q);
      expect(r.ok, q).toBe(false);
      expect(!r.ok && r.message, q).toMatch(/read-only/);
    }
    expect(await count('cases')).toBe(250);
    expect((await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM cases WHERE area = 'C'`))[0]!.n).toBe(0);
  });

  test('DuckDB\'s errors come back cleaned, and the console works on after one', async () => {
    const typo = await consolePage(db, 'SELEC 1');
    expect(typo.ok).toBe(false); // the guard: not a read
    const syntax = await consolePage(db, 'SELECT FROM WHERE cases');
    expect(!syntax.ok && syntax.message).toMatch(/^Syntax error: syntax error at or near/);
    expect(!syntax.ok && syntax.message).not.toMatch(/LINE \d/);
    const missing = await consolePage(db, 'SELECT * FROM casez');
    expect(!missing.ok && missing.message).toMatch(/^Not found: Table with name casez does not exist/);
    const after = await consolePage(db, 'SELECT count(*) AS n FROM cases');
    expect(after.ok && after.value.rows).toEqual([[250]]);
  });
});

describe('the sandbox, the last line of defence', () => {
  test('whatever runs in it is rolled back, even a write that got past the guard', async () => {
    const seen = await db.sandbox(async (run) => {
      await run.prepared('DELETE FROM cases WHERE i < 100');
      await run.prepared('CREATE TABLE made_in_sandbox (x INTEGER)');
      return Number((await run.prepared('SELECT count(*) FROM cases')).getChildAt(0)?.get(0));
    });
    expect(seen).toBe(150);
    expect(await count('cases')).toBe(250);
    expect((await db.query(`SELECT * FROM duckdb_tables() WHERE table_name = 'made_in_sandbox'`)).length).toBe(0);
  });

  test('a prepared statement holding two statements is refused by DuckDB itself', async () => {
    await expect(db.sandbox((run) => run.prepared('SELECT 1; DROP TABLE cases'))).rejects.toThrow(/multiple statements/);
    expect(await count('cases')).toBe(250);
  });

  test('an error inside leaves the sandbox usable', async () => {
    await expect(db.sandbox((run) => run.prepared('SELECT * FROM nowhere'))).rejects.toThrow();
    expect(await db.sandbox(async (run) => (await run.prepared('SELECT 42')).getChildAt(0)?.get(0))).toBe(42);
  });
});

describe('the catalogue', () => {
  test('every table with its columns, types and exact row count', async () => {
    const tables = await consoleCatalog(db);
    const cases = tables.find((t) => t.name === 'cases');
    expect(cases).toEqual({
      name: 'cases', rows: 250,
      columns: [{ name: 'i', type: 'INTEGER' }, { name: 'area', type: 'VARCHAR' }, { name: 'day', type: 'DATE' }, { name: 'cost', type: 'DECIMAL(10,2)' }]
    });
  });
});

test('cleanDuckDbError drops the LINE and caret lines and names the kind of error', () => {
  expect(cleanDuckDbError('Parser Error: syntax error at or near "FROM"\n\nLINE 2: SELECT FROM\n               ^')).toBe('Syntax error: syntax error at or near "FROM"');
  expect(cleanDuckDbError('Catalog Error: Table with name x does not exist!\nDid you mean "cases"?\n\nLINE 1: ...')).toBe('Not found: Table with name x does not exist! Did you mean "cases"?');
  expect(cleanDuckDbError('Conversion Error: Could not convert string \'a\' to INT32')).toBe("Conversion error: Could not convert string 'a' to INT32");
});
