/**
 * Excel workbooks in: an .xlsx sheet is turned into CSV text (sheet-csv.ts) that then takes the ordinary
 * CSV path, as Parquet does (parquet.ts). SheetJS is imported only when a workbook is dropped, to keep it
 * out of the page's first download. A workbook of several sheets opens on the first one that looks like an
 * extract; the file card lets the user pick another, which reads the workbook again for that sheet.
 */
import type { WorkBook } from '@e965/xlsx';
import { detectExtract } from './detect';
import { sheetToCsvParts, type NumberFormats } from './sheet-csv';
import { detectLayout } from './sniff';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** Microsoft's compound file: an old .xls, and also any password-protected Office file (.xlsx included). */
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (b: Uint8Array, sig: number[]) => b.length >= sig.length && sig.every((x, i) => b[i] === x);

/** Whether the first bytes are those of a workbook container (zip or compound file) to try as Excel. */
export const isWorkbookContainer = (head: Uint8Array) => startsWith(head, ZIP) || startsWith(head, CFB);

export interface WorkbookSheets {
  /** The workbook as dropped, read again when the user picks another sheet. */
  source: Blob;
  sheets: string[];
  /** The sheet read. */
  sheet: string;
}

export type WorkbookRead =
  | { ok: true; csv: Blob; workbook: WorkbookSheets }
  | { ok: false; message: string; workbook: WorkbookSheets | null };

/** Rows read of each sheet to choose the one that looks like an extract (title rows included). */
const PEEK_ROWS = 60;
const SAVE_AS = 'In Excel use File > Save As > "Excel Workbook (.xlsx)" or "CSV UTF-8 (Comma delimited)", and upload that.';

export const MESSAGES = {
  encrypted: `This workbook is password-protected (encrypted), so it cannot be read here. Open it in Excel with its password, remove the password (File > Info > Protect Workbook > Encrypt with Password, then clear it) and save, or save a copy as "CSV UTF-8 (Comma delimited)"; then upload that.`,
  xls: `This is an old Excel 97–2003 workbook (.xls), which this page does not read. ${SAVE_AS}`,
  otherOffice: `This is a Microsoft Office file but not an Excel workbook (no sheets in it). Export the data as .xlsx or CSV and upload that.`,
  notWorkbook: `This is a zipped file but not an Excel workbook (no sheets in it). Unzip it and upload the CSV inside, or export the data as .xlsx or CSV.`,
  damaged: (why: string) => `This Excel workbook could not be read (${why}): it may be damaged or not fully copied. Open it in Excel and save it again; or ${SAVE_AS.replace(/^In/, 'in')}`,
  noSheets: 'The workbook has no sheets with data in them. Check you saved the sheet with the extract.',
  emptySheet: (sheet: string) => `Sheet "${sheet}" is empty. Choose the sheet that holds the extract.`
};

const READ_OPTIONS = { type: 'array', dense: true, cellText: false, cellHTML: false, cellNF: true, cellDates: false } as const;

/**
 * Read one sheet of a workbook as CSV; `sheet` unset: the first sheet that looks like an extract. Never
 * throws: a file that cannot be read gets a sentence saying what is wrong and what to do.
 */
