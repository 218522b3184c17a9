/** Blank CSV templates for each extract: the canonical headers and one example row. */
import { EXTRACTS, alternativeFields, type ExtractKind } from '../domain/extracts';
import { toCsv } from './csv';

export function templateCsv(kind: ExtractKind): string {
  // Not the other ways of giving a required field (a ledger's debit and credit): a template shows one way.
  const instead = alternativeFields(kind);
  const fields = EXTRACTS[kind].fields.filter((f) => !instead.has(f.name));
  const example = Object.fromEntries(fields.map((f) => [f.name, f.example]));
  return toCsv(fields.map((f) => f.name), [example]);
}
