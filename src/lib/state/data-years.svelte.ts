/**
 * The financial years the loaded data has, for a view's year chooser, asked again whenever the data change
 * (Equity, Plan). A view waits for `loaded` before it asks for a year's figures, so its default year is the
 * data's and not "none". Create it during a component's initialisation: its constructor registers an effect.
 */
import type { MeasureYear } from '../db/queries';
import { dataset } from './dataset.svelte';

export class DataYears {
  list = $state.raw<MeasureYear[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);

  constructor() {
    $effect(() => {
      if (dataset.status !== 'ready') return;
      void dataset.version;
      void this.#load();
    });
  }

  async #load(): Promise<void> {
    try {
      this.list = await dataset.source.years(await dataset.db());
      this.error = null;
    } catch (e) {
      this.error = (e as Error).message;
    } finally {
      this.loaded = true;
    }
  }
}
