/**
 * Rough, embedded facts about each area that the synthetic demo is built around.
 * Why embedded: the demo must build offline and deterministically, and it only
 * needs to be plausible, not exact. All of it is approximate and the output is
 * labelled synthetic.
 *
 * Columns:
 *   pop    population in thousands, roughly mid-2010s/2019 (ONS mid-year estimates, rounded)
 *   imd    approximate IMD 2019 average score (higher = more deprived)
 *   type   urban | mixed | rural (our own rough label)
 *   coast  `coast` if an older seaside/coastal population (pushes the 65+ share up)
 *   white  share of residents in the White ethnic group, where it differs a lot
 *          from the default for the area type ('-' = default)
 */

const TABLE = `
# code      pop    imd   type   coast  white  name
E06000001    93   35.0  urban  coast  -      Hartlepool
E06000002   141   40.5  urban  -      -      Middlesbrough
E06000003   137   29.8  mixed  coast  -      Redcar and Cleveland
E06000004   197   25.8  urban  -      -      Stockton-on-Tees
E06000005   107   25.7  urban  -      -      Darlington
E06000006   129   32.4  urban  -      -      Halton
E06000007   210   18.7  urban  -      -      Warrington
E06000008   149   36.1  urban  -      0.67   Blackburn with Darwen
E06000009   139   45.0  urban  coast  -      Blackpool
E06000010   260   40.6  urban  coast  -      Kingston upon Hull
E06000011   341   16.1  rural  coast  -      East Riding of Yorkshire
E06000012   160   32.1  urban  coast  -      North East Lincolnshire
E06000013   172   22.7  mixed  -      -      North Lincolnshire
E06000014   210   13.4  urban  -      -      York
E06000015   257   28.6  urban  -      0.75   Derby
E06000016   355   30.9  urban  -      0.45   Leicester
E06000017    40    9.1  rural  -      -      Rutland
E06000018   332   34.9  urban  -      0.68   Nottingham
E06000019   193   18.5  rural  -      -      Herefordshire
E06000020   180   24.5  mixed  -      -      Telford and Wrekin
E06000021   256   34.5  urban  -      -      Stoke-on-Trent
E06000022   193   12.5  mixed  -      -      Bath and North East Somerset
E06000023   463   25.0  urban  -      0.82   Bristol
E06000024   214   16.6  mixed  coast  -      North Somerset
E06000025   285   11.6  mixed  -      -      South Gloucestershire
E06000026   263   26.6  urban  -      -      Plymouth
E06000027   136   28.3  urban  coast  -      Torbay
E06000028   195   21.8  urban  coast  -      Bournemouth
E06000029   151   16.4  urban  coast  -      Poole
E06000030   222   19.7  urban  -      -      Swindon
E06000031   202   27.7  urban  -      0.80   Peterborough
E06000032   213   25.6  urban  -      0.52   Luton
E06000033   183   23.9  urban  coast  -      Southend-on-Sea
E06000034   174   21.7  urban  -      -      Thurrock
E06000035   278   23.4  urban  -      -      Medway
E06000036   122   10.9  urban  -      -      Bracknell Forest
E06000037   158   10.4  rural  -      -      West Berkshire
E06000038   161   19.7  urban  -      0.70   Reading
E06000039   164   22.0  urban  -      0.35   Slough
E06000040   151    8.7  mixed  -      0.82   Windsor and Maidenhead
E06000041   171    5.6  mixed  -      0.85   Wokingham
E06000042   269   18.8  urban  -      0.80   Milton Keynes
E06000043   290   22.0  urban  -      -      Brighton and Hove
E06000044   215   25.2  urban  -      -      Portsmouth
E06000045   252   25.9  urban  -      0.86   Southampton
E06000046   142   23.3  rural  coast  -      Isle of Wight
E06000047   530   26.8  mixed  -      -      County Durham
E06000049   384   14.3  mixed  -      -      Cheshire East
E06000050   343   18.4  mixed  -      -      Cheshire West and Chester
E06000051   323   16.9  rural  -      -      Shropshire
E06000052   570   23.1  rural  coast  -      Cornwall
E06000053   2.2   11.6  rural  coast  -      Isles of Scilly
E06000054   500   13.9  rural  -      -      Wiltshire
E06000055   173   17.3  mixed  -      0.80   Bedford
E06000056   288   12.4  mixed  -      -      Central Bedfordshire
E06000057   322   21.2  rural  coast  -      Northumberland
E08000001   287   28.9  urban  -      0.78   Bolton
E08000002   191   22.9  urban  -      -      Bury
E08000003   553   40.0  urban  -      0.63   Manchester
E08000004   237   33.6  urban  -      0.75   Oldham
E08000005   222   34.1  urban  -      0.80   Rochdale
E08000006   258   34.2  urban  -      0.85   Salford
E08000007   293   19.5  urban  -      -      Stockport
E08000008   226   31.3  urban  -      -      Tameside
E08000009   237   14.9  urban  -      0.82   Trafford
E08000010   328   25.5  urban  -      -      Wigan
E08000011   150   43.0  urban  -      -      Knowsley
E08000012   498   42.4  urban  -      0.86   Liverpool
E08000013   180   31.1  urban  -      -      St Helens
E08000014   276   25.5  urban  coast  -      Sefton
E08000015   324   29.2  urban  coast  -      Wirral
E08000016   247   29.9  mixed  -      -      Barnsley
E08000017   312   30.6  mixed  -      -      Doncaster
E08000018   265   29.7  mixed  -      -      Rotherham
E08000019   585   27.6  urban  -      0.82   Sheffield
E08000021   302   30.0  urban  -      0.80   Newcastle upon Tyne
E08000022   207   21.2  urban  coast  -      North Tyneside
E08000023   150   31.3  urban  coast  -      South Tyneside
E08000024   277   30.6  urban  coast  -      Sunderland
E08000025  1142   38.0  urban  -      0.52   Birmingham
E08000026   371   27.9  urban  -      0.70   Coventry
E08000027   321   24.5  urban  -      -      Dudley
E08000028   328   34.9  urban  -      0.66   Sandwell
E08000029   216   17.0  urban  -      -      Solihull
E08000030   285   31.6  urban  -      0.76   Walsall
E08000031   263   33.2  urban  -      0.66   Wolverhampton
E08000032   539   33.1  urban  -      0.62   Bradford
E08000033   211   25.4  mixed  -      -      Calderdale
E08000034   439   25.9  mixed  -      0.78   Kirklees
E08000035   793   27.3  urban  -      0.82   Leeds
E08000036   349   27.8  mixed  -      -      Wakefield
E08000037   202   27.6  urban  -      -      Gateshead
E09000001    10   14.7  urban  -      0.70   City of London
E09000002   212   32.8  urban  -      0.45   Barking and Dagenham
E09000003   395   16.1  urban  -      0.60   Barnet
E09000004   248   15.5  urban  -      0.78   Bexley
E09000005   329   25.8  urban  -      0.35   Brent
E09000006   332   14.1  urban  -      0.80   Bromley
E09000007   270   21.2  urban  -      0.63   Camden
E09000008   386   22.4  urban  -      0.50   Croydon
E09000009   341   22.5  urban  -      0.45   Ealing
E09000010   333   25.8  urban  -      0.52   Enfield
E09000011   287   24.7  urban  -      0.60   Greenwich
E09000012   281   32.5  urban  -      0.53   Hackney
E09000013   185   21.2  urban  -      0.66   Hammersmith and Fulham
E09000014   268   28.0  urban  -      0.57   Haringey
E09000015   251   15.3  urban  -      0.38   Harrow
E09000016   259   17.6  urban  -      0.85   Havering
E09000017   306   18.4  urban  -      0.55   Hillingdon
E09000018   271   21.1  urban  -      0.45   Hounslow
E09000019   242   27.5  urban  -      0.66   Islington
E09000020   156   20.2  urban  -      0.68   Kensington and Chelsea
E09000021   177   11.4  urban  -      0.70   Kingston upon Thames
E09000022   326   25.5  urban  -      0.55   Lambeth
E09000023   305   26.7  urban  -      0.52   Lewisham
E09000024   206   14.8  urban  -      0.63   Merton
E09000025   353   29.6  urban  -      0.28   Newham
E09000026   305   17.9  urban  -      0.40   Redbridge
E09000027   198    9.9  urban  -      0.82   Richmond upon Thames
E09000028   318   25.8  urban  -      0.53   Southwark
E09000029   206   14.0  urban  -      0.75   Sutton
E09000030   324   28.7  urban  -      0.40   Tower Hamlets
E09000031   276   24.3  urban  -      0.52   Waltham Forest
E09000032   329   14.9  urban  -      0.70   Wandsworth
E09000033   261   20.0  urban  -      0.60   Westminster
E10000002   546   10.6  mixed  -      0.86   Buckinghamshire
E10000003   653   12.7  mixed  -      -      Cambridgeshire
E10000006   500   19.8  rural  coast  -      Cumbria
E10000007   802   19.2  mixed  -      -      Derbyshire
E10000008   796   17.7  rural  coast  -      Devon
E10000009   425   15.4  rural  coast  -      Dorset
E10000011   558   19.7  mixed  coast  -      East Sussex
E10000012  1489   16.6  mixed  -      -      Essex
E10000013   637   15.5  mixed  -      -      Gloucestershire
E10000014  1377   13.1  mixed  -      -      Hampshire
E10000015  1190   11.7  mixed  -      -      Hertfordshire
E10000016  1581   19.8  mixed  coast  -      Kent
E10000017  1210   23.6  mixed  -      -      Lancashire
E10000018   706   12.6  mixed  -      -      Leicestershire
E10000019   761   21.6  rural  coast  -      Lincolnshire
E10000020   907   20.0  rural  coast  -      Norfolk
E10000021   753   19.2  mixed  -      -      Northamptonshire
E10000023   618   13.9  rural  coast  -      North Yorkshire
E10000024   828   20.5  mixed  -      -      Nottinghamshire
E10000025   688   11.5  mixed  -      -      Oxfordshire
E10000027   562   18.2  rural  -      -      Somerset
E10000028   879   17.8  mixed  -      -      Staffordshire
E10000029   760   17.6  rural  coast  -      Suffolk
E10000030  1196   10.0  mixed  -      -      Surrey
E10000031   577   15.1  mixed  -      -      Warwickshire
E10000032   858   14.0  mixed  coast  -      West Sussex
E10000034   595   16.5  mixed  -      -      Worcestershire
`;

