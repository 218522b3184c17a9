/**
 * A chart as it is on screen, as SVG elements (browser only). Everything drawn inside a container
 * is copied at its on-screen position and size:
 *   - each SVG (Plot's chart and swatches, the map, its legend) is cloned with its computed styles
 *     written inline, so classes and stylesheets (Svelte's scoped ones, Plot's <style>) are no longer
 *     needed and other renderers (Inkscape, librsvg, Word) draw the same thing;
 *   - HTML text (legend labels, SPC verdicts, lists of areas) becomes <text>, one per line as laid out.
 * Scripts, foreignObject, event handlers and links off the document are dropped from the copy, and
 * all text is escaped by the XML serialiser, so hostile names in the data stay inert text.
 */
import { escapeXml, withFontFallbacks, type SvgBody } from './svg-compose';

/** Presentation properties inherited down the tree: written only where they change. */
const INHERITED = [
  'color', 'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-dashoffset',
  'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit', 'font-family', 'font-size', 'font-weight', 'font-style',
  'text-anchor', 'letter-spacing', 'visibility', 'paint-order', 'shape-rendering', 'font-variant-numeric'
] as const;
/** Properties not inherited: written where they differ from the initial value. */
const OWN: Record<string, string> = {
  opacity: '1', 'mix-blend-mode': 'normal', 'dominant-baseline': 'auto', 'vector-effect': 'none',
  'stop-color': 'rgb(0, 0, 0)', 'stop-opacity': '1'
};
const DROP = new Set(['script', 'foreignobject', 'iframe', 'object', 'embed', 'style', 'animate', 'set', 'animatetransform', 'animatemotion']);

const cleanUrl = (v: string) => v.replace(/url\("?(#[^")]+)"?\)/g, 'url($1)');

function styleOf(el: Element, cs: CSSStyleDeclaration, parent: CSSStyleDeclaration | null, isText: boolean): string {
  const out: string[] = [];
  for (const p of INHERITED) {
    const v = cs.getPropertyValue(p);
    // Same as the parent's: inherited in the copy too, unless an attribute on the element says otherwise.
    if (!v || (parent && parent.getPropertyValue(p) === v && !el.hasAttribute(p))) continue;
    out.push(`${p}:${p === 'font-family' ? withFontFallbacks(v) : cleanUrl(v)}`);
  }
  for (const [p, initial] of Object.entries(OWN)) {
    const v = cs.getPropertyValue(p);
    if (v && v !== initial) out.push(`${p}:${cleanUrl(v)}`);
  }
  if (cs.display === 'none') out.push('display:none');
  if (isText && cs.whiteSpace === 'pre') out.push('white-space:pre');
  return out.join(';');
}

/** Copy computed styles from the on-screen tree onto its clone, element by element. */
function inlineStyles(orig: Element, clone: Element, parent: CSSStyleDeclaration | null): void {
  const cs = getComputedStyle(orig);
  const tag = orig.tagName.toLowerCase();
  const style = styleOf(orig, cs, parent, tag === 'text' || tag === 'tspan');
  if (style) clone.setAttribute('style', style);
  else clone.removeAttribute('style');
  const a = orig.children;
  const b = clone.children;
  for (let i = 0; i < a.length && i < b.length; i++) inlineStyles(a[i]!, b[i]!, cs);
}

/** Remove what a standalone picture must not carry: scripts, handlers, outside links, focus stops. */
export function sanitizeSvg(root: Element): void {
  for (const el of [root, ...root.querySelectorAll('*')]) {
    if (el !== root && DROP.has(el.tagName.toLowerCase())) {
      el.remove();
      continue;
    }
    for (const attr of [...el.attributes]) {
      const name = attr.name.toLowerCase();
      const href = name === 'href' || name === 'xlink:href';
      if (name.startsWith('on') || name === 'tabindex' || name === 'aria-pressed' || name.startsWith('data-') ||
        (href && !attr.value.startsWith('#') && !attr.value.startsWith('data:image/'))) {
        el.removeAttribute(attr.name);
      }
    }
    if (el.getAttribute('role') === 'button') el.removeAttribute('role');
  }
}

interface Box { x0: number; y0: number; x1: number; y1: number }

