/**
 * The sizes exports are laid out at. A chart is drawn again for each (never a screen image scaled), so
 * its type keeps a readable size wherever it is printed or projected (docs/exports.md):
 *
 *   print  the picture is laid out PRINT_LAYOUT.width CSS px wide and printed 160 mm wide (the text
 *          column of A4 with 25 mm margins): 1 px = 0.229 mm, so the smallest text the charts draw
 *          (11 px) prints at 7.1 pt. It is at most 230 mm tall (PRINT_LAYOUT.height px), so it fits a
 *          page with its caption: a map is drawn smaller to fit; a chart that cannot be is scaled down.
 *   slide  the body of a 16:9 slide (12.3 × 4.7 in): laid out 1000 px wide, so 12 px text shows at
 *          ~10.6 pt; a map is fitted to the slide's height, its key beside the type size of the rest.
 */
import { PRINT_DPI, PRINT_WIDTH_MM, PRINT_WIDTH_PX } from './png';

export interface DrawBox {
  /** The width to lay the drawing out at, in CSS px. */
  width: number;
  /** The tallest it may be; a drawing that can (a map) is made to fit, others ignore it. */
  height?: number;
}

/** The tallest print picture, in mm: an A4 page less its margins and a caption. */
export const PRINT_MAX_HEIGHT_MM = 230;
/** 230 mm at 300 dpi. */
export const PRINT_MAX_HEIGHT_PX = Math.round((PRINT_MAX_HEIGHT_MM / 25.4) * PRINT_DPI);

/** The print picture's size in CSS px (words and padding included). */
export const PRINT_LAYOUT = {
  width: 700,
  height: Math.floor((700 * PRINT_MAX_HEIGHT_PX) / PRINT_WIDTH_PX)
};

/** A slide's body, in CSS px, and the pixel density the slide PNG is made at. */
export const SLIDE_LAYOUT = { width: 1000, height: 440, scale: 2 };

/** Points of type per CSS px of the picture once printed 160 mm wide. */
export const PRINT_PT_PER_PX = ((PRINT_WIDTH_MM / 25.4) * 72) / PRINT_LAYOUT.width;

/**
 * The pixel size of a picture `width` × `height` CSS px drawn for print: 1890 px wide (160 mm at
 * 300 dpi), or narrower so it is at most 2717 px (230 mm) tall.
 */
export function printPixels(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(PRINT_WIDTH_PX / width, PRINT_MAX_HEIGHT_PX / height);
  return { width: Math.min(PRINT_WIDTH_PX, Math.round(width * scale)), height: Math.min(PRINT_MAX_HEIGHT_PX, Math.round(height * scale)) };
}
