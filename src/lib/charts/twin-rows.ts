/**
 * A table twin's body rows as HTML text, set whole when what they show changes.
 *
 * Why not a Svelte {#each}: a twin's rows are replaced wholesale on every filter change (new objects from a
 * new query), so per-cell effects buy nothing, and they cost: with 1M referrals loaded, the Capacity view's
 * twins (providers, contracts, areas: a few thousand cells) took ~115 ms of a ~260 ms area-filter change as
 * Svelte blocks, for tables that are closed; made element by element they still took ~19 ms, as one string
 * parsed by the browser a few. The elements and attributes are the same as the {#each} path's in
 * TwinTable.svelte, which is kept for tables with a `cell` snippet or a highlighted row. Every text and
 * attribute value is escaped (the names of areas and providers come from the user's files).
 *
 * The body is replaced only when the text differs from what it shows (TwinTable.svelte also reads the rows,
 * columns and row attributes each on their own, so a new caption alone does not make the text again).
 */
import { escapeXml } from '../export/svg-compose';
import { cellText, type TwinColumn, type TwinSpec } from './twin-table';

/** Attribute names come from the specs, never from data; anything else is a programming error. */
const ATTR_NAME = /^[a-z][a-z0-9-]*$/;

/** ` name="value"` for each attribute that is set (null and undefined are absent, as Svelte leaves them). */
function attrs(entries: [string, string | number | boolean | null | undefined][]): string {
  let out = '';
  for (const [name, value] of entries) {
    if (value === null || value === undefined) continue;
    if (!ATTR_NAME.test(name)) throw new Error(`not an attribute name: ${name}`);
    out += ` ${name}="${escapeXml(String(value))}"`;
  }
  return out;
}

/** The rows as HTML: `data-key`, the spec's row attributes, then one cell per column. */
export function twinRowsHtml<R>(rows: readonly R[], columns: readonly TwinColumn<R>[], rowKey: TwinSpec<R>['rowKey'], rowAttrs?: TwinSpec<R>['rowAttrs']): string {
  const parts: string[] = [];
  for (const r of rows) {
    parts.push(`<tr${attrs([['data-key', rowKey(r)], ...Object.entries(rowAttrs?.(r) ?? {})])}>`);
    for (const c of columns) {
      const hidden = c.hidden?.(r) ?? false;
      const tag = c.rowHeader ? 'th' : 'td';
      const cls = c.num && c.small ? 'num small' : c.num ? 'num' : c.small ? 'small' : null;
      parts.push(`<${tag}${attrs([
        ['scope', c.rowHeader ? 'row' : null], ['class', cls], ['data-col', c.key], ['data-testid', c.testid],
        ['data-suppressed', c.hidden ? hidden : null], ['data-value', c.raw && !hidden ? (c.raw(r) ?? '') : null]
      ])}>${escapeXml(cellText(c, r))}</${tag}>`);
    }
    parts.push('</tr>');
  }
  return parts.join('');
}

/** What each body shows, so an unchanged table is left alone. */
const shown = new WeakMap<HTMLTableSectionElement, string>();

/** Make `tbody`'s rows those of `rows` (in order), touching the page only when they differ from what it shows. */
export function fillTwinRows<R>(
  tbody: HTMLTableSectionElement, rows: readonly R[], columns: readonly TwinColumn<R>[], rowKey: TwinSpec<R>['rowKey'], rowAttrs?: TwinSpec<R>['rowAttrs']
): void {
  const html = twinRowsHtml(rows, columns, rowKey, rowAttrs);
  if (shown.get(tbody) === html) return;
  shown.set(tbody, html);
  tbody.innerHTML = html;
}
