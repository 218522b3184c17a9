/**
 * State of the Data quality view: the view's choices from the URL (quality-url.ts), the completeness
 * counts of every loaded extract (db/sql/quality.ts, one scan each), re-read when the data change, and
 * what the page draws from them: each check's share overall, by area and by month, flagged below the
 * threshold and hidden by the small-number rule (domain/quality/shares.ts), and the impact sentences.
 *
 * Create it during a component's initialisation: the constructor registers effects.
 */
import { viewUrl } from './view-url.svelte';
import { replaceQuery } from './replace-query';
import { fieldCompleteness, QUALITY_EXTRACTS, qualityChecks, type CompletenessRow, type QualityCheck, type QualityExtract } from '../db/sql/quality';
import { usesOf } from '../domain/quality/field-uses';
import { impactLines, type ImpactLine } from '../domain/quality/impact';
import { shareCell, type ShareCell } from '../domain/quality/shares';
import type { SuppressionOptions } from '../domain/stats/suppression';
import { dataset } from './dataset.svelte';
import { Latest } from './latest.svelte';
import { parseQualityView, writeQualityView, type QualityView } from './quality-url';
import { settings } from './settings.svelte';

/** One check's share in one group, as drawn. */
export interface QualityCellRow extends ShareCell {
  check: QualityCheck;
  key: string;
  label: string;
}

export const NO_AREA = 'No area code';

export class QualityState {
  readonly latest = new Latest();
  data = $state.raw<Partial<Record<QualityExtract, CompletenessRow[]>>>({});

  readonly view: QualityView = $derived(parseQualityView(viewUrl.current.searchParams));
  /** The extracts with rows, in the view's order. */
  readonly extracts: QualityExtract[] = $derived(QUALITY_EXTRACTS.filter((k) => (dataset.counts[k] ?? 0) > 0));
  readonly extract: QualityExtract | null = $derived(
    this.view.extract && this.extracts.includes(this.view.extract) ? this.view.extract : (this.extracts[0] ?? null)
  );
  readonly checks: QualityCheck[] = $derived(this.extract ? qualityChecks(this.extract) : []);
  readonly rows: CompletenessRow[] = $derived(this.extract ? (this.data[this.extract] ?? []) : []);

  /** Each check's share over all rows, in field order. */
  readonly fields: QualityCellRow[] = $derived(this.checks.map((c) => this.cell(c, this.rows.find((r) => r.level === 'all' && r.check === c.id), c.id, c.id)));

  /** The field drawn by area and month: the URL's, else the most incomplete that a figure reads, else the most incomplete. */
  readonly field: QualityCheck | null = $derived.by(() => {
    const chosen = this.checks.find((c) => c.id === this.view.field);
    if (chosen) return chosen;
    const worst = (rows: QualityCellRow[]) => [...rows].filter((r) => r.share !== null).sort((a, b) => a.share! - b.share!)[0]?.check ?? null;
    const read = this.extract ? this.fields.filter((f) => usesOf(this.extract!, f.check.id).length) : [];
    return worst(read.filter((f) => f.share! < 1)) ?? worst(this.fields) ?? this.checks[0] ?? null;
  });

  readonly byArea: QualityCellRow[] = $derived(this.groupCells('area'));
  readonly byMonth: QualityCellRow[] = $derived(this.groupCells('month'));

  /** What each gap does to which figure, for every field of the extract (domain/quality/impact.ts). */
  readonly impacts: ImpactLine[] = $derived.by(() => {
    const extract = this.extract;
    if (!extract) return [];
    return this.checks.flatMap((c) => {
      const overall = this.rows.find((r) => r.level === 'all' && r.check === c.id);
      if (!overall) return [];
      const areas = this.rows.filter((r) => r.level === 'area' && r.check === c.id).map((r) => ({ area: r.area, name: this.areaLabel(r), of: r.of, ok: r.ok }));
      return impactLines(extract, c, { overall, areas }, this.view.threshold, this.suppression);
    });
  });

  /**
   * The small-number rule applies where the rows are referrals (people); funding lines, provider services
   * and areas are not counts of people, so their counts are shown as they are.
   */
  get suppression(): SuppressionOptions {
    return this.extract === 'referrals' ? settings.suppression : { maxSuppressed: 0 };
  }

  constructor() {
    $effect(() => {
      if (dataset.status !== 'ready') return;
      void dataset.version;
      const kinds = this.extracts;
      const names = dataset.measureTables.has('population');
      void this.latest.run(async () => {
        const db = await dataset.db();
        const out: Partial<Record<QualityExtract, CompletenessRow[]>> = {};
        // One after another: the engine runs one query at a time anyway.
        for (const k of kinds) out[k] = await fieldCompleteness(db, k, names);
        return out;
      }, (data) => (this.data = data));
    });
  }

  areaLabel(r: Pick<CompletenessRow, 'area' | 'areaName'>): string {
    return r.area === null ? NO_AREA : (r.areaName ?? r.area);
  }

  /** Change the view; written to the URL (replacing history: a choice is not a page). */
  set(view: Partial<QualityView>): Promise<void> {
    return replaceQuery((params) => writeQualityView(params, { ...this.view, ...view }));
  }

  private cell(check: QualityCheck, counts: { of: number; ok: number } | undefined, key: string, label: string): QualityCellRow {
    return { check, key, label, ...shareCell(counts?.of ?? 0, counts?.ok ?? 0, this.view.threshold, this.suppression) };
  }

  private groupCells(level: 'area' | 'month'): QualityCellRow[] {
    const field = this.field;
    if (!field) return [];
    return this.rows
      .filter((r) => r.level === level && r.check === field.id)
      .map((r) => level === 'area' ? this.cell(field, r, r.area ?? '', this.areaLabel(r)) : this.cell(field, r, r.month ?? '', r.month ?? ''));
  }
}