const transparent = (c: string) => !c || c === 'transparent' || /^rgba\(.*,\s*0\)$/.test(c);
const round = (n: number) => Math.round(n * 100) / 100;

let clipCount = 0;
const SVG_NS = 'http://www.w3.org/2000/svg';
/** Attributes of an <svg> that only make sense on an <svg> (or say nothing in a picture). */
const SVG_ONLY = new Set(['x', 'y', 'width', 'height', 'viewbox', 'preserveaspectratio', 'class', 'id', 'role', 'version', 'xmlns', 'xmlns:xlink', 'overflow']);

/**
 * One on-screen <svg> as a group in the picture: its viewBox mapped onto its on-screen box by a
 * transform (and clipped to it unless its overflow is visible). A group rather than a nested <svg>,
 * because some renderers (resvg, so far) lose clip paths inside nested viewports.
 */
function svgItem(svg: SVGSVGElement, origin: DOMRect, box: Box): string | null {
  const r = svg.getBoundingClientRect();
  if (r.width < 1 || r.height < 1) return null;
  const cs = getComputedStyle(svg);
  const px = (p: string) => parseFloat(cs.getPropertyValue(p)) || 0;
  const x = round(r.left - origin.left);
  const y = round(r.top - origin.top);
  grow(box, x, y, x + r.width, y + r.height);
  // The drawing sits inside the border and padding.
  const cx = x + px('border-left-width') + px('padding-left');
  const cy = y + px('border-top-width') + px('padding-top');
  const cw = r.width - px('border-left-width') - px('border-right-width') - px('padding-left') - px('padding-right');
  const ch = r.height - px('border-top-width') - px('border-bottom-width') - px('padding-top') - px('padding-bottom');
  const vb = svg.viewBox.baseVal;
  const [vx, vy, vw, vh] = vb && vb.width > 0 && vb.height > 0 ? [vb.x, vb.y, vb.width, vb.height] : [0, 0, cw, ch];
  let sx = cw / vw;
  let sy = ch / vh;
  let tx = cx - vx * sx;
  let ty = cy - vy * sy;
  if (svg.getAttribute('preserveAspectRatio') !== 'none') {
    // The default, xMidYMid meet: one scale, centred.
    const s = Math.min(sx, sy);
    tx = cx + (cw - vw * s) / 2 - vx * s;
    ty = cy + (ch - vh * s) / 2 - vy * s;
    sx = sy = s;
  }

  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone, null);
  // Lengths in % are of the <svg>'s viewport, which the group that replaces it does not have (a legend
  // swatch's <rect width="100%"> would fill the whole picture): made absolute against the viewBox.
  for (const el of clone.querySelectorAll('*')) {
    for (const [attr, size] of [['x', vw], ['width', vw], ['x1', vw], ['x2', vw], ['cx', vw], ['y', vh], ['height', vh], ['y1', vh], ['y2', vh], ['cy', vh]] as const) {
      const v = el.getAttribute(attr);
      if (v?.endsWith('%')) el.setAttribute(attr, String(round((parseFloat(v) / 100) * size)));
    }
  }
  for (const el of clone.querySelectorAll('style')) el.remove();
  sanitizeSvg(clone);
  const g = document.createElementNS(SVG_NS, 'g');
  for (const a of [...clone.attributes]) if (!SVG_ONLY.has(a.name.toLowerCase())) g.setAttribute(a.name, a.value);
  g.setAttribute('transform', `translate(${round(tx)} ${round(ty)}) scale(${sx === sy ? round4(sx) : `${round4(sx)} ${round4(sy)}`})`);
  while (clone.firstChild) g.appendChild(clone.firstChild);
  let clip = '';
  // Clipped to its box as on screen, unless it clips its own marks: a clip inside a clip (with Plot's
  // far-off funnel curves) makes resvg drop the marks, and a self-clipping chart stays in its box anyway.
  if (cs.overflow !== 'visible' && !svg.querySelector('[clip-path]')) {
    const id = `fairshare-export-clip-${++clipCount}`;
    clip = `<clipPath id="${id}"><rect x="${round(cx)}" y="${round(cy)}" width="${round(cw)}" height="${round(ch)}"/></clipPath>`;
  }

  // An <svg>'s CSS background and border become a rectangle behind it.
  let frame = '';
  const bg = cs.backgroundColor;
  const bw = cs.borderTopStyle === 'none' ? 0 : px('border-top-width');
  if (!transparent(bg) || bw > 0) {
    const rx = px('border-top-left-radius');
    const stroke = bw > 0 ? ` stroke="${cs.borderTopColor}" stroke-width="${bw}"` : '';
    frame = `<rect x="${round(x + bw / 2)}" y="${round(y + bw / 2)}" width="${round(r.width - bw)}" height="${round(r.height - bw)}"${rx ? ` rx="${rx}"` : ''} fill="${transparent(bg) ? 'none' : bg}"${stroke}/>`;
  }
  const body = new XMLSerializer().serializeToString(g);
  return clip ? `${frame}${clip}<g clip-path="url(#${clip.match(/id="([^"]+)"/)![1]})">${body}</g>` : frame + body;
}

