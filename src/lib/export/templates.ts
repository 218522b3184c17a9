/** Blank CSV templates for each extract: the canonical headers and one example row. */
import { EXTRACTS, type ExtractKind } from '../domain/extracts';
import { toCsv } from './csv';

export function templateCsv(kind: ExtractKind): string {
  const fields = EXTRACTS[kind].fields;
  const example = Object.fromEntries(fields.map((f) => [f.name, f.example]));
  return toCsv(fields.map((f) => f.name), [example]);
}
