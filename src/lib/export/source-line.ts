/**
 * The source line every chart and export carries (SPEC section 5):
 *   "Source: referrals.csv (loaded 24 Nov 2026); Fairshare"
 * naming the files behind the tables the chart reads, and saying when synthetic demo data is used.
 */
export interface SourceInfo {
  table_name: string;
  file_name: string;
  /** 'reference': the built-in population and deprivation (file_name says which, with its vintage). */
  origin: 'upload' | 'published' | 'demo' | 'reference';
  loaded_at: string;
}

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

function day(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : DATE.format(d);
}

/** How a source line, the banner and the Data page name where a table came from. */
export const ORIGIN_WORDS: Record<SourceInfo['origin'], string> = {
  upload: 'your file',
  demo: 'synthetic demo data',
  published: 'published',
  reference: 'built in'
};

/**
 * One line naming every source behind `tables`: all demo ("synthetic demo data (not real)"), the user's
 * files with the day each was loaded, a published dashboard, the built-in reference with its vintage;
 * and a mix of the user's files with demo tables named as a mix, table by table.
 */
export function sourceLine(sources: SourceInfo[], tables: string[]): string {
  const used = sources.filter((s) => tables.includes(s.table_name));
  if (!used.length) return 'Source: no data loaded; Fairshare';
  const own = used.filter((s) => s.origin !== 'reference');
  const reference = used.filter((s) => s.origin === 'reference').map((s) => s.file_name);
  const demo = own.filter((s) => s.origin === 'demo');
  const files = own.filter((s) => s.origin !== 'demo');
  const named = (rows: SourceInfo[]) =>
    [...new Set(rows.map((s) => `${s.file_name} (${s.origin === 'published' ? 'published' : 'loaded'} ${day(s.loaded_at)})`))].join(', ');
  const parts: string[] = [];
  if (demo.length && !files.length) parts.push('Fairshare synthetic demo data (not real)');
  else if (demo.length) {
    const demoTables = [...new Set(demo.map((s) => s.table_name))].join(', ');
    parts.push(`a mix of your files and synthetic demo data: ${named(files)}; ${demoTables}: Fairshare synthetic demo data (not real)`);
  } else if (files.length) parts.push(named(files));
  parts.push(...new Set(reference));
  return `Source: ${parts.join('; ')}; Fairshare`;
}
