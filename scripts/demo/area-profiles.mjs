/**
 * Rough, embedded facts about the North West areas the synthetic demo is built
 * around. Why embedded: the demo must build offline and deterministically, and it
 * only needs to be plausible, not exact. All of it is approximate and the output is
 * labelled synthetic.
 *
 * The demo covers one region, the North West (E12000002), at realistic volumes;
 * these are its 23 upper-tier areas on the default geography's 2019 boundaries
 * (so Cumbria is still one county; it became Cumberland and Westmorland and Furness
 * in April 2023).
 *
 * Columns:
 *   pop    population in thousands, roughly Census 2021 (rounded)
 *   imd    approximate IMD 2019 average score (higher = more deprived)
 *   u18    % aged 0–17, roughly Census 2021
 *   o65    % aged 65 and over, roughly Census 2021
 *   white  share of residents in the White ethnic group, roughly Census 2021
 *   type   urban | mixed | rural (our own rough label)
 *   coast  `coast` for the seaside/coastal areas (labelling only)
 */

const TABLE = `
# code      pop    imd   u18   o65   white  type   coast  name
E06000006   128   32.4  21.4  18.6  0.96   urban  -      Halton
E06000007   211   18.7  21.2  19.4  0.93   urban  -      Warrington
E06000008   155   36.1  26.4  13.9  0.65   urban  -      Blackburn with Darwen
E06000009   141   45.0  19.8  20.9  0.95   urban  coast  Blackpool
E06000049   399   14.3  19.8  23.3  0.95   mixed  -      Cheshire East
E06000050   357   18.4  19.9  21.6  0.95   mixed  coast  Cheshire West and Chester
E08000001   296   28.9  23.6  17.3  0.74   urban  -      Bolton
E08000002   194   22.9  22.6  18.2  0.85   urban  -      Bury
E08000003   552   40.0  22.3   9.8  0.57   urban  -      Manchester
E08000004   242   33.6  25.0  16.2  0.72   urban  -      Oldham
E08000005   224   34.1  24.1  16.6  0.77   urban  -      Rochdale
E08000006   271   34.2  21.8  12.7  0.81   urban  -      Salford
E08000007   295   19.5  21.4  20.2  0.88   urban  -      Stockport
E08000008   231   31.3  22.0  17.8  0.86   urban  -      Tameside
E08000009   235   14.9  23.9  17.2  0.80   urban  -      Trafford
E08000010   329   25.5  20.6  19.6  0.95   urban  -      Wigan
E08000011   155   43.0  22.3  17.6  0.95   urban  -      Knowsley
E08000012   486   42.4  19.6  15.0  0.84   urban  coast  Liverpool
E08000013   183   31.1  20.2  20.5  0.96   urban  -      St Helens
E08000014   280   25.5  19.6  23.8  0.96   urban  coast  Sefton
E08000015   320   29.2  20.4  22.3  0.96   urban  coast  Wirral
E10000006   500   19.8  17.5  25.4  0.97   rural  coast  Cumbria
E10000017  1235   23.6  20.4  21.0  0.88   mixed  coast  Lancashire
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
  E10000006: 'Carlisle|Barrow-in-Furness|Whitehaven|Workington|Kendal|Penrith',
  E10000017: 'Preston|Lancaster|Burnley|Chorley|Pendle|Hyndburn|Rossendale|Fylde|Wyre|South Ribble|West Lancashire|Ribble Valley'
});

/**
 * @typedef {{
 *   pop: number, imd: number, u18: number, o65: number, white: number,
 *   type: 'urban' | 'mixed' | 'rural', coast: boolean
 * }} AreaProfile
 */

/** @type {Map<string, AreaProfile>} */
export const AREA_PROFILES = new Map(
  TABLE.trim()
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .map((line) => {
      const [code, pop, imd, u18, o65, white, type, coast] = line.trim().split(/\s+/);
      return [
        /** @type {string} */ (code),
        {
          pop: Number(pop),
          imd: Number(imd),
          u18: Number(u18) / 100,
          o65: Number(o65) / 100,
          white: Number(white),
          type: /** @type {AreaProfile['type']} */ (type),
          coast: coast === 'coast'
        }
      ];
    })
);

/** Used for an area we have no facts about (e.g. a different geography): middling. */
export const DEFAULT_PROFILE = /** @type {AreaProfile} */ ({ pop: 250, imd: 22, u18: 0.21, o65: 0.19, white: 0.88, type: 'mixed', coast: false });

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

/**
 * National-ish IMD deciles for upper-tier areas: the IMD 2019 average scores that
 * roughly split England's 152 upper-tier areas into tenths (decile 1 = the most
 * deprived 15 or so, at or above 33.4). From the rough England-wide scores this
 * generator used before it became regional, so a North West area gets about the
 * decile it has nationally, not its rank within the region.
 */
export const NATIONAL_IMD_DECILE_CUTS = [33.4, 29.85, 27.0, 25.3, 22.2, 19.75, 17.75, 15.2, 12.55];

/** @param {number} imdScore */
export function nationalImdDecile(imdScore) {
  const below = NATIONAL_IMD_DECILE_CUTS.findIndex((cut) => imdScore >= cut);
  return below === -1 ? 10 : below + 1;
}
