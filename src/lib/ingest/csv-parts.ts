/**
 * CSV text gathered into parts of whole lines, for `new Blob(parts)`: a file converted to CSV (a workbook's
 * sheet, a Parquet file) never becomes one string the size of the file, which the browser could not hold.
 */
export class CsvParts {
  readonly parts: string[] = [];
  #lines: string[] = [];
  #size = 0;
  /** `partChars`: about how many characters each part holds. */
  constructor(private readonly partChars: number) {}

  add(line: string): void {
    this.#lines.push(line);
    this.#size += line.length + 1;
    if (this.#size >= this.partChars) this.#flush();
  }

  /** The parts, the last lines included. */
  done(): string[] {
    if (this.#lines.length) this.#flush();
    return this.parts;
  }

  #flush(): void {
    this.parts.push(this.#lines.join('\n') + '\n');
    this.#lines = [];
    this.#size = 0;
  }
}
