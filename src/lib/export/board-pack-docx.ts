/**
 * The board pack as a Word document (docx package): A4 with 25 mm margins, so the text column is
 * 160 mm, the width the print-size PNGs are made for. A heading, then for each item (from the second
 * on a new page): its number and title, the filters, the image with its alternative text, the
 * caption, the table of numbers if chosen, notes, the suppression footnote and the source line, all
 * as text (the picture is the drawing alone, so nothing is said twice).
 * Runs in the browser and in Node (unit tests); nothing is fetched.
 */
import {
  AlignmentType, BorderStyle, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType
} from 'docx';
import type { BoardItem } from './board-item';
import { matrixValues } from './table-csv';

export interface PackInfo {
  title: string;
  /** "Prepared 3 Jun 2026 with Fairshare" and the like. */
  subtitle: string;
}

const MM_TWIPS = 1440 / 25.4;
const A4 = { width: Math.round(210 * MM_TWIPS), height: Math.round(297 * MM_TWIPS) };
const MARGIN = Math.round(25 * MM_TWIPS);
/** The 160 mm column in docx's pixels (96 to the inch). */
export const COLUMN_PX = Math.round((160 / 25.4) * 96);
/** Tallest image that leaves room on the page for the words around it (155 mm). */
const MAX_IMAGE_PX = Math.round((155 / 25.4) * 96);
const MUTED = '4C6272';

/** The size an image is placed at: the column's width, or less so it fits the page's height. */
export function placedSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(COLUMN_PX / width, MAX_IMAGE_PX / height);
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

const small = (text: string, colour?: string) =>
  new Paragraph({ spacing: { after: 60 }, children: [new TextRun({ text, size: 18, color: colour })] });

function numbersTable(item: BoardItem): Table | null {
  if (!item.table || item.table.length < 2) return null;
  const values = matrixValues(item.table);
  const numeric = values[0]!.map((_, c) => values.slice(1).some((r) => typeof r[c] === 'number'));
  const border = { style: BorderStyle.SINGLE, size: 4, color: 'D8DDE0' };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: values.map((row, r) => new TableRow({
      tableHeader: r === 0,
      children: row.map((v, c) => new TableCell({
        shading: r === 0 ? { fill: 'E8EDEE' } : undefined,
        children: [new Paragraph({
          alignment: numeric[c] ? AlignmentType.RIGHT : AlignmentType.LEFT,
          // The table shows the numbers as on screen; the CSV export has them unformatted.
          children: [new TextRun({ text: r === 0 ? String(v) : item.table![r]![c]!.text, bold: r === 0, size: 18 })]
        })]
      }))
    }))
  });
}

function itemBlocks(item: BoardItem, index: number): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_2, pageBreakBefore: index > 0, keepNext: true, children: [new TextRun(`${index + 1}. ${item.title}`)] }),
    new Paragraph({ keepNext: true, spacing: { after: 120 }, children: [new TextRun({ text: item.subtitle, italics: true, color: MUTED })] })
  ];
  if (item.show !== 'table') {
    const size = placedSize(item.pngWidth, item.pngHeight);
    out.push(new Paragraph({
      keepNext: true,
      children: [new ImageRun({
        type: 'png', data: item.png, transformation: size,
        altText: { name: item.fileBase, title: item.title, description: item.alt }
      })]
    }));
  }
  const label = item.show === 'table' ? 'Table' : 'Figure';
  out.push(new Paragraph({
    spacing: { before: 80, after: 120 },
    children: [new TextRun({ text: `${label} ${index + 1}. `, bold: true }), new TextRun(item.caption || item.title)]
  }));
  if (item.show !== 'chart') {
    const table = numbersTable(item);
    if (table) out.push(table, new Paragraph({ spacing: { after: 80 }, children: [] }));
  }
  for (const n of item.notes) out.push(small(n));
  out.push(small(item.footnote, MUTED), small(item.source, MUTED));
  return out;
}

export function boardPackDocument(items: readonly BoardItem[], info: PackInfo): Document {
  return new Document({
    creator: 'Fairshare',
    title: info.title,
    description: info.subtitle,
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections: [{
      properties: { page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
      children: [
        new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(info.title)] }),
        new Paragraph({ spacing: { after: 240 }, children: [new TextRun({ text: info.subtitle, color: MUTED })] }),
        ...items.flatMap((item, i) => itemBlocks(item, i))
      ]
    }]
  });
}

/** The .docx file's bytes. */
export async function boardPackDocx(items: readonly BoardItem[], info: PackInfo): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(boardPackDocument(items, info)));
}
