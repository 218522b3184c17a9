/**
 * The demo's parent level: the NHS integrated care board (ICB, 2023 codes) each North West area
 * belongs to, so the Map can roll local authorities up to ICBs as an analyst's population
 * extract would. Cumbria straddles two ICBs (its south is in Lancashire and South Cumbria, its
 * north in North East and North Cumbria); the demo's single Cumbria area is placed in the first.
 */
export const ICBS = /** @type {const} */ ({
  E54000008: 'NHS Cheshire and Merseyside ICB',
  E54000057: 'NHS Greater Manchester ICB',
  E54000048: 'NHS Lancashire and South Cumbria ICB'
});

/** @type {Record<string, keyof typeof ICBS>} */
const ICB_OF = {
  E06000006: 'E54000008', E06000007: 'E54000008', E06000049: 'E54000008', E06000050: 'E54000008',
  E08000011: 'E54000008', E08000012: 'E54000008', E08000013: 'E54000008', E08000014: 'E54000008', E08000015: 'E54000008',
  E08000001: 'E54000057', E08000002: 'E54000057', E08000003: 'E54000057', E08000004: 'E54000057', E08000005: 'E54000057',
  E08000006: 'E54000057', E08000007: 'E54000057', E08000008: 'E54000057', E08000009: 'E54000057', E08000010: 'E54000057',
  E06000008: 'E54000048', E06000009: 'E54000048', E10000006: 'E54000048', E10000017: 'E54000048'
};

/** @param {string} areaCode @returns {{ parent_code: string, parent_name: string }} */
export function icbOf(areaCode) {
  const code = ICB_OF[areaCode];
  if (!code) throw new Error(`The demo has no ICB for area ${areaCode}`);
  return { parent_code: code, parent_name: ICBS[code] };
}
