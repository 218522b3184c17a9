/**
 * A chart's exports made from its spec (browser only), never from the page: the plot is drawn anew at
 * the export width, whatever the window's width (a chart exported from a phone is the same picture as
 * one exported from a desktop), with its key; the notes are the spec's sentences; the CSV and the
 * board pack's table are the spec's table twin (export/table-csv.ts twinMatrix).
 */
import * as Plot from '@observablehq/plot';
import type { ExportSubject } from '../export/subject';
import type { SvgBody } from '../export/svg-compose';
import { snapshot } from '../export/svg-snapshot';
import { twinMatrix } from '../export/table-csv';
import { keyMarkStyle } from './key-marks';
import { readableText } from './plot-text';
import { lineText, type ChartSpec } from './spec';

/**
 * The chart and its key drawn off screen at a width (export/layout.ts says which) and, if it can, within
 * a height, copied as SVG, then removed.
 */
export function drawSpec<R>(spec: ChartSpec<R>, width: number, maxHeight?: number): SvgBody {
  if (!spec.plot) return { markup: '', width: 0, height: 0 };
  const host = document.createElement('div');
  // Laid out (so text can be measured and styles computed) but out of sight and out of the accessibility tree.
  host.setAttribute('aria-hidden', 'true');
  host.style.cssText = `position:absolute;left:-100000px;top:0;width:${width}px;background:#fff;font-size:14px`;
  if (spec.key?.length) {
    const key = document.createElement('div');
    key.style.cssText = 'display:flex;flex-wrap:wrap;gap:4px 16px;margin:0 0 6px';
    for (const k of spec.key) {
      const item = document.createElement('span');
      item.style.cssText = 'display:flex;align-items:center;gap:6px';
      const mark = document.createElement('span');
      mark.style.cssText = `display:inline-block;${keyMarkStyle(k)}`;
      item.append(mark, document.createTextNode(k.label));
      key.append(item);
    }
    host.append(key);
  }
  document.body.append(host);
  // The same readable type as on screen (plot-text.ts): at 700 px for 160 mm, 11 px prints at 7.1 pt.
  host.append(Plot.plot(readableText(spec.plot(width, maxHeight === undefined ? undefined : maxHeight - host.getBoundingClientRect().height))));
  try {
    return snapshot([host]);
  } finally {
    host.remove();
  }
}

/** What the export menu and the board pack take from a chart. */
export function specSubject<R>(spec: ChartSpec<R>): ExportSubject {
  return {
    id: spec.id,
    title: spec.title,
    subtitle: spec.subtitle,
    source: spec.source,
    footnote: spec.footnote,
    warning: spec.warning,
    file: spec.file,
    notes: () => [...(spec.lead ?? []), ...(spec.notes ?? [])].map(lineText).filter(Boolean),
    method: spec.method ? () => [...(spec.notes ?? []).map(lineText), ...spec.method!] : undefined,
    finding: () => spec.finding ?? (spec.lead?.[0] ? lineText(spec.lead[0]) : ''),
    drawing: (box) => drawSpec(spec, box.width, box.height),
    table: () => twinMatrix(spec.table.columns, spec.table.rows),
    shownTable: () => twinMatrix(spec.table.columns, spec.table.rows, 'screen')
  };
}
