/**
 * Confirmed mappings are remembered per file shape (extract kind + normalised headers), so the
 * next monthly extract from the same report loads without asking again. Mappings are stored by
 * header name, not position, and only in this browser's localStorage: no data, just headers.
 */
import type { ExtractKind } from '../domain/extracts';
import { normaliseHeader, shapeKey, type Mapping } from './headers';

const KEY = 'fairshare.mappings.v1';

export interface MappingStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

type Saved = Record<string, { kind: ExtractKind; fields: Record<string, string> }>;

function readAll(store: MappingStore): Saved {
  try {
    return JSON.parse(store.getItem(KEY) ?? '{}') as Saved;
  } catch {
    return {};
  }
}

export function saveMapping(store: MappingStore, kind: ExtractKind, headers: string[], mapping: Mapping): void {
  const all = readAll(store);
  const fields: Record<string, string> = {};
  for (const [field, col] of Object.entries(mapping)) fields[field] = normaliseHeader(headers[col] ?? '');
  all[shapeKey(kind, headers)] = { kind, fields };
  store.setItem(KEY, JSON.stringify(all));
}

/** A saved mapping for files of this shape, as column indexes into `headers`, if there is one. */
export function findSavedMapping(store: MappingStore, headers: string[]): { kind: ExtractKind; mapping: Mapping } | null {
  const all = readAll(store);
  const norm = headers.map(normaliseHeader);
  for (const [key, saved] of Object.entries(all)) {
    if (key !== shapeKey(saved.kind, headers)) continue;
    const mapping: Mapping = {};
    for (const [field, h] of Object.entries(saved.fields)) {
      const col = norm.indexOf(h);
      if (col >= 0) mapping[field] = col;
    }
    return { kind: saved.kind, mapping };
  }
  return null;
}