const round4 = (n: number) => Math.round(n * 10000) / 10000;

let ctx: CanvasRenderingContext2D | null = null;
/** Where the baseline sits in a line box of this font (ascent ÷ (ascent + descent)); ~0.8 for sans fonts. */
function baselineRatio(font: string): number {
  ctx ??= document.createElement('canvas').getContext('2d');
  if (!ctx) return 0.8;
  ctx.font = font;
  const m = ctx.measureText('Hg');
  const a = m.fontBoundingBoxAscent;
  const d = m.fontBoundingBoxDescent;
  return a && d ? a / (a + d) : 0.8;
}

/** A run of HTML text as <text> elements, one per line as the browser laid it out. */
function textItems(node: Text, origin: DOMRect, box: Box): string[] {
  const el = node.parentElement;
  if (!el || !/\S/.test(node.data)) return [];
  const cs = getComputedStyle(el);
  if (cs.visibility !== 'visible' || cs.opacity === '0') return [];
  const range = document.createRange();
  const lines: { words: string[]; left: number; top: number; bottom: number; right: number }[] = [];
  for (const m of node.data.matchAll(/\S+/g)) {
    range.setStart(node, m.index!);
    range.setEnd(node, m.index! + m[0].length);
    const r = range.getBoundingClientRect();
    if (r.width < 1 && r.height < 1) continue;
    const line = lines.at(-1);
    if (line && Math.abs(r.top - line.top) < r.height / 2) {
      line.words.push(m[0]);
      line.right = Math.max(line.right, r.right);
    } else lines.push({ words: [m[0]], left: r.left, top: r.top, bottom: r.bottom, right: r.right });
  }
  range.detach();
  const font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
  const ratio = baselineRatio(font);
  const attrs = `font-family="${escapeXml(withFontFallbacks(cs.fontFamily))}" font-size="${cs.fontSize}"` +
    (cs.fontWeight !== '400' ? ` font-weight="${cs.fontWeight}"` : '') + (cs.fontStyle !== 'normal' ? ` font-style="${cs.fontStyle}"` : '') +
    ` fill="${cs.color}"`;
  return lines.map((l) => {
    const x = round(l.left - origin.left);
    const y = round(l.top - origin.top);
    grow(box, x, y, round(l.right - origin.left), round(l.bottom - origin.top));
    return `<text x="${x}" y="${round(y + (l.bottom - l.top) * ratio)}" ${attrs}>${escapeXml(l.words.join(' '))}</text>`;
  });
}

