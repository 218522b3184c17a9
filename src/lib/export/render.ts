/**
 * A standalone SVG drawn to PNG in the browser: the SVG is loaded as an image (no network: a blob
 * URL of text we built) and drawn on a canvas at the pixel width asked for, so text and lines stay
 * sharp at any size. The PNG is marked with its dpi (png.ts).
 */
import { withDpi } from './png';
import { FONT_STACK, type Measure } from './svg-compose';

export async function svgToPng(svg: string, width: number, height: number, pixelWidth: number, dpi: number, pixelHeight?: number): Promise<Uint8Array> {
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(pixelWidth);
  // Given when a limit must hold to the pixel (a print picture at most 2717 px tall); else in proportion.
  canvas.height = pixelHeight ?? Math.round((height * pixelWidth) / width);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw images.');
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image(width, height);
    img.src = url;
    await img.decode();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  } finally {
    URL.revokeObjectURL(url);
  }
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The image could not be made.');
  return withDpi(new Uint8Array(await blob.arrayBuffer()), dpi);
}

let ctx: CanvasRenderingContext2D | null = null;
/** Text widths as the browser's fonts draw them (for wrapping the export's title and notes). */
export const canvasMeasure: Measure = (text, fontSize, bold) => {
  ctx ??= document.createElement('canvas').getContext('2d');
  if (!ctx) return text.length * fontSize * 0.55;
  ctx.font = `${bold ? '700 ' : ''}${fontSize}px ${FONT_STACK}`;
  // A little slack: another renderer's fallback font may be wider.
  return ctx.measureText(text).width * 1.06;
};
