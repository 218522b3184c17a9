// How the views' statements bind parameters (db/sql/params.ts): duckdb-wasm sends every parameter as text, so a
// parameter DuckDB types as anything but text (`?::DATE`) makes it plan the statement again at every run.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import type { DbClient } from '../../src/lib/db/client';
import { DATE_PARAM } from '../../src/lib/db/sql/params';
import { openNodeDb } from '../../scripts/lib/node-db';

const SQL_DIR = path.resolve(__dirname, '../../src/lib/db/sql');

test('no statement types a parameter as anything but text (?::VARCHAR); dates go through DATE_PARAM', () => {
  const typed: string[] = [];
  for (const f of readdirSync(SQL_DIR, { recursive: true }) as string[]) {
    if (!f.endsWith('.ts')) continue;
    readFileSync(path.join(SQL_DIR, f), 'utf8').split('\n').forEach((line, i) => {
      // Comments may name the pattern to say why it is not used.
      if (/^\s*(\*|\/\/)/.test(line)) return;
      for (const m of line.matchAll(/\?::([A-Z]+)/g)) if (m[1] !== 'VARCHAR') typed.push(`${f}:${i + 1} ?::${m[1]}`);
    });
  }
  expect(typed).toEqual([]);
});

let db: DbClient;
beforeAll(async () => {
  db = await openNodeDb();
});

test('DATE_PARAM reads the text of a date as that date, run after run of the same prepared statement', async () => {
  const sql = `SELECT ${DATE_PARAM} AS d, last_day(${DATE_PARAM}) AS e`;
  for (const [from, to, end] of [['2024-04-01', '2024-02-01', '2024-02-29'], ['2023-04-01', '2023-02-01', '2023-02-28']] as const) {
    const [row] = await db.query<{ d: unknown; e: unknown }>(`SELECT strftime(d, '%Y-%m-%d') AS d, strftime(e, '%Y-%m-%d') AS e FROM (${sql})`, [from, to]);
    expect(row).toEqual({ d: from, e: end });
  }
  await expect(db.query(sql, ['2024-13-01', '2024-01-01'])).rejects.toThrow();
});
