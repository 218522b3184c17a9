/**
 * The board pack being assembled: charts and tables the user added, in order, each with a caption
 * and alternative text. Held in memory, and in this tab's sessionStorage so a reload keeps it; it is
 * never sent anywhere. If a pack is too big for sessionStorage it stays in memory only (and says so).
 */
import { parseItems, serializeItems, type BoardItem, type BoardItemInput, type BoardShow } from '../export/board-item';

const KEY = 'fairshare.boardPack';
const INFO_KEY = 'fairshare.boardPackInfo';

/** The words of the pack the user chooses: its title, organisation and classification line. */
export interface PackWords {
  title: string;
  organisation: string;
  classification: string;
}

const DEFAULT_WORDS: PackWords = { title: 'Board pack', organisation: '', classification: 'OFFICIAL' };

function readWords(): PackWords {
  try {
    const raw = JSON.parse(sessionStorage.getItem(INFO_KEY) ?? 'null') as Partial<PackWords> | null;
    return { ...DEFAULT_WORDS, ...(raw && typeof raw === 'object' ? raw : {}) };
  } catch {
    return DEFAULT_WORDS;
  }
}

class BoardPackState {
  items = $state.raw<BoardItem[]>([]);
  /** False when the last save to sessionStorage failed (the pack is too big): it lasts until the tab closes or reloads. */
  persisted = $state(true);
  /** Title, organisation and classification, kept with the pack in this tab. */
  info = $state.raw<PackWords>(DEFAULT_WORDS);

  constructor() {
    if (typeof window !== 'undefined') window.addEventListener('pagehide', () => this.#timer !== undefined && this.#save());
    // The app renders in the browser only (ssr = false), so the pack is read once, at start-up.
    if (typeof sessionStorage === 'undefined') return;
    try {
      this.items = parseItems(sessionStorage.getItem(KEY));
      this.info = readWords();
    } catch {
      this.items = [];
    }
  }

  /** Every trace of the pack gone: its items and its words ("Clear all data"). */
  forget(): void {
    this.clear();
    this.info = DEFAULT_WORDS;
    try {
      sessionStorage.removeItem(INFO_KEY);
    } catch {
      // Nothing was kept.
    }
  }

  setInfo(info: PackWords): void {
    this.info = info;
    try {
      sessionStorage.setItem(INFO_KEY, JSON.stringify(info));
    } catch {
      // Storage refused: the words last as long as the page.
    }
  }

  get count(): number {
    return this.items.length;
  }

  add(input: BoardItemInput, show: BoardShow = 'chart'): BoardItem {
    const item: BoardItem = { ...input, id: newId(), caption: '', show, addedAt: new Date().toISOString() };
    this.#set([...this.items, item]);
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
    this.#set(this.items.map((i) => (i.id === id ? { ...i, ...changes } : i)));
  }

  #set(items: BoardItem[]): void {
    this.items = items;
    if (typeof sessionStorage === 'undefined') return;
    // Typing a caption changes the pack at every key: write the (large) copy once typing pauses.
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#save(), 250);
  }

  #timer: ReturnType<typeof setTimeout> | undefined;

  #save(): void {
    this.#timer = undefined;
    const items = this.items;
    try {
      if (items.length) sessionStorage.setItem(KEY, serializeItems(items));
      else sessionStorage.removeItem(KEY);
      this.persisted = true;
    } catch {
      // Quota exceeded: keep the pack in memory; drop the stale copy so a reload does not bring back an old pack.
      this.persisted = false;
      try {
        sessionStorage.removeItem(KEY);
      } catch {
        /* storage unavailable */
      }
    }
  }
}

function newId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export const boardPack = new BoardPackState();