const HATCH_ID = 'fairshare-export-hatch';
const HATCH = `<defs><pattern id="${HATCH_ID}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
  '<rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#6b7c88" stroke-width="2"/></pattern></defs>';

const border = (cs: CSSStyleDeclaration, side: 'Top' | 'Right' | 'Bottom' | 'Left') =>
  cs.getPropertyValue(`border-${side.toLowerCase()}-style`) === 'none' ? 0 : parseFloat(cs.getPropertyValue(`border-${side.toLowerCase()}-width`)) || 0;

/**
 * Small HTML boxes drawn with CSS (the dots and line samples of a chart's key, the hatched "no value"
 * sample) as SVG shapes: a filled or outlined rectangle (round for a dot), or a line for a box that is
 * only a top border. Striped CSS gradients become the map's hatch. Large boxes (cards, panels) are left out.
 */
function boxItem(el: Element, cs: CSSStyleDeclaration, origin: DOMRect, box: Box, uses: { hatch: boolean }): string | null {
  const r = el.getBoundingClientRect();
  if (r.width > 64 || r.height > 64 || (r.width < 1 && r.height < 1)) return null;
  const bg = cs.backgroundColor;
  const hatch = /gradient/.test(cs.backgroundImage);
  const t = border(cs, 'Top');
  const rt = border(cs, 'Right');
  const b = border(cs, 'Bottom');
  const l = border(cs, 'Left');
  if (transparent(bg) && !hatch && !t && !rt && !b && !l) return null;
  const x = round(r.left - origin.left);
  const y = round(r.top - origin.top);
  grow(box, x, y, x + r.width, y + r.height);
  if (t && !b && r.height <= t + 1) {
    const dash = cs.borderTopStyle === 'dashed' ? ` stroke-dasharray="${3 * t} ${2 * t}"` : cs.borderTopStyle === 'dotted' ? ` stroke-dasharray="${t} ${t}"` : '';
    return `<line x1="${x}" y1="${round(y + t / 2)}" x2="${round(x + r.width)}" y2="${round(y + t / 2)}" stroke="${cs.borderTopColor}" stroke-width="${t}"${dash}/>`;
  }
  if (hatch) uses.hatch = true;
  const fill = hatch ? `url(#${HATCH_ID})` : transparent(bg) ? 'none' : bg;
  const w = t === rt && t === b && t === l ? t : 0;
  const stroke = w ? ` stroke="${cs.borderTopColor}" stroke-width="${w}"` : '';
  const radius = cs.borderTopLeftRadius.endsWith('%') ? (Math.min(r.width, r.height) * parseFloat(cs.borderTopLeftRadius)) / 100 : parseFloat(cs.borderTopLeftRadius) || 0;
  return `<rect x="${round(x + w / 2)}" y="${round(y + w / 2)}" width="${round(r.width - w)}" height="${round(r.height - w)}"${radius ? ` rx="${round(radius)}"` : ''} fill="${fill}"${stroke}/>`;
}

function grow(box: Box, x0: number, y0: number, x1: number, y1: number): void {
  box.x0 = Math.min(box.x0, x0);
  box.y0 = Math.min(box.y0, y0);
  box.x1 = Math.max(box.x1, x1);
  box.y1 = Math.max(box.y1, y1);
}

export interface SnapshotOptions {
  /** Elements to leave out (with their contents), e.g. tooltips or the export menu. */
  skip?: (el: Element) => boolean;
}

const SKIP = (el: Element) =>
  el.getAttribute('role') === 'tooltip' || el.hasAttribute('data-export-skip') || el.classList.contains('visually-hidden') ||
  ['BUTTON', 'SELECT', 'INPUT', 'TEXTAREA', 'DETAILS', 'SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT'].includes(el.tagName);

/** The container's drawing, cropped to what is drawn, in CSS pixels as on screen. */
export function snapshot(containers: Element[], options: SnapshotOptions = {}): SvgBody {
  const first = containers[0];
  if (!first) return { markup: '', width: 0, height: 0 };
  const origin = first.getBoundingClientRect();
  const box: Box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  const items: string[] = [];
  const uses = { hatch: false };
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      items.push(...textItems(node as Text, origin, box));
      return;
    }
    if (!(node instanceof Element) || SKIP(node) || options.skip?.(node)) return;
    const cs = getComputedStyle(node);
    if (cs.display === 'none') return;
    if (node instanceof SVGSVGElement) {
      const item = svgItem(node, origin, box);
      if (item) items.push(item);
      return;
    }
    if (!containers.includes(node) && cs.visibility === 'visible') {
      const item = boxItem(node, cs, origin, box, uses);
      if (item) items.push(item);
    }
    for (const child of node.childNodes) walk(child);
  };
  for (const c of containers) walk(c);
  if (!items.length) return { markup: '', width: 0, height: 0 };
  if (uses.hatch) items.unshift(HATCH);
  const width = Math.ceil(box.x1 - box.x0);
  const height = Math.ceil(box.y1 - box.y0);
  return { markup: `<g transform="translate(${round(-box.x0)} ${round(-box.y0)})">${items.join('')}</g>`, width, height };
}
