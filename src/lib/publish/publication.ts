/**
 * "Publish for commissioners" (SPEC section 5): the aggregate tables the Map, area profiles,
 * Overview and Waiting lists need, small numbers already suppressed, as Parquet files with a
 * manifest, zipped so the analyst can unzip them into the `data/` folder next to the built app on
 * any static host. Never a record-level row: every table is an aggregate by area, year or month,
 * and the identifiers of referrals, providers' clients or funding lines are never read out.
 *
 * Suppression uses the same rules as the views (domain/measures.ts areaCountSuppression,
 * domain/waiting-measures.ts suppressWaitingRows): a suppressed count is null in the file with a
 * `<count>_suppressed` flag, so the published dashboard shows `*` where the analyst saw `*`.
 */
import { zipSync, strToU8 } from 'fflate';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { DbClient } from '../db/client';
import { RECORDS } from '../db/source';
import type { AggregateLevel } from '../db/sql/area-measures';
import type { PublishedTable } from '../db/sql/published';
import { WAITING_BY } from '../db/sql/waiting';
import { AREA_COUNTS, areaCountSuppression, type AreaAggregateRow } from '../domain/measures';
import { DEFAULT_SUPPRESSION, type SuppressionOptions } from '../domain/stats/suppression';
import { suppressWaitingRows } from '../domain/waiting-measures';
import { monthCompleteness } from '../domain/completeness';

export interface PublicationFile {
  path: string;
  bytes: Uint8Array;
}

export interface Publication {
  manifest: PublishedManifest;
  files: PublicationFile[];
  rows: Record<PublishedTable, number>;
}

export interface PublishedManifest {
  title: string;
  published: string;
  suppression: { maxSuppressed: number };
  /** No record-level extracts: the app reads these aggregate tables. */
  files: [];
  aggregates: { table: PublishedTable; path: string }[];
}

type Row = Record<string, string | number | boolean | null>;

/** The Map's aggregates for every year and level, suppressed as the views suppress them. */
export async function publishedAreaRows(db: DbClient, options: Partial<SuppressionOptions> = DEFAULT_SUPPRESSION): Promise<Row[]> {
  const levels: AggregateLevel[] = ['area'];
  if ((await RECORDS.parents(db)).length) levels.push('parent');
  if (await RECORDS.canRollUp(db)) levels.push('all');
  const out: Row[] = [];
  for (const { fy } of await RECORDS.years(db)) {
    for (const level of levels) {
      const rows = await RECORDS.aggregates(db, fy, level);
      const hidden = areaCountSuppression(rows, options);
      rows.forEach((r, i) => {
        const row: Row = { level, fy, ...(r as unknown as Row) };
        for (const c of AREA_COUNTS) {
          const suppressed = hidden.isSuppressed(i, c);
          row[`${c}_suppressed`] = suppressed;
          if (suppressed) row[c] = null;
        }
        // The median wait rests on the people first contacted.
        if (row.first_contacts_suppressed) row.median_wait_days = null;
        out.push(row);
      });
    }
  }
  return out;
}

/**
 * The waiting-list series for every breakdown over the whole range, suppressed. Each row carries
 * accepted_incomplete: why its month's accepted referrals are not all in yet ('recent' or 'partial',
 * domain/completeness.ts), or null; a publication has no delays to judge it from again, only this verdict.
 */
export async function publishedWaitingRows(db: DbClient, options: Partial<SuppressionOptions> = DEFAULT_SUPPRESSION): Promise<Row[]> {
  const range = await RECORDS.waitingRange(db);
  if (!range) return [];
  const inputs = await RECORDS.completeness(db);
  const out: Row[] = [];
  for (const by of WAITING_BY) {
    const rows = await RECORDS.waitingSeries(db, { from: range.from, to: range.to, by });
    const reasons = new Map(monthCompleteness([...new Set(rows.map((r) => r.month))], inputs).map((c) => [c.month, c.reason]));
    for (const r of suppressWaitingRows(rows as unknown as (Row & { group: string | null; month: string })[], options)) {
      out.push({ by, ...r, accepted_incomplete: reasons.get(r.month) ?? null });
    }
  }
  return out;
}

/** Parquet bytes for rows of plain values; a column's type from its first non-null value. */
export function toParquet(rows: Row[]): Uint8Array {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const columnData = names.map((name) => {
    const data = rows.map((r) => (r[name] === undefined ? null : r[name]));
    const first = data.find((v) => v !== null);
    const type = typeof first === 'boolean' ? 'BOOLEAN' : typeof first === 'number' ? 'DOUBLE' : 'STRING';
    return { name, data: type === 'STRING' ? data.map((v) => (v === null ? null : String(v))) : data, type } as const;
  });
  return new Uint8Array(parquetWriteBuffer({ columnData: columnData as unknown as Parameters<typeof parquetWriteBuffer>[0]['columnData'] }));
}

export async function buildPublication(
  db: DbClient,
  opts: { title: string; today: string; suppression?: Partial<SuppressionOptions> }
): Promise<Publication> {
  const suppression = opts.suppression ?? DEFAULT_SUPPRESSION;
  const area = await publishedAreaRows(db, suppression);
  const waiting = await publishedWaitingRows(db, suppression);
  const files: PublicationFile[] = [];
  const aggregates: PublishedManifest['aggregates'] = [];
  for (const [table, rows] of [['pub_area', area], ['pub_waiting', waiting]] as const) {
    if (!rows.length) continue;
    const path = `published/${table.replace('pub_', '')}.parquet`;
    files.push({ path, bytes: toParquet(rows) });
    aggregates.push({ table, path });
  }
  const manifest: PublishedManifest = {
    title: opts.title.trim() || 'Social prescribing dashboard',
    published: opts.today,
    suppression: { maxSuppressed: suppression.maxSuppressed ?? DEFAULT_SUPPRESSION.maxSuppressed },
    files: [],
    aggregates
  };
  return { manifest, files, rows: { pub_area: area.length, pub_waiting: waiting.length } };
}

/** The publication as a zip of a `data/` folder, to unzip next to the built app's index.html. */
export function zipPublication(p: Publication): Uint8Array {
  const entries: Record<string, Uint8Array> = { 'data/manifest.json': strToU8(JSON.stringify(p.manifest, null, 2) + '\n') };
  for (const f of p.files) entries[`data/${f.path}`] = f.bytes;
  return zipSync(entries, { level: 6 });
}
