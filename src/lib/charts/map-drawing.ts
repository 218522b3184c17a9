/**
 * The map drawn again off screen for an export (browser only), at the width of the export's layout and,
 * when a height is given, made smaller until the map, its key and its lists fit it (a tall region must
 * fit an A4 page or a slide, export/layout.ts). The same component as on screen draws it, so the
 * picture and the page cannot disagree; it is copied as SVG (svg-snapshot.ts) and removed.
 */
import { flushSync, mount, unmount, type ComponentProps } from 'svelte';
import type { DrawBox } from '../export/layout';
import type { SvgBody } from '../export/svg-compose';
import { snapshot } from '../export/svg-snapshot';
import ChoroplethMap from './ChoroplethMap.svelte';

export type MapDrawingProps = Omit<ComponentProps<typeof ChoroplethMap>, 'onselect' | 'selected'>;

/** The smallest map drawn to fit a box, CSS px tall: below this a region is not worth drawing. */
const MIN_MAP_HEIGHT = 160;

export function drawMap(props: MapDrawingProps, box: DrawBox): SvgBody {
  const host = document.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  host.style.cssText = `position:absolute;left:-100000px;top:0;width:${box.width}px;background:#fff`;
  document.body.append(host);
  const app = mount(ChoroplethMap, { target: host, props: { ...props, selected: null, onselect: () => {} } });
  try {
    flushSync();
    // A wide, short box (a slide): the key goes beside the map, so the map can have the box's height.
    const root = host.querySelector<HTMLElement>('.choropleth');
    if (root && box.height !== undefined && box.width > box.height * 1.6) {
      root.style.cssText = 'flex-direction:row;align-items:flex-start;gap:24px';
      root.querySelector<HTMLElement>('.frame')?.style.setProperty('flex', '0 0 auto');
    }
    const svg = host.querySelector<SVGSVGElement>('svg[data-testid="map-svg"]');
    const over = box.height === undefined ? 0 : host.getBoundingClientRect().height - box.height;
    if (svg && over > 0) {
      // The map keeps its shape: a shorter map is a narrower one; the key and lists above and below keep their size.
      const r = svg.getBoundingClientRect();
      const height = Math.max(MIN_MAP_HEIGHT, r.height - over);
      svg.style.width = `${Math.floor((r.width * height) / r.height)}px`;
    }
    return snapshot([host]);
  } finally {
    unmount(app);
    host.remove();
  }
}
