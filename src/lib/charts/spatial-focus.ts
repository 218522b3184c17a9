/**
 * Arrow-key movement between map areas: from the focused area's centre, the nearest area in the
 * arrow's direction (screen coordinates, y down). Distance plus twice the sideways offset, so
 * "right" prefers an area straight to the right over a nearer one diagonally up. Pure, for tests.
 */
export type Direction = 'left' | 'right' | 'up' | 'down';

export interface FocusPoint {
  code: string;
  x: number;
  y: number;
}

export const ARROW_DIRECTIONS: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

export function nearestInDirection(from: FocusPoint, points: FocusPoint[], dir: Direction): string | null {
  let best: string | null = null;
  let bestScore = Infinity;
  for (const p of points) {
    if (p.code === from.code) continue;
    const dx = p.x - from.x;
    const dy = p.y - from.y;
    const ahead = dir === 'right' ? dx : dir === 'left' ? -dx : dir === 'down' ? dy : -dy;
    const side = dir === 'left' || dir === 'right' ? Math.abs(dy) : Math.abs(dx);
    if (ahead <= 0) continue;
    const score = Math.hypot(dx, dy) + 2 * side;
    if (score < bestScore) {
      bestScore = score;
      best = p.code;
    }
  }
  return best;
}

/**
 * What a key does on one of a roving group of map marks (areas, providers): Enter or Space chooses it, Escape
 * dismisses the tooltip, Home and End go to the first and last in `order`, an arrow to the nearest in its
 * direction. Returns the code to focus, or null; `choose` and `dismiss` run here.
 */
export function rovingKey(
  e: KeyboardEvent, from: FocusPoint, order: readonly FocusPoint[], actions: { choose: () => void; dismiss: () => void }
): string | null {
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    actions.choose();
  } else if (e.key === 'Escape') {
    actions.dismiss();
  } else if ((e.key === 'Home' || e.key === 'End') && order.length) {
    e.preventDefault();
    return (e.key === 'Home' ? order[0]! : order.at(-1)!).code;
  } else if (ARROW_DIRECTIONS[e.key]) {
    e.preventDefault();
    return nearestInDirection(from, [...order], ARROW_DIRECTIONS[e.key]!);
  }
  return null;
}
