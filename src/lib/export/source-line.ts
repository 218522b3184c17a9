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

export function sourceLine(sources: SourceInfo[], tables: string[]): string {
  const used = sources.filter((s) => tables.includes(s.table_name));
  if (!used.length) return 'Source: no data loaded; Fairshare';
  const own = used.filter((s) => s.origin !== 'reference');
  const reference = used.filter((s) => s.origin === 'reference').map((s) => s.file_name);
  const parts: string[] = [];
  if (own.length && own.every((s) => s.origin === 'demo')) parts.push('Fairshare synthetic demo data (not real)');
  else if (own.length) parts.push([...new Set(own.map((s) => `${s.file_name}${s.origin === 'demo' ? ' (synthetic demo)' : ''} (loaded ${day(s.loaded_at)})`))].join(', '));
  parts.push(...new Set(reference));
  return `Source: ${parts.join('; ')}; Fairshare`;
}
