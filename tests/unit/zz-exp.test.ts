import { test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { openNodeDb } from './support/node-db';
import { stageSql, dropStageSql, effectivePlans, textPlansSql, duplicateSql } from '../../src/lib/db/sql/ingest';
import { guessPlans } from '../../src/lib/ingest/plans';
import { detectLayout } from '../../src/lib/ingest/sniff';
import { detectExtract } from '../../src/lib/ingest/detect';

test('exp', async () => {
  const db = await openNodeDb();
  const bytes = new Uint8Array(readFileSync(process.env.EXP_FILE ?? 'bench-data/referrals-iso-1000000.csv'));
  const layout = detectLayout(new TextDecoder().decode(bytes.subarray(0, 262144)));
  if (!layout.ok) throw new Error('layout');
  const det = detectExtract(layout.layout.headers, 'r.csv')!;
  const t = async (label: string, sql: string) => {
    const t0 = performance.now();
    await db.exec(sql);
    console.log(label.padEnd(40), Math.round(performance.now() - t0));
  };
  await db.registerFile('f.csv', bytes.slice());
  const read = { file: 'f.csv', delimiter: ',', skip: 0, columnCount: layout.layout.headers.length };
  const plans = effectivePlans('referrals', det.mapping, guessPlans('referrals', det.mapping, layout.layout.sampleRows));
  const stage = stageSql('referrals', det.mapping, read, '2026-11-24', { plans, store: true });
  writeFileSync('/tmp/exp/stage2.sql', stage);
  writeFileSync('/tmp/exp/check2.sql', textPlansSql('referrals', det.mapping, plans)!);
  const which = (process.env.EXP ?? 'bare,stage').split(',');
  for (const w of which) {
    await db.exec(dropStageSql() + 'DROP TABLE IF EXISTS x;');
    if (w === 'bare') await t('bare', `CREATE TABLE x AS SELECT * FROM read_csv('f.csv')`);
    if (w === 'stage') await t('stage', stage);
    if (w === 'all') { await t('stage', stage); await t('check', textPlansSql('referrals', det.mapping, plans)!); await t('dup', duplicateSql('referrals', null)!); }
    if (w.startsWith('sql:')) { await t('stage', stage); await t(w, readFileSync(w.slice(4), 'utf8')); }
    if (w.startsWith('stagesql:')) await t(w, readFileSync(w.slice(9), 'utf8'));
  }
}, 600000);
