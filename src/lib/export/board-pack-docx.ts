/**
 * The board pack as a Word document (docx package), set out as a board paper: A4 with 25 mm margins
 * (a 160 mm text column, the width the print pictures are laid out for), in British English.
 *   - a cover: title, organisation, date, the classification line the user chose;
 *   - contents as a Word field, its entries and page numbers worked out (docx/layout), so it reads
 *     right before Word updates it;
 *   - each item: its heading and filters, the picture with its alternative text, a caption numbered by
 *     a SEQ field (Word's own Insert Caption), the table of numbers as on screen (header row repeated
 *     on each page, numbers right-aligned, suppressed cells `*`), its notes, footnote and source. Items
 *     follow on from each other, kept whole, so small ones share a page;
 *   - a methods annex: every item's "how this is calculated", its source, the suppression rule, and
 *     the licences of the reference data;
 *   - the classification in every header and footer, page X of Y in the footer.
 * Runs in the browser and in Node (unit tests); nothing is fetched.
 */
import {
  AlignmentType, BorderStyle, Document, Footer, Header, HeadingLevel, ImageRun, Packer, PageBreak, PageNumber, Paragraph,
  SequentialIdentifier, Table, TableCell, TableLayoutType, TableOfContents, TableRow, TextRun, WidthType, type ParagraphChild
} from 'docx';
import { hasTable, type BoardItem } from './board-item';
import { annexEntries, itemCaption, numberItems, numericColumns, packSources, type NumberedItem, type PackInfo } from './board-pack-parts';

export type { PackInfo } from './board-pack-parts';

const MM_TWIPS = 1440 / 25.4;
const A4 = { width: Math.round(210 * MM_TWIPS), height: Math.round(297 * MM_TWIPS) };
const MARGIN = Math.round(25 * MM_TWIPS);
/** The 160 mm column in docx's pixels (96 to the inch). */
export const COLUMN_PX = Math.round((160 / 25.4) * 96);
/** Tallest picture that leaves room on the page for its heading, caption, footnote and source (175 mm of the 247). */
const MAX_IMAGE_PX = Math.round((175 / 25.4) * 96);
const INK = '212B32';
const MUTED = '4C6272';
const LANGUAGE = 'en-GB';

/** The size a picture is placed at: the column's width, or less so it fits the page's height. */
export function placedSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(COLUMN_PX / width, MAX_IMAGE_PX / height);
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

const small = (text: string, colour?: string, keepNext = false) =>
  new Paragraph({ spacing: { after: 60 }, keepNext, keepLines: true, children: [new TextRun({ text, size: 18, color: colour })] });

/** A caption as Word makes one: the label, a SEQ field numbering it, then the words. */
function caption(label: 'Figure' | 'Table', text: string, keepNext: boolean): Paragraph {
  const children: ParagraphChild[] = [new TextRun({ text: `${label} `, bold: true }), new SequentialIdentifier(label), new TextRun({ text: '. ', bold: true }), new TextRun(text)];
  return new Paragraph({ style: 'Caption', keepNext, keepLines: true, children });
}

/** The text column, in twips: 210 mm less the two margins. */
const TEXT_TWIPS = A4.width - 2 * MARGIN;

/**
 * Column widths in twips, shared out by what each column holds: a number column its longest cell (a sum of
 * money should not wrap), a text column at most 12 characters' worth (names wrap between words), a heading its
 * longest word; each column also has its cell padding. Word's own autofit would split the width evenly,
 * breaking "£1,682,852" over three lines in a twelve-column table.
 */
export function tableColumnWidths(table: readonly (readonly { text: string }[])[], numeric: readonly boolean[], total = TEXT_TWIPS, padding = 160): number[] {
  const [head, ...body] = table;
  const need = head!.map((h, c) => {
    const cells = Math.max(0, ...body.map((r) => (r[c]?.text ?? '').length));
    return Math.max(3, ...h.text.split(/\s+/).map((w) => w.length), numeric[c] ? cells : Math.min(12, cells));
  });
  const sum = need.reduce((s, n) => s + n, 0);
  const text = Math.max(0, total - padding * need.length);
  return need.map((n) => Math.floor(padding + (n / sum) * text));
}

