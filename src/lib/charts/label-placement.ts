/**
 * Where to put text labels beside points so that they do not overlap one another or cover other points, for
 * Plot charts (Plot draws text where it is told and does not avoid collisions). Greedy, top to bottom: each
 * label goes to the right of its point (to the left in the rightmost fifth of the frame, so it stays inside),
 * at the point's height if that is free, else the nearest free line above or below within the frame, up to
 * four lines away. A label with no free place, or too wide for the frame, is marked as not fitting: the
 * chart leaves it out and says so (on a phone-width chart there is not room for every name). The result
 * is in data units, so it goes straight into a Plot.text mark; a label moved off its point's line is marked
 * so a leader can be drawn. Text is measured as the page draws it (label-fit.ts).
 */
import { textWidth } from './label-fit';

export interface Frame {
  width: number;
  height: number;
  marginTop: number;
  marginRight: number;
  marginBottom: number;
  marginLeft: number;
  x: readonly [number, number];
  y: readonly [number, number];
}

export interface LabelPoint {
  x: number;
  y: number;
  text: string;
}

export interface PlacedLabel extends LabelPoint {
  /** The label's y (data units); x is the point's. */
  labelY: number;
  anchor: 'start' | 'end';
  moved: boolean;
  /** False when there was no free place for it inside the frame: not drawn. */
  fits: boolean;
}

/** The line height of 12px labels, pixels. */
export const LINE_HEIGHT = 14;
/** Gap between the point and its label, pixels (the mark's dx). */
export const LABEL_GAP = 7;

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Half the size of the box a dot takes, pixels. */
const DOT_RADIUS = 5;

/** `obstacles` are other points (data units) that labels must not cover, such as every dot drawn. */
export function placeLabels(points: readonly LabelPoint[], frame: Frame, obstacles: readonly { x: number; y: number }[] = []): PlacedLabel[] {
  const innerWidth = frame.width - frame.marginLeft - frame.marginRight;
  const innerHeight = frame.height - frame.marginTop - frame.marginBottom;
  const [x0, x1] = frame.x;
  const [y0, y1] = frame.y;
  if (!(innerWidth > 0 && innerHeight > 0 && x1 > x0 && y1 > y0)) return points.map((p) => ({ ...p, labelY: p.y, anchor: 'start', moved: false, fits: false }));
  const px = (x: number) => frame.marginLeft + ((x - x0) / (x1 - x0)) * innerWidth;
  const py = (y: number) => frame.marginTop + ((y1 - y) / (y1 - y0)) * innerHeight;
  const yOf = (pixel: number) => y1 - ((pixel - frame.marginTop) / innerHeight) * (y1 - y0);

  const placed: Box[] = obstacles.map((o) => ({
    left: px(o.x) - DOT_RADIUS, right: px(o.x) + DOT_RADIUS, top: py(o.y) - DOT_RADIUS, bottom: py(o.y) + DOT_RADIUS
  }));
  const inside = (b: Box) => b.top >= frame.marginTop && b.bottom <= frame.height - frame.marginBottom;
  const out = new Map<LabelPoint, PlacedLabel>();
  for (const p of [...points].sort((a, b) => py(a.y) - py(b.y))) {
    const cx = px(p.x);
    const width = textWidth(p.text, 12);
    // Right of the point unless that runs out of the frame (or the point is in the rightmost fifth).
    const rightFits = cx + LABEL_GAP + width <= frame.width;
    const anchor = cx > frame.marginLeft + innerWidth * 0.8 || !rightFits ? 'end' : 'start';
    const left = anchor === 'start' ? cx + LABEL_GAP : cx - LABEL_GAP - width;
    const boxAt = (centre: number): Box => ({ left, right: left + width, top: centre - LINE_HEIGHT / 2, bottom: centre + LINE_HEIGHT / 2 });
    const centre = py(p.y);
    let chosen: number | null = null;
    if (left >= 0 && left + width <= frame.width) {
      for (const step of [0, 1, -1, 2, -2, 3, -3, 4, -4]) {
        const candidate = centre + step * LINE_HEIGHT;
        const box = boxAt(candidate);
        if ((step === 0 || inside(box)) && !placed.some((b) => overlaps(b, box))) {
          chosen = candidate;
          break;
        }
      }
    }
    if (chosen !== null) placed.push(boxAt(chosen));
    out.set(p, { ...p, labelY: yOf(chosen ?? centre), anchor, moved: chosen !== null && chosen !== centre, fits: chosen !== null });
  }
  return points.map((p) => out.get(p)!);
}
