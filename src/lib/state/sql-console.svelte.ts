/**
 * The SQL console's state: the query being written, the page of the last result, the catalogue of
 * loaded tables, the quick chart's choices and rows. Every query goes through db/sql/console.ts (the
 * guard and the sandbox); a page, an export or a chart always re-runs the query that made the result on
 * screen, never the text since edited. A newer run wins over an older one still in flight.
 */
import { CHART_MAX_ROWS, consoleChartKind, numericColumns } from '../charts/console-chart';
import type { Cell } from '../db/arrow-cells';
import { consoleCatalog, consolePage, consoleResult, PAGE_SIZE, type CatalogTable, type ConsolePage } from '../db/sql/console';
import { consoleCsv, consoleCsvName } from '../export/console-csv';
import { downloadText } from '../export/csv';
import { dataset, todayIso } from './dataset.svelte';

export const EXAMPLE_QUERY = `SELECT area_code, count(*) AS referrals
FROM referrals
GROUP BY area_code
ORDER BY referrals DESC`;

export class SqlConsoleState {
  text = $state(EXAMPLE_QUERY);
  running = $state(false);
  error = $state<string | null>(null);
  page = $state.raw<ConsolePage | null>(null);
  /** The query that made the page on screen. */
  ran = $state<string | null>(null);
  ms = $state(0);
  catalog = $state.raw<CatalogTable[]>([]);
  catalogError = $state<string | null>(null);
  exportStatus = $state('');
  exportFailed = $state(false);
  chartX = $state<number | null>(null);
  chartY = $state<number | null>(null);
  chart = $state.raw<{ rows: Cell[][]; truncated: boolean; x: number; y: number; sql: string } | null>(null);
  chartError = $state<string | null>(null);
  #token = 0;

  get pageCount(): number {
    return this.page ? Math.max(1, Math.ceil(this.page.total / PAGE_SIZE)) : 0;
  }
  get pageIndex(): number {
    return this.page ? Math.floor(this.page.offset / PAGE_SIZE) : 0;
  }
  /** The y columns on offer: the numeric ones. */
  get yChoices(): number[] {
    return this.page ? numericColumns(this.page.columns) : [];
  }

  async loadCatalog(): Promise<void> {
    try {
      this.catalog = await consoleCatalog(await dataset.db());
      this.catalogError = null;
    } catch (e) {
      this.catalogError = `The list of tables could not be read: ${(e as Error).message}`;
    }
  }

  /** Run the text in the box (or `text`) from its first page. */
  async run(text = this.text): Promise<void> {
    await this.#show(text, 0, true);
  }

  /** Another page of the result on screen. */
  async goTo(pageIndex: number): Promise<void> {
    if (this.ran === null) return;
    await this.#show(this.ran, Math.max(0, Math.min(pageIndex, this.pageCount - 1)) * PAGE_SIZE, false);
  }

  async #show(text: string, offset: number, fresh: boolean): Promise<void> {
    const token = ++this.#token;
    this.running = true;
    const t0 = performance.now();
    const outcome = await consolePage(await dataset.db(), text, offset);
    if (token !== this.#token) return;
    this.running = false;
    this.ms = Math.round(performance.now() - t0);
    if (!outcome.ok) {
      this.error = outcome.message;
      return;
    }
    this.error = null;
    this.page = outcome.value;
    if (fresh) {
      this.ran = text;
      this.exportStatus = '';
      this.chart = null;
      this.chartError = null;
      this.#defaultChartColumns();
    }
  }

  /** x: the first column that is not the y; y: the last numeric column. */
  #defaultChartColumns(): void {
    const ys = this.yChoices;
    this.chartY = ys.at(-1) ?? null;
    const cols = this.page?.columns ?? [];
    const x = cols.findIndex((_, i) => i !== this.chartY);
    this.chartX = x >= 0 ? x : null;
  }

  /** The chart kind the chosen x makes. */
  get chartKind(): 'bar' | 'line' | null {
    const x = this.chartX === null ? undefined : this.page?.columns[this.chartX];
    return x ? consoleChartKind(x) : null;
  }

  /** Fetch the rows the chart is drawn from (at most CHART_MAX_ROWS, one more to learn there were more). */
  async drawChart(): Promise<void> {
    if (this.ran === null || this.chartX === null || this.chartY === null) return;
    const { chartX: x, chartY: y, ran } = this;
    const token = this.#token;
    const outcome = await consoleResult(await dataset.db(), ran, CHART_MAX_ROWS + 1);
    // A query run meanwhile made a new result: this chart would be of the old one.
    if (token !== this.#token) return;
    if (!outcome.ok) {
      this.chartError = outcome.message;
      return;
    }
    this.chartError = null;
    const truncated = outcome.value.rows.length > CHART_MAX_ROWS;
    this.chart = { rows: outcome.value.rows.slice(0, CHART_MAX_ROWS), truncated, x, y, sql: outcome.value.sql };
  }

  /** The whole result as a CSV file, under the console's warning. */
  async exportCsv(): Promise<void> {
    if (this.ran === null) return;
    this.exportFailed = false;
    this.exportStatus = 'Preparing the CSV…';
    const outcome = await consoleResult(await dataset.db(), this.ran);
    if (!outcome.ok) {
      this.exportFailed = true;
      this.exportStatus = `The CSV could not be made: ${outcome.message}`;
      return;
    }
    const today = todayIso();
    const name = consoleCsvName(today);
    downloadText(name, consoleCsv(outcome.value, today));
    this.exportStatus = `Downloaded ${name} (${outcome.value.rows.length} rows). Unsuppressed: check it before sharing.`;
  }
}
