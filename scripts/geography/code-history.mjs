/**
 * Local authority changes in England between the 2019 codes (April 2019, as IMD 2019 is published)
 * and the 2024 codes (May 2024, as the boundaries and the NHS lookups are). Each predecessor became
 * part of exactly one successor, except the two county councils split between two unitaries.
 * Sources: ONS Code History Database and the Statutory Instruments behind each change (facts, not
 * estimates); the build checks them against the 2019, 2021 and 2024 code lists it reads.
 */

/** @typedef {{ successor: string, successorName: string, year: number, predecessors: [string, string][] }} Merger */

/** @type {Merger[]} */
export const MERGERS = [
  {
    successor: 'E06000060', successorName: 'Buckinghamshire', year: 2020,
    predecessors: [['E07000004', 'Aylesbury Vale'], ['E07000005', 'Chiltern'], ['E07000006', 'South Bucks'], ['E07000007', 'Wycombe'], ['E10000002', 'Buckinghamshire (county)']]
  },
  {
    successor: 'E06000061', successorName: 'North Northamptonshire', year: 2021,
    predecessors: [['E07000150', 'Corby'], ['E07000152', 'East Northamptonshire'], ['E07000153', 'Kettering'], ['E07000156', 'Wellingborough']]
  },
  {
    successor: 'E06000062', successorName: 'West Northamptonshire', year: 2021,
    predecessors: [['E07000151', 'Daventry'], ['E07000154', 'Northampton'], ['E07000155', 'South Northamptonshire']]
  },
  {
    successor: 'E06000063', successorName: 'Cumberland', year: 2023,
    predecessors: [['E07000026', 'Allerdale'], ['E07000028', 'Carlisle'], ['E07000029', 'Copeland']]
  },
  {
    successor: 'E06000064', successorName: 'Westmorland and Furness', year: 2023,
    predecessors: [['E07000027', 'Barrow-in-Furness'], ['E07000030', 'Eden'], ['E07000031', 'South Lakeland']]
  },
  {
    successor: 'E06000065', successorName: 'North Yorkshire', year: 2023,
    predecessors: [
      ['E07000163', 'Craven'], ['E07000164', 'Hambleton'], ['E07000165', 'Harrogate'], ['E07000166', 'Richmondshire'],
      ['E07000167', 'Ryedale'], ['E07000168', 'Scarborough'], ['E07000169', 'Selby'], ['E10000023', 'North Yorkshire (county)']
    ]
  },
  {
    successor: 'E06000066', successorName: 'Somerset', year: 2023,
    predecessors: [['E07000187', 'Mendip'], ['E07000188', 'Sedgemoor'], ['E07000189', 'South Somerset'], ['E07000246', 'Somerset West and Taunton'], ['E10000027', 'Somerset (county)']]
  }
];

/** County councils abolished and divided between two new unitaries: rows on these codes cannot be placed. */
export const SPLITS = [
  { code: 'E10000006', name: 'Cumbria (county)', year: 2023, successors: ['E06000063', 'E06000064'] },
  { code: 'E10000021', name: 'Northamptonshire (county)', year: 2021, successors: ['E06000061', 'E06000062'] }
];

/** Is this a district (lower or single tier) code, as opposed to a county council's? */
export const isDistrict = (/** @type {string} */ code) => !code.startsWith('E10');