function numbersTable(item: BoardItem): Table | null {
  if (!hasTable(item)) return null;
  const [head, ...body] = item.table!;
  const numeric = numericColumns(item.table!);
  const widths = tableColumnWidths(item.table!, numeric);
  // A wide table (the Plan view's allocation: 12 columns) in smaller type, so its money fits on one line.
  const size = head!.length > 9 ? 14 : 17;
  const border = { style: BorderStyle.SINGLE, size: 4, color: 'D8DDE0' };
  const cell = (text: string, c: number, header: boolean) => new TableCell({
    shading: header ? { fill: 'E8EDEE' } : undefined,
    width: { size: widths[c]!, type: WidthType.DXA },
    margins: { top: 30, bottom: 30, left: head!.length > 9 ? 50 : 80, right: head!.length > 9 ? 50 : 80 },
    children: [new Paragraph({
      alignment: numeric[c] ? AlignmentType.RIGHT : AlignmentType.LEFT,
      keepNext: header,
      // As on screen: the CSV export has the numbers unformatted.
      children: [new TextRun({ text, bold: header, size })]
    })]
  });
  return new Table({
    width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: head!.map((h, c) => cell(h.text, c, true)) }),
      ...body.map((row) => new TableRow({ cantSplit: true, children: row.map((v, c) => cell(v.text, c, false)) }))
    ]
  });
}

function itemBlocks({ item, figure, table }: NumberedItem): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: [new TextRun(item.kind === 'table' ? `${item.title}: table` : item.title)] }),
    new Paragraph({ keepNext: true, spacing: { after: 120 }, children: [new TextRun({ text: item.subtitle, italics: true, color: MUTED })] })
  ];
  if (figure !== null) {
    out.push(new Paragraph({
      keepNext: true,
      children: [new ImageRun({
        type: 'png', data: item.png, transformation: placedSize(item.pngWidth, item.pngHeight),
        altText: { name: item.fileBase, title: item.title, description: item.alt }
      })]
    }), caption('Figure', itemCaption(item, 'figure'), true));
  }
  if (table !== null) {
    const t = numbersTable(item);
    if (t) out.push(caption('Table', itemCaption(item, 'table', figure), true), t, new Paragraph({ spacing: { after: 80 }, children: [] }));
  }
  // The words under a picture stay on its page: each keeps with the next, up to the source line.
  for (const n of item.notes) out.push(small(n, undefined, table === null));
  out.push(small(item.footnote, MUTED, table === null), small(item.source, MUTED));
  return out;
}

function annex(items: readonly NumberedItem[], info: PackInfo): Paragraph[] {
  const out = [new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, keepNext: true, children: [new TextRun('Annex: methods and sources')] })];
  for (const { n, label, same } of annexEntries(items)) {
    out.push(new Paragraph({ heading: HeadingLevel.HEADING_3, keepNext: true, children: [new TextRun(`${label}: ${n.item.title}`)] }));
    if (same) {
      out.push(small(`Calculated as ${same.toLowerCase()}.`));
      continue;
    }
    for (const m of n.item.method) out.push(new Paragraph({ spacing: { after: 80 }, children: [new TextRun({ text: m, size: 20 })] }));
    out.push(small(n.item.source, MUTED));
  }
  out.push(
    new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: [new TextRun('Small numbers')] }),
    new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: info.suppression, size: 20 })] }),
    new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: [new TextRun('Sources and licences')] }),
    ...packSources(items.map((n) => n.item), info).map((s) => new Paragraph({ spacing: { after: 80 }, children: [new TextRun({ text: s, size: 20 })] }))
  );
  return out;
}

const centred = (text: string, size = 18, bold = true) =>
  new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold, size, color: INK })] });

