/**
 * The source line every chart and export carries (SPEC section 5):
 *   "Source: referrals.csv (loaded 24 Nov 2026); Fairshare"
 * naming the files behind the tables the chart reads, and saying when synthetic demo data is used.
 */
export interface SourceInfo {
  table_name: string;
  file_name: string;
  origin: 'upload' | 'published' | 'demo';
  loaded_at: string;
}

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

function day(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : DATE.format(d);
}

export function sourceLine(sources: SourceInfo[], tables: string[]): string {
  const used = sources.filter((s) => tables.includes(s.table_name));
  if (!used.length) return 'Source: no data loaded; Fairshare';
  if (used.every((s) => s.origin === 'demo')) return 'Source: Fairshare synthetic demo data (not real); Fairshare';
  const files = used.map((s) => `${s.file_name}${s.origin === 'demo' ? ' (synthetic demo)' : ''} (loaded ${day(s.loaded_at)})`);
  return `Source: ${[...new Set(files)].join(', ')}; Fairshare`;
}
