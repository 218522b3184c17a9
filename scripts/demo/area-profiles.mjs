/**
 * Rough, embedded flavour for the North West districts the synthetic demo is built around:
 * the things the reference data (data/reference/areas.csv: real mid-2020 population by age and
 * IMD 2019 scores) does not hold. Why embedded: the demo must build offline and
 * deterministically, and this only needs to be plausible. The output is labelled synthetic.
 *
 * The demo covers one region, the North West (E12000002), at district level on 2024 codes:
 * Lancashire and South Cumbria ICB's 15 districts and their 20 North West neighbours.
 *
 * Columns:
 *   white  share of residents in the White ethnic group, roughly Census 2021
 *   type   urban | mixed | rural (our own rough label)
 *   coast  `coast` for the seaside/coastal areas (labelling only)
 */

const TABLE = `
# code      white  type   coast  name
E06000006   0.96   urban  -      Halton
E06000007   0.93   urban  -      Warrington
E06000008   0.65   urban  -      Blackburn with Darwen
E06000009   0.95   urban  coast  Blackpool
E06000049   0.95   mixed  -      Cheshire East
E06000050   0.95   mixed  coast  Cheshire West and Chester
E06000063   0.98   rural  coast  Cumberland
E06000064   0.98   rural  coast  Westmorland and Furness
E07000117   0.87   urban  -      Burnley
E07000118   0.96   mixed  -      Chorley
E07000119   0.97   mixed  coast  Fylde
E07000120   0.86   urban  -      Hyndburn
E07000121   0.93   mixed  coast  Lancaster
E07000122   0.74   urban  -      Pendle
E07000123   0.78   urban  -      Preston
E07000124   0.97   rural  -      Ribble Valley
E07000125   0.93   mixed  -      Rossendale
E07000126   0.96   mixed  -      South Ribble
E07000127   0.97   mixed  -      West Lancashire
E07000128   0.98   mixed  coast  Wyre
E08000001   0.74   urban  -      Bolton
E08000002   0.85   urban  -      Bury
E08000003   0.57   urban  -      Manchester
E08000004   0.72   urban  -      Oldham
E08000005   0.77   urban  -      Rochdale
E08000006   0.81   urban  -      Salford
E08000007   0.88   urban  -      Stockport
E08000008   0.86   urban  -      Tameside
E08000009   0.80   urban  -      Trafford
E08000010   0.95   urban  -      Wigan
E08000011   0.95   urban  -      Knowsley
E08000012   0.84   urban  coast  Liverpool
E08000013   0.96   urban  -      St Helens
E08000014   0.96   urban  coast  Sefton
E08000015   0.96   urban  coast  Wirral
`;

/**
 * Real towns/districts used to name provider services (`|`-separated), so the demo
 * looks like the place. Areas not listed use their own name with a compass point.
 */
const LOCALITIES = /** @type {Record<string, string>} */ ({
  E06000006: 'Runcorn|Widnes',
  E06000008: 'Blackburn|Darwen',
  E06000049: 'Crewe|Macclesfield|Congleton|Wilmslow|Nantwich|Knutsford',
  E06000050: 'Chester|Ellesmere Port|Northwich|Winsford',
  E08000001: 'Bolton|Farnworth|Horwich|Westhoughton',
  E08000002: 'Bury|Prestwich|Radcliffe|Ramsbottom',
  E08000004: 'Oldham|Chadderton|Royton|Saddleworth',
  E08000005: 'Rochdale|Heywood|Middleton|Littleborough',
  E08000006: 'Salford|Eccles|Swinton|Walkden',
  E08000007: 'Stockport|Cheadle|Marple|Bramhall',
  E08000008: 'Ashton-under-Lyne|Hyde|Stalybridge|Denton',
  E08000009: 'Sale|Altrincham|Stretford|Urmston',
  E08000010: 'Wigan|Leigh|Hindley|Standish',
  E08000011: 'Kirkby|Huyton|Prescot|Halewood',
  E08000013: 'St Helens|Newton-le-Willows|Rainford',
  E08000014: 'Southport|Bootle|Crosby|Maghull',
  E08000015: 'Birkenhead|Wallasey|Bebington|West Kirby',
  E06000063: 'Carlisle|Workington|Whitehaven|Maryport|Cockermouth',
  E06000064: 'Kendal|Barrow-in-Furness|Penrith|Ulverston|Windermere',
  E07000117: 'Burnley|Padiham',
  E07000118: 'Chorley|Adlington|Coppull',
  E07000119: 'Lytham St Annes|Kirkham',
  E07000120: 'Accrington|Oswaldtwistle|Great Harwood',
  E07000121: 'Lancaster|Morecambe|Carnforth|Heysham',
  E07000122: 'Nelson|Colne|Barnoldswick',
  E07000123: 'Preston|Fulwood',
  E07000124: 'Clitheroe|Longridge|Whalley',
  E07000125: 'Rawtenstall|Bacup|Haslingden',
  E07000126: 'Leyland|Penwortham|Bamber Bridge',
  E07000127: 'Ormskirk|Skelmersdale|Burscough',
  E07000128: 'Fleetwood|Thornton-Cleveleys|Poulton-le-Fylde|Garstang'
});

/** @typedef {{ white: number, type: 'urban' | 'mixed' | 'rural', coast: boolean }} AreaProfile */

/** @type {Map<string, AreaProfile>} */
export const AREA_PROFILES = new Map(
  TABLE.trim()
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .map((line) => {
      const [code, white, type, coast] = line.trim().split(/\s+/);
      return [
        /** @type {string} */ (code),
        { white: Number(white), type: /** @type {AreaProfile['type']} */ (type), coast: coast === 'coast' }
      ];
    })
);

/** Used for an area we have no flavour for: middling. */
export const DEFAULT_PROFILE = /** @type {AreaProfile} */ ({ white: 0.88, type: 'mixed', coast: false });

/**
 * @param {string} code
 * @returns {AreaProfile}
 */
export function profileFor(code) {
  return AREA_PROFILES.get(code) ?? DEFAULT_PROFILE;
}

/**
 * Place names for an area's services: its towns, or the area name with compass points.
 * @param {string} code
 * @param {string} name
 * @returns {string[]}
 */
export function localitiesFor(code, name) {
  const listed = LOCALITIES[code];
  if (listed) return listed.split('|');
  return ['North', 'Central', 'South', 'East', 'West'].map((point) => `${point} ${name}`);
}
