/** Blank CSV templates for each extract: the canonical headers and one example row. */
import { EXTRACTS, REQUIRED_ALTERNATIVES, type ExtractKind } from '../domain/extracts';
import { toCsv } from './csv';

export function templateCsv(kind: ExtractKind): string {
  // Not the other ways of giving a required field (a ledger's debit and credit): a template shows one way.
  const instead = new Set(Object.values(REQUIRED_ALTERNATIVES[kind] ?? {}).flat());
  const fields = EXTRACTS[kind].fields.filter((f) => !instead.has(f.name));
  const example = Object.fromEntries(fields.map((f) => [f.name, f.example]));
  return toCsv(fields.map((f) => f.name), [example]);
}
