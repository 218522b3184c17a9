/** England's nine ONS regions (E12), by code: the hex map carries the codes, not the names. */
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
