/**
 * Descriptive file names for exports: the chart's id, then the period and the filters its subtitle
 * states, e.g. `dft-by-area_2024-25.png` or `waiting-trend_2022-04-to-2025-03_blackpool-lancashire.csv`.
 * Names are ASCII, lower case and safe on Windows, macOS and Linux; they never hold more than ~100 characters.
 */

const MONTHS: Record<string, string> = {
  jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06', jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12'
};

/** 'Blackburn with Darwen' → 'blackburn-with-darwen'; accents dropped, anything else becomes a hyphen. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A period as a name part: 'Apr 2022 to Mar 2025' → '2022-04-to-2025-03'; '2024/25' → '2024-25'. */
export function periodPart(text: string): string | null {
  const month = /\b([A-Z][a-z]{2})[a-z]* (\d{4})\b/g;
  const months = [...text.matchAll(month)].filter((m) => MONTHS[m[1]!.toLowerCase()]);
  if (months.length) return months.map((m) => `${m[2]}-${MONTHS[m[1]!.toLowerCase()]}`).join('-to-');
  const fy = text.match(/\b(\d{4})\/(\d{2})\b/g);
  if (fy) return fy.map((y) => y.replace('/', '-')).join('-to-');
  return null;
}

/**
 * The parts of a subtitle worth a place in a file name: the period first, then the values of each
 * filter ("areas: Blackpool, Lancashire" → 'blackpool-lancashire'). Defaults ("all areas"), notes on
 * filters that do not apply, settings (need weights) and descriptions ("23 areas", "by IMD decile")
 * are left out: they would only lengthen the name.
 */
export function subtitleParts(subtitle: string): string[] {
  const out: string[] = [];
  let period: string | null = null;
  for (const raw of subtitle.split(/\s+·\s+|;\s+/)) {
    const part = raw.trim();
    if (!part || /\bnot apply\b/i.test(part) || /^all\b/i.test(part)) continue;
    const p = periodPart(part);
    if (p && !period) {
      period = p;
      continue;
    }
    const colon = part.indexOf(':');
    if (colon < 0 || /weight/i.test(part.slice(0, colon))) continue;
    const slug = slugify(part.slice(colon + 1));
    if (slug) out.push(slug);
  }
  return period ? [period, ...out] : out;
}

export interface FileNameParts {
  /** The chart's id ('waiting-trend') or, failing that, its title. */
  id: string;
  subtitle?: string;
  /** Overrides for what the subtitle would give. */
  period?: string | null;
  area?: string | null;
  /** Added before the extension, e.g. '300dpi'. */
  suffix?: string;
}

const MAX = 100;

export function exportFileName(parts: FileNameParts, ext: string): string {
  const fromSubtitle = parts.period === undefined && parts.area === undefined ? subtitleParts(parts.subtitle ?? '') : [];
  const explicit = [parts.period ? periodPart(parts.period) ?? slugify(parts.period) : null, parts.area ? slugify(parts.area) : null];
  const pieces = [slugify(parts.id) || 'chart', ...explicit.filter((p): p is string => !!p), ...fromSubtitle];
  const suffix = parts.suffix ? `_${slugify(parts.suffix)}` : '';
  // Keep whole parts while they fit; a single over-long part is cut at a hyphen.
  let name = pieces[0]!.slice(0, MAX);
  for (const p of pieces.slice(1)) {
    if (name.length + 1 + p.length + suffix.length > MAX) {
      const room = MAX - name.length - 1 - suffix.length;
      if (room > 12) name += `_${p.slice(0, room).replace(/-[^-]*$/, '')}`;
      break;
    }
    name += `_${p}`;
  }
  return `${name}${suffix}.${ext.replace(/^\./, '')}`;
}
