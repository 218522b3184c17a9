// shpjs 6 ships no types; only the two parsers read-shapefile.ts uses are declared.
declare module 'shpjs' {
  import type { Geometry } from 'geojson';
  /** .shp bytes → one geometry per record (null for a null shape). With no prj, coordinates are returned as stored. */
  export function parseShp(shp: ArrayBuffer | ArrayBufferView | DataView, prj?: string | false): (Geometry | null)[];
  /** .dbf bytes → one object per record; `encoding` is a TextDecoder label or a .cpg's text. */
  export function parseDbf(dbf: ArrayBuffer | ArrayBufferView | DataView, encoding?: string): Record<string, unknown>[];
}