function footer(info: PackInfo): Footer {
  const runs: ParagraphChild[] = [
    new TextRun({ text: `${info.classification ? `${info.classification} · ` : ''}${info.title} · Page `, size: 16, color: MUTED }),
    new TextRun({ children: [PageNumber.CURRENT], size: 16, color: MUTED }),
    new TextRun({ text: ' of ', size: 16, color: MUTED }),
    new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16, color: MUTED })
  ];
  return new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: runs })] });
}

function cover(info: PackInfo): Paragraph[] {
  return [
    new Paragraph({ spacing: { before: 2400 }, children: [] }),
    new Paragraph({ heading: HeadingLevel.TITLE, spacing: { after: 360 }, children: [new TextRun({ text: info.title, size: 56, bold: true, color: INK })] }),
    ...(info.organisation ? [new Paragraph({ spacing: { after: 240 }, children: [new TextRun({ text: info.organisation, size: 32, color: INK })] })] : []),
    new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: info.date, size: 24, color: INK })] }),
    new Paragraph({ spacing: { after: 480 }, children: [new TextRun({ text: info.prepared, size: 22, color: MUTED })] }),
    ...(info.classification ? [new Paragraph({ children: [new TextRun({ text: `Classification: ${info.classification}`, bold: true, size: 24 })] })] : []),
    new Paragraph({ children: [new PageBreak()] })
  ];
}

/**
 * The contents: a TOC field over the headings (each item is one), written with its entries and their
 * pages (docx/layout), so it reads right in any application and Word can update it.
 */
function contents(): (Paragraph | TableOfContents)[] {
  return [
    new Paragraph({ spacing: { before: 240, after: 120 }, children: [new TextRun({ text: 'Contents', bold: true, size: 28, color: INK })] }),
    new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-2' })
  ];
}

export async function boardPackDocument(items: readonly BoardItem[], info: PackInfo): Promise<Document> {
  const numbered = numberItems(items);
  const classification = info.classification ? { default: new Header({ children: [centred(info.classification)] }) } : undefined;
  // Works out the pages of the contents and the page count as Word would (a large module: loaded only here).
  const { estimatePageNumbers } = await import('docx/layout');
  return new Document({
    creator: 'Fairshare',
    // (Word shows "Un-named" as the last author otherwise.)
    lastModifiedBy: info.organisation || 'Fairshare',
    title: info.title,
    subject: info.organisation,
    description: info.prepared,
    pageNumbers: estimatePageNumbers,
    styles: {
      default: {
        document: { run: { font: 'Arial', size: 22, language: { value: LANGUAGE } } },
        title: { run: { font: 'Arial', size: 56, bold: true, color: INK } },
        heading1: { run: { font: 'Arial', size: 32, bold: true, color: INK }, paragraph: { spacing: { before: 360, after: 160 } } },
        heading2: { run: { font: 'Arial', size: 26, bold: true, color: INK }, paragraph: { spacing: { before: 320, after: 80 } } },
        heading3: { run: { font: 'Arial', size: 22, bold: true, color: INK }, paragraph: { spacing: { before: 200, after: 60 } } }
      },
      paragraphStyles: [
        { id: 'Caption', name: 'caption', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 20, color: INK }, paragraph: { spacing: { before: 80, after: 160 } } }
      ]
    },
    sections: [{
      properties: {
        titlePage: true,
        page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: Math.round(10 * MM_TWIPS), footer: Math.round(10 * MM_TWIPS) } }
      },
      headers: classification ? { ...classification, first: classification.default } : undefined,
      footers: { default: footer(info), first: new Footer({ children: info.classification ? [centred(info.classification)] : [] }) },
      children: [
        ...cover(info),
        ...contents(),
        new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, keepNext: true, children: [new TextRun('Figures and tables')] }),
        ...numbered.flatMap(itemBlocks),
        ...annex(numbered, info)
      ]
    }]
  });
}

/** The .docx file's bytes. */
export async function boardPackDocx(items: readonly BoardItem[], info: PackInfo): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(await boardPackDocument(items, info)));
}
