// The order work is sent to the engine in (db/send-order.ts): reads together, changes one at a time, with a log of
// when each job starts and ends standing in for the worker.
import { describe, expect, test } from 'vitest';
import { onlyReads, SendOrder } from '../../src/lib/db/send-order';

/** A job that logs its start, waits for `release`, then logs its end. */
function gate() {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  return { release, done };
}

describe('send order', () => {
  test('reads start together; a change waits for every read before it, and reads after it wait for it', async () => {
    const order = new SendOrder();
    const log: string[] = [];
    const job = (name: string, g: { done: Promise<void> }) => async () => {
      log.push(`${name} starts`);
      await g.done;
      log.push(`${name} ends`);
      return name;
    };
    const [a, b, c, d] = [gate(), gate(), gate(), gate()];
    const ra = order.read(job('read A', a));
    const rb = order.read(job('read B', b));
    const w = order.change(job('change C', c));
    const rd = order.read(job('read D', d));
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual(['read A starts', 'read B starts']);
    b.release();
    await rb;
    expect(log).toEqual(['read A starts', 'read B starts', 'read B ends']);
    a.release();
    await ra;
    await new Promise((r) => setTimeout(r, 0));
    expect(log.slice(3)).toEqual(['read A ends', 'change C starts']);
    d.release();
    await new Promise((r) => setTimeout(r, 0));
    expect(log).not.toContain('read D starts');
    c.release();
    expect(await w).toBe('change C');
    expect(await rd).toBe('read D');
    expect(log.slice(5)).toEqual(['change C ends', 'read D starts', 'read D ends']);
  });

  test('a failed read or change holds nothing up and keeps its own error', async () => {
    const order = new SendOrder();
    const bad = order.read(async () => { throw new Error('no such table'); });
    const change = order.change(async () => 'changed');
    await expect(bad).rejects.toThrow('no such table');
    expect(await change).toBe('changed');
    const failing = order.change(async () => { throw new Error('constraint'); });
    await expect(failing).rejects.toThrow('constraint');
    expect(await order.read(async () => 'read')).toBe('read');
  });

  test('only reads: queries are reads, anything that writes is a change', () => {
    for (const sql of ['SELECT 1', '  with x AS (SELECT 1) SELECT * FROM x', 'FROM referrals', "SELECT 'DELETE FROM x' AS s", 'DESCRIBE referrals'])
      expect(onlyReads(sql), sql).toBe(true);
    for (const sql of ['INSERT INTO _fs_sources VALUES (?, ?, ?, ?, ?)', 'DELETE FROM _fs_sources WHERE table_name = ?', 'CREATE TABLE t AS SELECT 1',
      'WITH x AS (SELECT 1) DELETE FROM t', 'UPDATE t SET a = 1', 'BEGIN TRANSACTION; INSERT INTO t SELECT 1; COMMIT;'])
      expect(onlyReads(sql), sql).toBe(false);
  });
});
