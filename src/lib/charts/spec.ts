/**
 * A chart as one value. State makes it from rows; ChartFrame draws the plot, the key, the notes and
 * the table twin from it; the PNG, SVG, CSV and board-pack exports are made from the same value
 * (spec-export.ts), never read back from the page. Pure: no DOM here.
 */
import type * as Plot from '@observablehq/plot';
import type { TwinColumn, TwinSpec } from './twin-table';

export type FrameState = 'loading' | 'ready' | 'empty' | 'error';

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
  mark: 'dot' | 'line' | 'dashed' | 'tick' | 'square';
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
  state: FrameState;
  error?: string | null;
  /** Said instead of the chart when there is nothing to draw. */
  empty?: string;
  /** Plot options at a width in CSS pixels (the frame's on screen, a fixed one in exports); null draws no plot. */
  plot: ((width: number) => Plot.PlotOptions) | null;
  /** The drawing's accessible name. */
  label: string;
  /** Test hook and data attributes of the drawing. */
  graphic?: { testid?: string; attrs?: Record<string, string | number | boolean> };
  /** Sentences above the drawing (SPC verdicts, the Gini coefficient): in exports, the first of the notes. */
  lead?: Line[];
  key?: KeyItem[];
  /** Sentences below the drawing: what is drawn and what is not, how a figure is made. */
  notes?: Line[];
  table: TwinSpec<R>;
  /** File name parts when the subtitle does not give the period and area well. */
  file?: { period?: string | null; area?: string | null };
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

/** What every chart's spec starts from: its words, and how its view is loading. */
export interface SpecBase {
  id: string;
  title: string;
  subtitle: string;
  source: string;
  footnote: string;
  loading?: boolean;
  error?: string | null;
}

/** A chart whose table twin is given by the view as rows and columns (the Capacity charts). */
export interface GivenTable<R> {
  rows: readonly R[];
  columns: readonly TwinColumn<R>[];
  rowKey: (row: R) => string;
}

/** The spec of a chart drawn from one set of marks with a given table: `drawn` marks make it ready. */
export function givenTableSpec<R>(base: SpecBase, drawn: number, plot: (width: number) => Plot.PlotOptions, table: GivenTable<R>, notes: Line[] = []): ChartSpec<R> {
  return {
    ...base,
    state: frameState(base.error, base.loading ?? false, table.rows.length > 0, drawn > 0),
    plot,
    label: `${base.title}. ${base.subtitle}`,
    notes,
    table: { ...table, caption: `${base.title}. ${base.subtitle}`, testid: `${base.id}-table` }
  };
}