export async function readWorkbook(source: Blob, fileName: string, sheet?: string): Promise<WorkbookRead> {
  const bytes = new Uint8Array(await source.arrayBuffer());
  const XLSX = await import('@e965/xlsx');
  if (startsWith(bytes, CFB)) return { ok: false, message: compoundFileMessage(XLSX.CFB, bytes), workbook: null };
  const ssf = XLSX.SSF as NumberFormats;
  let sheets: string[];
  try {
    if (sheet === undefined) {
      // A first read of the first rows of every sheet, to choose one; the chosen sheet is then read whole.
      const peek = XLSX.read(bytes, { ...READ_OPTIONS, sheetRows: PEEK_ROWS });
      sheets = peek.SheetNames;
      sheet = chooseSheet(peek, ssf, fileName);
    } else {
      sheets = XLSX.read(bytes, { ...READ_OPTIONS, bookSheets: true }).SheetNames;
    }
  } catch (e) {
    return { ok: false, message: zipFailure(String((e as Error)?.message ?? e), bytes), workbook: null };
  }
  if (!sheets.length || sheet === undefined) return { ok: false, message: MESSAGES.notWorkbook, workbook: null };
  const workbook: WorkbookSheets = { source, sheets, sheet };
  let parts: string[];
  try {
    const wb = XLSX.read(bytes, { ...READ_OPTIONS, sheets: [sheet] });
    const ws = wb.Sheets[sheet];
    parts = ws ? sheetToCsvParts(ws, ssf, { date1904: date1904(wb) }) : [];
  } catch (e) {
    return { ok: false, message: MESSAGES.damaged(String((e as Error)?.message ?? e)), workbook };
  }
  if (!parts.some((p) => /[^,\n]/.test(p))) return { ok: false, message: MESSAGES.emptySheet(sheet), workbook };
  return { ok: true, csv: new Blob(parts, { type: 'text/csv' }), workbook };
}

const date1904 = (wb: WorkBook) => !!wb.Workbook?.WBProps?.date1904;

/**
 * The sheet to open: the first visible one whose header maps all of an extract's required fields, else the
 * first with any of them, else the first with data, else the first.
 */
export function chooseSheet(wb: WorkBook, ssf: NumberFormats, fileName: string): string | undefined {
  const visible = wb.SheetNames.filter((_, i) => !wb.Workbook?.Sheets?.[i]?.Hidden);
  const looks = visible.map((name) => {
    const ws = wb.Sheets[name];
    const text = ws ? sheetToCsvParts(ws, ssf, { maxRows: PEEK_ROWS, date1904: date1904(wb) }).join('') : '';
    if (!/[^,\n]/.test(text)) return { name, data: false, complete: false, any: false };
    const layout = detectLayout(text);
    const det = layout.ok ? detectExtract(layout.layout.headers, `${fileName} ${name}`) : null;
    return { name, data: true, complete: !!det && det.missing.length === 0, any: !!det };
  });
  return (looks.find((s) => s.complete) ?? looks.find((s) => s.any) ?? looks.find((s) => s.data))?.name ?? wb.SheetNames[0];
}

interface CompoundFiles {
  read: (data: Uint8Array, opts: { type: 'array' }) => unknown;
  find: (cfb: unknown, path: string) => unknown;
}

/** Say what a compound file is: an encrypted Office file, an old .xls workbook, or another Office file. */
function compoundFileMessage(cfbLib: CompoundFiles, bytes: Uint8Array): string {
  try {
    const cfb = cfbLib.read(bytes, { type: 'array' });
    if (cfbLib.find(cfb, 'EncryptedPackage') || cfbLib.find(cfb, 'EncryptionInfo')) return MESSAGES.encrypted;
    if (cfbLib.find(cfb, 'Workbook') || cfbLib.find(cfb, 'Book')) return MESSAGES.xls;
    return MESSAGES.otherOffice;
  } catch (e) {
    return MESSAGES.damaged(String((e as Error)?.message ?? e));
  }
}

/**
 * A zip SheetJS could not read as a workbook: encrypted inside, damaged (a workbook's part names are in it,
 * but its directory at the end is missing: a file cut short), or no workbook at all (any other zip).
 */
function zipFailure(engine: string, bytes: Uint8Array): string {
  if (/password|encrypt/i.test(engine)) return MESSAGES.encrypted;
  // Writers put the parts' names near the start (each part's local header holds its name).
  const start = new TextDecoder('latin1').decode(bytes.subarray(0, 1 << 20));
  if (!/xl\/(workbook|worksheets)/.test(start)) return MESSAGES.notWorkbook;
  const why = engine.split('\n')[0]!.replace(/[.\s]+$/, '');
  return MESSAGES.damaged(/unsupported zip file/i.test(why) ? 'the zip directory at its end is missing or broken' : why);
}
