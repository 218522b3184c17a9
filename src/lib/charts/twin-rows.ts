/**
 * A table twin's body rows built as plain elements, replaced whole when the rows change.
 *
 * Why not a Svelte {#each}: a twin's rows are replaced wholesale on every filter change (new objects from a
 * new query), so per-cell effects buy nothing, and they cost: with 1M referrals loaded, the Capacity view's
 * twins (about 300 areas × 8 columns, plus providers) took ~115 ms of a ~260 ms area-filter change to build
 * as Svelte blocks, for tables that are closed. The elements and attributes are the same as the {#each}
 * path's in TwinTable.svelte, which is kept for tables with a `cell` snippet or a highlighted row.
 */
import { cellText, type TwinColumn, type TwinSpec } from './twin-table';

/** An attribute as Svelte would set it: absent when null or undefined, otherwise its text. */
function setAttr(el: Element, name: string, value: string | number | boolean | null | undefined): void {
  if (value !== null && value !== undefined) el.setAttribute(name, String(value));
}

/** One row's element: `data-key`, the spec's row attributes, then one cell per column. */
export function twinRow<R>(doc: Document, r: R, columns: readonly TwinColumn<R>[], table: TwinSpec<R>): HTMLTableRowElement {
  const tr = doc.createElement('tr');
  tr.setAttribute('data-key', table.rowKey(r));
  for (const [name, value] of Object.entries(table.rowAttrs?.(r) ?? {})) setAttr(tr, name, value);
  for (const c of columns) {
    const hidden = c.hidden?.(r) ?? false;
    const cell = doc.createElement(c.rowHeader ? 'th' : 'td');
    if (c.rowHeader) cell.setAttribute('scope', 'row');
    const cls = c.num && c.small ? 'num small' : c.num ? 'num' : c.small ? 'small' : '';
    if (cls) cell.className = cls;
    cell.setAttribute('data-col', c.key);
    setAttr(cell, 'data-testid', c.testid);
    if (c.hidden) cell.setAttribute('data-suppressed', String(hidden));
    if (c.raw && !hidden) cell.setAttribute('data-value', String(c.raw(r) ?? ''));
    cell.textContent = cellText(c, r);
    tr.append(cell);
  }
  return tr;
}

/** Replace `tbody`'s rows with one row per item of `rows`, in order. */
export function fillTwinRows<R>(tbody: HTMLTableSectionElement, rows: readonly R[], columns: readonly TwinColumn<R>[], table: TwinSpec<R>): void {
  const doc = tbody.ownerDocument;
  const all = doc.createDocumentFragment();
  for (const r of rows) all.append(twinRow(doc, r, columns, table));
  tbody.replaceChildren(all);
}
