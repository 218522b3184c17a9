// The boxes of a slide's shapes (text, pictures, tables), read from its XML, in inches: for checking that
// nothing leaves the slide or lies over another shape. Written for the tests, apart from the code that
// lays the slides out.
const EMU_PER_INCH = 914400;

export interface ShapeBox {
  name: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export function slideShapes(xml: string): ShapeBox[] {
  const out: ShapeBox[] = [];
  for (const m of xml.matchAll(/<p:(sp|pic|graphicFrame)>([\s\S]*?)<\/p:\1>/g)) {
    const body = m[2]!;
    const name = body.match(/<p:cNvPr [^>]*name="([^"]*)"/)?.[1] ?? m[1]!;
    const off = body.match(/<a:off x="(-?\d+)" y="(-?\d+)"\s*\/>/);
    const ext = body.match(/<a:ext cx="(\d+)" cy="(\d+)"\s*\/>/);
    if (!off || !ext) continue;
    out.push({ name, x: +off[1]! / EMU_PER_INCH, y: +off[2]! / EMU_PER_INCH, w: +ext[1]! / EMU_PER_INCH, h: +ext[2]! / EMU_PER_INCH });
  }
  return out;
}
