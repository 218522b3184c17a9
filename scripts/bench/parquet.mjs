/**
 * A Parquet twin of a generated referrals CSV (bench-data/), for the 10M-row Parquet load of issue 18: the same
 * rows, dates as DATE-like timestamps and numbers as integers (as a data warehouse would export them), written a
 * million rows per row group so neither the CSV nor the Parquet is ever held whole.
 */
import { createReadStream, existsSync, renameSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ParquetWriter, schemaFromColumnData } from 'hyparquet-writer';
import { fileWriter } from 'hyparquet-writer/src/node.js';

const DATES = new Set(['referral_date', 'first_contact_date', 'end_date']);
const INTEGERS = new Set(['imd_decile', 'wellbeing_pre', 'wellbeing_post']);
const GROUP_ROWS = 1_000_000;

/** One CSV line's cells (the generator quotes a cell only when it holds a comma or a quote). */
function cells(line) {
  const out = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (line[q + 1] === '"') { v += line.slice(i, q + 1); i = q + 2; continue; }
        v += line.slice(i, q);
        i = q + 2;
        break;
      }
      out.push(v);
    } else {
      const c = line.indexOf(',', i);
      const end = c < 0 ? line.length : c;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

/**
 * `csvFile` -> `csvFile` with .parquet for .csv, unless it exists and is newer than the CSV.
 * @param {{ csvFile: string, log?: (s: string) => void }} o
 * @returns {Promise<{ file: string, bytes: number, reused: boolean }>}
 */
export async function ensureParquetTwin({ csvFile, log = () => {} }) {
  const file = csvFile.replace(/\.csv$/, '.parquet');
  if (existsSync(file) && statSync(file).mtimeMs > statSync(csvFile).mtimeMs) return { file, bytes: statSync(file).size, reused: true };
  const started = performance.now();
  const lines = createInterface({ input: createReadStream(csvFile, 'utf8'), crlfDelay: Infinity });
  /** @type {string[] | null} */
  let header = null;
  /** @type {unknown[][]} */
  let columns = [];
  /** @type {ParquetWriter | null} */
  let writer = null;
  const tmp = `${file}.tmp`;
  const flush = () => {
    if (!header || !columns[0]?.length) return;
    const columnData = header.map((name, c) => ({
      name,
      data: columns[c],
      type: /** @type {'TIMESTAMP' | 'INT32' | 'STRING'} */ (DATES.has(name) ? 'TIMESTAMP' : INTEGERS.has(name) ? 'INT32' : 'STRING')
    }));
    writer ??= new ParquetWriter({ writer: fileWriter(tmp), schema: schemaFromColumnData({ columnData }) });
    writer.write({ columnData, rowGroupSize: GROUP_ROWS });
    columns = header.map(() => []);
  };
  for await (const line of lines) {
    if (!line) continue;
    if (!header) {
      header = line.split(',');
      columns = header.map(() => []);
      continue;
    }
    const row = cells(line);
    for (let c = 0; c < header.length; c++) {
      const v = row[c] ?? '';
      const name = header[c];
      columns[c].push(v === '' ? null : DATES.has(name) ? new Date(`${v}T00:00:00Z`) : INTEGERS.has(name) ? Number(v) : v);
    }
    if (columns[0].length === GROUP_ROWS) flush();
  }
  flush();
  if (!writer) throw new Error(`${csvFile} has no rows`);
  writer.finish();
  renameSync(tmp, file);
  const bytes = statSync(file).size;
  log(`wrote ${file}: ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { file, bytes, reused: false };
}
