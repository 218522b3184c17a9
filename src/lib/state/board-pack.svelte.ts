/**
 * The board pack being assembled: charts and tables the user added, in order, each with a caption
 * and alternative text. Held in memory, and kept in this browser with the workspace (state/workspace.svelte.ts,
 * OPFS) so a reload or a new tab finds it; it is never sent anywhere. If the browser refuses to keep it, it
 * stays in memory only (and says so).
 */
import { parseItems, serializeItems, type BoardItem, type BoardItemInput, type BoardShow } from '../export/board-item';
import { workspace } from './workspace.svelte';

const KEPT = 'board-pack.json';

/** The words of the pack the user chooses: its title, organisation and classification line. */
export interface PackWords {
  title: string;
  organisation: string;
  classification: string;
}

const DEFAULT_WORDS: PackWords = { title: 'Board pack', organisation: '', classification: 'OFFICIAL' };

interface KeptPack {
  info: Partial<PackWords>;
  /** serializeItems' text (pictures as base64). */
  items: string;
}

class BoardPackState {
  items = $state.raw<BoardItem[]>([]);
  /** False when the last save failed (the browser refused the space): the pack lasts until the tab closes or reloads. */
  persisted = $state(true);
  /** Title, organisation and classification, kept with the pack. */
  info = $state.raw<PackWords>(DEFAULT_WORDS);
  /** Whether anything changed since start-up (then a pack read back late does not overwrite it). */
  #touched = false;

  constructor() {
    if (typeof window !== 'undefined') window.addEventListener('pagehide', () => this.#timer !== undefined && this.#save());
  }

  /** The pack kept from an earlier visit (start-up; the app renders in the browser only). */
  async restore(): Promise<void> {
    const kept = await workspace.readDoc<KeptPack>(KEPT);
    if (!kept || this.#touched) return;
    this.items = parseItems(typeof kept.items === 'string' ? kept.items : null);
    this.info = { ...DEFAULT_WORDS, ...(kept.info && typeof kept.info === 'object' ? kept.info : {}) };
  }

  /** Every trace of the pack gone: its items and its words ("Clear all data"). */
  forget(): void {
    this.info = DEFAULT_WORDS;
    this.clear();
  }

  setInfo(info: PackWords): void {
    this.info = info;
    this.#changed();
  }

  get count(): number {
    return this.items.length;
  }

  /**
   * Adds an item and resolves once it is kept, so "Added" is said only when a reload straight after
   * would find it (a navigation can cut short a write still waiting behind another, e.g. a boundary file).
   */
  async add(input: BoardItemInput, show: BoardShow = 'chart'): Promise<BoardItem> {
    const item: BoardItem = { ...input, id: newId(), caption: '', show, addedAt: new Date().toISOString() };
    this.items = [...this.items, item];
    this.#touched = true;
    clearTimeout(this.#timer);
    await this.#save();
    return item;
  }

  remove(id: string): void {
    this.#set(this.items.filter((i) => i.id !== id));
  }

  clear(): void {
    this.#set([]);
  }

  /** Move an item up (-1) or down (+1); returns its new index. */
  move(id: string, by: -1 | 1): number {
    const from = this.items.findIndex((i) => i.id === id);
    const to = from + by;
    if (from < 0 || to < 0 || to >= this.items.length) return from;
    const next = [...this.items];
    [next[from], next[to]] = [next[to]!, next[from]!];
    this.#set(next);
    return to;
  }

  update(id: string, changes: Partial<Pick<BoardItem, 'caption' | 'alt' | 'show'>>): void {
    this.#set(this.items.map((i) => (i.id === id ? { ...i, ...changes } : i)), 250);
  }

  #set(items: BoardItem[], pause = 0): void {
    this.items = items;
    this.#changed(pause);
  }

  /** Typing a caption changes the pack at every key: the (large) copy is written once typing pauses. */
  #changed(pause = 250): void {
    this.#touched = true;
    if (typeof window === 'undefined') return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#save(), pause);
  }

  #timer: ReturnType<typeof setTimeout> | undefined;

  async #save(): Promise<void> {
    this.#timer = undefined;
    const empty = !this.items.length && JSON.stringify(this.info) === JSON.stringify(DEFAULT_WORDS);
    const kept: KeptPack | null = empty ? null : { info: this.info, items: serializeItems(this.items) };
    this.persisted = await workspace.keepDoc(KEPT, kept);
  }
}

function newId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export const boardPack = new BoardPackState();
