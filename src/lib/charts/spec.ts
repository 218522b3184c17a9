/**
 * A chart as one value. State makes it from rows; ChartFrame draws the plot, the key, the notes and
 * the table twin from it; the PNG, SVG, CSV and board-pack exports are made from the same value
 * (spec-export.ts), never read back from the page. Pure: no DOM here.
 */
import type * as Plot from '@observablehq/plot';
import type { TwinColumn, TwinSpec } from './twin-table';

export type FrameState = 'loading' | 'ready' | 'empty' | 'error';

/** A chart's Plot options at a width, and optionally within a height. */
export type PlotAt = (width: number, maxHeight?: number) => Plot.PlotOptions;

/** A sentence with the chart: a verdict above the drawing, or a note below it. */
export interface Line {
  text: string;
  /** A bold lead-in ("Variation:"). */
  strong?: string;
  muted?: boolean;
  /** Test hook and data attributes on the sentence. */
  testid?: string;
  attrs?: Record<string, string | number | boolean>;
}

/** One entry of a chart's key: a coloured mark and what it stands for. */
export interface KeyItem {
  label: string;
  colour: string;
  mark: 'dot' | 'ring' | 'line' | 'thick' | 'dashed' | 'dotted' | 'tick' | 'square';
}

export interface ChartSpec<R> {
  /** Stable id for tests and file names ('waiting-trend'). */
  id: string;
  title: string;
  /** The filters and period. */
  subtitle: string;
  source: string;
  /** The small-number footnote, shown under every chart and carried once by every export. */
  footnote: string;
  /**
   * A warning every file made from the chart starts with, the plain CSV included (the SQL console's
   * "unsuppressed record-level output"); none for the views, whose figures pass the small-number rule.
   */
  warning?: string;
  /** Whether anything is drawn; the view's loading and errors are the frame's (ChartFrame), so a spec does not change while a view loads. */
  state: 'ready' | 'empty';
  /** Whether the view has any rows for it (while a view reloads, a chart with rows stays drawn). */
  hasRows: boolean;
  /** Said instead of the chart when there is nothing to draw. */
  empty?: string;
  /**
   * Plot options at a width in CSS pixels (the frame's on screen, a fixed one in exports) and, for an
   * export that must fit a page, the height it should keep within if it can (charts of one row per
   * area close up their rows); null draws no plot.
   */
  plot: PlotAt | null;
  /** The drawing's accessible name. */
  label: string;
  /** Test hook and data attributes of the drawing. */
  graphic?: { testid?: string; attrs?: Record<string, string | number | boolean> };
  /**
   * What the chart shows, in one sentence ("Knowsley has the fewest service categories: 2."): the start of
   * its alternative text in a board pack and its default caption. Defaults to the first lead sentence.
   */
  finding?: string;
  /** Sentences above the drawing (SPC verdicts, the Gini coefficient): in exports, the first of the notes. */
  lead?: Line[];
  key?: KeyItem[];
  /** Sentences below the drawing: what is drawn and what is not, how a figure is made. */
  notes?: Line[];
  /** How the figures are calculated, for a board pack's methods annex, when the notes do not say it all. */
  method?: string[];
  table: TwinSpec<R>;
  /** File name parts when the subtitle does not give the period and area well. */
  file?: { period?: string | null; area?: string | null };
}

const plots = new Map<string, { key: readonly unknown[]; plot: PlotAt }>();

/**
 * The same plot function for a chart while what it is drawn from is the same (`key`, compared item by
 * item), so a spec made again for another reason (a new subtitle while the view asks for new figures) does
 * not redraw the chart: the frame redraws when the function or the width changes. One entry per chart id.
 */
export function samePlot(id: string, key: readonly unknown[], make: () => PlotAt): PlotAt {
  const last = plots.get(id);
  if (last && last.key.length === key.length && last.key.every((k, i) => Object.is(k, key[i]))) return last.plot;
  const plot = make();
  plots.set(id, { key, plot });
  return plot;
}

/** A spec's content state: ready when anything is drawn, and whether there are rows at all. */
export function contentState(hasRows: boolean, drawn: boolean): { state: 'ready' | 'empty'; hasRows: boolean } {
  return { state: drawn ? 'ready' : 'empty', hasRows };
}

/** The frame's state from what a view knows: an error wins, then a first load, then whether anything is drawn. */
export function frameState(error: string | null | undefined, loading: boolean, hasRows: boolean, drawn: boolean): FrameState {
  return error ? 'error' : loading && !hasRows ? 'loading' : drawn ? 'ready' : 'empty';
}

/** Lines that are worth saying: empty texts dropped (a note that applies only sometimes). */
export function lines(...all: (Line | string | null | undefined | false)[]): Line[] {
  return all.flatMap((l) => (!l ? [] : typeof l === 'string' ? [{ text: l }] : l.text || l.strong ? [l] : []));
}

/** A line as one sentence of text, for exports. */
export const lineText = (l: Line) => (l.strong ? `${l.strong} ${l.text}` : l.text).replace(/\s+/g, ' ').trim();

/** What every chart's spec starts from: its words. */
export interface SpecBase {
  id: string;
  title: string;
  subtitle: string;
  source: string;
  footnote: string;
  /**
   * Said instead of the chart when nothing is drawn: what extract is missing (emptyMessage), before
   * blaming the filters. The frame's default blames the filters.
   */
  empty?: string;
}

/** A chart whose table twin is given by the view as rows and columns (the Capacity charts). */
export interface GivenTable<R> {
  rows: readonly R[];
  columns: readonly TwinColumn<R>[];
  rowKey: (row: R) => string;
  /** Attributes on each row of the twin (test hooks such as data-area). */
  rowAttrs?: TwinSpec<R>['rowAttrs'];
}

/**
 * The spec of a chart drawn from one set of marks with a given table: `drawn` marks make it ready; the
 * plot is made by `make` and kept while `key` (what it is drawn from) is the same.
 */
export function givenTableSpec<R>(
  base: SpecBase, drawn: number, plot: { key: readonly unknown[]; make: () => PlotAt }, table: GivenTable<R>, notes: Line[] = []
): ChartSpec<R> {
  return {
    ...base,
    ...contentState(table.rows.length > 0, drawn > 0),
    plot: samePlot(base.id, plot.key, plot.make),
    label: `${base.title}. ${base.subtitle}`,
    notes,
    table: { ...table, caption: `${base.title}. ${base.subtitle}`, testid: `${base.id}-table` }
  };
}