/**
 * @typedef {{ pop: number, imd: number, type: 'urban' | 'mixed' | 'rural', coast: boolean, white: number | null }} AreaProfile
 */

/** @type {Map<string, AreaProfile>} */
export const AREA_PROFILES = new Map(
  TABLE.trim()
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .map((line) => {
      const [code, pop, imd, type, coast, white] = line.trim().split(/\s+/);
      return [
        /** @type {string} */ (code),
        {
          pop: Number(pop),
          imd: Number(imd),
          type: /** @type {AreaProfile['type']} */ (type),
          coast: coast === 'coast',
          white: white === '-' ? null : Number(white)
        }
      ];
    })
);

/** Used for an area we have no facts about (e.g. a different geography): middling. */
export const DEFAULT_PROFILE = /** @type {AreaProfile} */ ({ pop: 250, imd: 21, type: 'mixed', coast: false, white: null });

/**
 * @param {string} code
 * @returns {AreaProfile}
 */
export function profileFor(code) {
  return AREA_PROFILES.get(code) ?? DEFAULT_PROFILE;
}

/**
 * Share of residents in the White group: the table's value, else a default by
 * area type (London is more diverse than its type alone suggests).
 * @param {string} code
 * @param {string} regionCode
 */
export function whiteShareFor(code, regionCode) {
  const p = profileFor(code);
  if (p.white !== null) return p.white;
  if (regionCode === 'E12000007') return 0.6;
  return { urban: 0.88, mixed: 0.93, rural: 0.96 }[p.type];
}
