/**
 * The sample drawn beside each entry of a chart's key, as inline CSS, so the page and the exported
 * picture (whose snapshot turns small CSS boxes into SVG shapes) draw the same mark.
 */
import type { KeyItem } from './spec';

export function keyMarkStyle(k: KeyItem): string {
  switch (k.mark) {
    case 'dot':
      return `width:0.8rem;height:0.8rem;border-radius:50%;background:${k.colour};border:1px solid #4c6272`;
    case 'ring':
      return `width:0.8rem;height:0.8rem;border-radius:50%;background:#ffffff;border:2px solid ${k.colour};box-sizing:border-box`;
    case 'square':
      return `width:0.8rem;height:0.8rem;background:${k.colour}`;
    case 'tick':
      return `width:0.25rem;height:0.9rem;background:${k.colour}`;
    case 'dashed':
      return `width:1.6rem;height:0;border-top:2px dashed ${k.colour}`;
    case 'dotted':
      return `width:1.6rem;height:0;border-top:2px dotted ${k.colour}`;
    case 'line':
      return `width:1.6rem;height:0;border-top:2px solid ${k.colour}`;
    case 'thick':
      return `width:1.6rem;height:0;border-top:4px solid ${k.colour}`;
  }
}
