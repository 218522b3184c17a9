// The prepared-statement cache (db/statement-cache.ts): least recently used evicted and closed, a failing
// cached statement retried fresh, and, in a real DuckDB, a cached statement sees a table replaced since.
import { describe, expect, test } from 'vitest';
import { StatementCache } from '../../src/lib/db/statement-cache';
import { openNodeDb } from '../../scripts/lib/node-db';

class FakeStatement {
  closed = false;
  fail = false;
  constructor(readonly sql: string) {}
  async query(x: number): Promise<string> {
    if (this.fail) throw new Error(`stale ${this.sql}`);
    return `${this.sql}:${x}`;
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

function fakeCache(capacity: number) {
  const prepared: FakeStatement[] = [];
  const cache = new StatementCache(async (sql) => {
    if (sql === 'bad') throw new Error('syntax error');
    const s = new FakeStatement(sql);
    prepared.push(s);
    return s;
  }, capacity);
  return { cache, prepared };
}

describe('statement cache', () => {
  test('prepares a text once and reuses it with new values', async () => {
    const { cache, prepared } = fakeCache(4);
    expect(await cache.run('a', (s) => s.query(1))).toBe('a:1');
    expect(await cache.run('a', (s) => s.query(2))).toBe('a:2');
    expect(prepared).toHaveLength(1);
  });

  test('evicts and closes the least recently used beyond its capacity', async () => {
    const { cache, prepared } = fakeCache(2);
    await cache.run('a', (s) => s.query(1));
    await cache.run('b', (s) => s.query(1));
    await cache.run('a', (s) => s.query(1)); // a is now the most recent
    await cache.run('c', (s) => s.query(1)); // evicts b
    expect(cache.size).toBe(2);
    expect(prepared.map((p) => [p.sql, p.closed])).toEqual([['a', false], ['b', true], ['c', false]]);
    await cache.run('b', (s) => s.query(1)); // prepared again, evicting a
    expect(prepared.filter((p) => p.sql === 'b')).toHaveLength(2);
    expect(prepared[0]!.closed).toBe(true);
  });

  test('a cached statement that fails is closed and the query tried once with a fresh one', async () => {
    const { cache, prepared } = fakeCache(4);
    await cache.run('a', (s) => s.query(1));
    prepared[0]!.fail = true;
    expect(await cache.run('a', (s) => s.query(2))).toBe('a:2');
    expect(prepared).toHaveLength(2);
    expect(prepared[0]!.closed).toBe(true);
  });

  test('an error of the query itself reaches the caller and nothing failing is kept', async () => {
    const { cache } = fakeCache(4);
    await expect(cache.run('bad', async () => 'never')).rejects.toThrow('syntax error');
    await expect(cache.run('a', async () => { throw new Error('conversion'); })).rejects.toThrow('conversion');
    expect(cache.size).toBe(0);
  });

  test('in DuckDB, a cached statement reads a table replaced or dropped since it was prepared', async () => {
    const db = await openNodeDb();
    const sql = 'SELECT count(*)::INTEGER AS n, max(x)::INTEGER AS top FROM t WHERE x >= ?';
    await db.exec('CREATE TABLE t AS SELECT range::INTEGER AS x FROM range(10)');
    expect(await db.query(sql, [5])).toEqual([{ n: 5, top: 9 }]);
    await db.exec('DROP TABLE t; CREATE TABLE t AS SELECT range::INTEGER AS x FROM range(100)');
    expect(await db.query(sql, [5])).toEqual([{ n: 95, top: 99 }]);
    await db.exec('INSERT INTO t VALUES (1000)');
    expect(await db.query(sql, [5])).toEqual([{ n: 96, top: 1000 }]);
    // A different column type under the same name.
    await db.exec(`DROP TABLE t; CREATE TABLE t AS SELECT (range * 2)::BIGINT AS x FROM range(3)`);
    expect(await db.query(sql, [1])).toEqual([{ n: 2, top: 4 }]);
    await db.exec('DROP TABLE t');
    await expect(db.query(sql, [1])).rejects.toThrow(/t/);
  });
});

describe('statement cache, reads sent together', () => {
  test('two reads of a text not yet prepared share one statement', async () => {
    const { cache, prepared } = fakeCache(4);
    const [a, b] = await Promise.all([cache.run('q', (s) => s.query(1)), cache.run('q', (s) => s.query(2))]);
    expect([a, b]).toEqual(['q:1', 'q:2']);
    expect(prepared).toHaveLength(1);
    expect(prepared[0]!.closed).toBe(false);
    expect(cache.size).toBe(1);
  });
});
