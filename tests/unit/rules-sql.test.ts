/**
 * The referral rules (db/sql/rules.ts) on hand-made rows in a real DuckDB: each row's expected
 * answer is worked out in its comment. And each rule is written once: no SQL file spells it again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { DbClient } from '../../src/lib/db/client';
import { ACCEPTED, CLOSED_UNDATED, FY, OPEN_CASELOAD, STILL_WAITING, WAIT } from '../../src/lib/db/sql/rules';
import { measureById } from '../../src/lib/domain/measures';
import { annualRateCi } from '../../src/lib/domain/rates';
import { RULE_NOTES } from '../../src/lib/domain/rule-notes';
import { rateCi } from '../../src/lib/domain/stats/poisson';
import { waitingSeriesById } from '../../src/lib/domain/waiting-measures';
import { openNodeDb } from '../../scripts/lib/node-db';

let db: DbClient;
beforeAll(async () => {
  db = await openNodeDb();
  await db.exec(`CREATE TABLE referrals AS SELECT id, referral_date::DATE AS referral_date, first_contact_date::DATE AS first_contact_date,
      end_date::DATE AS end_date, status FROM (VALUES
    ('a', '2024-03-01', NULL, NULL, 'waiting'),             -- waiting on 31 March; not taken on
    ('b', '2024-03-01', '2024-03-20', NULL, 'accepted'),    -- contacted 20 March: not waiting on the 31st; open
    ('c', '2024-03-01', '2024-04-10', NULL, 'accepted'),    -- contacted after the 31st: waiting then; a wait in 2024/25
    ('d', '2024-03-01', NULL, '2024-03-15', 'withdrawn'),   -- ended before the 31st
    ('e', '2024-03-01', NULL, NULL, 'dna'),                 -- closed with no date: never waiting; accepted (booked)
    ('f', '2024-04-02', NULL, NULL, 'waiting'),             -- referred after the 31st
    ('g', '2024-03-01', '2024-03-05', '2024-03-25', 'completed'), -- contacted and ended before the 31st
    ('h', '2024-03-01', '2024-02-20', NULL, 'accepted'),    -- first contact before referral: not a wait
    ('i', '2024-03-01', '2024-03-10', NULL, 'declined'),    -- declined (closed, undated): never accepted, never open
    ('j', '2024-03-01', '2024-03-10', NULL, NULL),          -- blank status, contacted: accepted and open
    ('k', '2024-03-01', NULL, '2024-04-30', NULL)           -- ends after the 31st, never contacted: waiting then
  ) t(id, referral_date, first_contact_date, end_date, status)`);
}, 60_000);

const ids = async (where: string) => (await db.query<{ id: string }>(`SELECT id FROM referrals WHERE ${where} ORDER BY id`)).map((r) => r.id);

describe('referral rules', () => {
  test('still waiting on a day', async () => {
    expect(await ids(STILL_WAITING.on(`DATE '2024-03-31'`))).toEqual(['a', 'c', 'k']);
  });

  test('closed with no end date', async () => {
    // e (did not attend) and i (declined) have closing statuses and no end date.
    expect(await ids(CLOSED_UNDATED.sql)).toEqual(['e', 'i']);
  });

  test('a wait: first contact in the period, not before the referral; its length in days', async () => {
    expect(await ids(WAIT.counted(`DATE '2024-03-01'`, `DATE '2024-03-31'`))).toEqual(['b', 'g', 'i', 'j']);
    expect(await ids(WAIT.counted(`DATE '2024-04-01'`, `DATE '2025-03-31'`))).toEqual(['c']);
    const [c] = await db.query<{ d: number }>(`SELECT ${WAIT.days()}::INTEGER AS d FROM referrals WHERE id = 'c'`);
    expect(c!.d).toBe(40); // 1 March to 10 April
  });

  test('accepted, and open on a day', async () => {
    expect(await ids(ACCEPTED.sql)).toEqual(['b', 'c', 'e', 'g', 'h', 'j']);
    // Taken on by the 31st and not closed: b, h (contacted 20 Feb) and j; g ended; i declined; c contacted later.
    expect(await ids(OPEN_CASELOAD.on(`DATE '2024-03-31'`))).toEqual(['b', 'h', 'j']);
  });

  test('a financial year from its label', async () => {
    const rows = await db.query<{ fy_start: string; fy_end: string; n: number }>(
      `WITH ${FY.ctes} SELECT strftime(fy_start, '%Y-%m-%d') AS fy_start, strftime(fy_end, '%Y-%m-%d') AS fy_end,
        (SELECT count(*) FROM referrals WHERE ${FY.contains('referral_date')})::INTEGER AS n FROM fy`,
      ['2023/24']
    );
    expect(rows).toEqual([{ fy_start: '2023-04-01', fy_end: '2024-03-31', n: 10 }]);
  });

  test('each rule is spelled once in the SQL', () => {
    const dir = path.resolve(__dirname, '../../src/lib/db/sql');
    const sources = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(path.join(dir, f), 'utf8'));
    const count = (needle: RegExp) => sources.reduce((n, s) => n + (s.match(needle)?.length ?? 0), 0);
    expect(count(/'declined', 'withdrawn', 'dna', 'completed'/g)).toBe(1);
    expect(count(/first_contact_date IS NULL OR first_contact_date >/g)).toBe(0);
    expect(count(/>= referral_date/g)).toBe(0);
    expect(count(/make_date\(TRY_CAST\(left\(\$\{label\}, 4\)/g)).toBe(2); // fy_start and fy_end, in rules.ts (FY.start, FY.end)
    expect(count(/make_date\(TRY_CAST\(left\(fy, 4\)/g)).toBe(0);
  });
});

describe('one sentence per rule, quoted where it is used', () => {
  test('each SQL rule carries its sentence, and the notes of the measures built on it quote it', () => {
    expect(STILL_WAITING.note).toBe(RULE_NOTES.stillWaiting);
    expect(WAIT.note).toBe(RULE_NOTES.wait);
    expect(CLOSED_UNDATED.note).toBe(RULE_NOTES.closedUndated);
    expect(measureById('waiting_per_1000').how).toContain(RULE_NOTES.stillWaiting);
    expect(measureById('waiting_per_1000').how).toContain(RULE_NOTES.closedUndated);
    expect(measureById('median_wait_days').how).toContain(RULE_NOTES.wait);
    expect(waitingSeriesById('waiting').how).toContain(RULE_NOTES.stillWaiting);
    expect(waitingSeriesById('median_wait_days').how).toContain(RULE_NOTES.wait);
  });

  test('the referral rate per 1,000 a year: the Poisson interval per 1,000, annualised by the months covered', () => {
    // 30 referrals in 6 months among 10,000 people: 3 per 1,000 in six months, 6 a year.
    const r = annualRateCi(30, 10_000, 6)!;
    const ci = rateCi(30, 10_000, 1000)!;
    expect(r.value).toBeCloseTo(6, 12);
    expect(r.lower).toBeCloseTo(ci.lower * 2, 12);
    expect(r.upper).toBeCloseTo(ci.upper * 2, 12);
    expect(annualRateCi(30, 10_000, 0)).toBeNull();
    expect(annualRateCi(30, 0, 12)).toBeNull();
  });
});
