/**
 * A table twin read from the page (browser only), so the CSV holds exactly the rows and columns on
 * screen, in their order. A cell's unformatted value comes from `data-raw` (TwinTable) or
 * `data-value`; text hidden from screen readers (sort arrows, swatches) is left out.
 */
import type { CellMatrix, TableCell } from './table-csv';

function cellText(cell: Element): string {
  const clone = cell.cloneNode(true) as Element;
  for (const hidden of clone.querySelectorAll('[aria-hidden="true"], .visually-hidden')) hidden.remove();
  return (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function readTable(table: HTMLTableElement): CellMatrix {
  const rows: CellMatrix = [];
  for (const tr of table.querySelectorAll('tr')) {
    if (tr.closest('table') !== table) continue;
    const row: TableCell[] = [];
    for (const cell of tr.querySelectorAll(':scope > th, :scope > td')) {
      const raw = cell.getAttribute('data-raw') ?? cell.getAttribute('data-value');
      const text = cellText(cell);
      row.push(raw === null ? { text } : { text, raw });
      // Spanned cells are repeated blank, so the columns stay aligned.
      for (let i = 1; i < ((cell as HTMLTableCellElement).colSpan || 1); i++) row.push({ text: '' });
    }
    if (row.length) rows.push(row);
  }
  return rows;
}
