/**
 * Weights for the districts abolished before 2021, whose mid-2020 population is not in the
 * reference (ONS published mid-2020 on 2021 codes, after they had merged). Used only to weight
 * their IMD 2019 average scores into Buckinghamshire (2020) and North and West Northamptonshire
 * (2021).
 *
 * Source: ONS mid-2019 population estimates, MYE2 Persons, all ages, April 2019 local authority
 * codes (ukmidyearestimates20192019ladcodes.xls, 24 June 2020; Open Government Licence v3.0), as
 * stored in humaniverse/demographr data/population19_ltla19.rda (commit c6210a3). Checked there:
 * the four Buckinghamshire districts sum to E06000060's 543,973 on 2020 codes.
 */
export const MID_2019_POPULATION = /** @type {Record<string, number>} */ ({
  E07000004: 203219, // Aylesbury Vale
  E07000005: 96046, // Chiltern
  E07000006: 70440, // South Bucks
  E07000007: 174268, // Wycombe
  E07000150: 72218, // Corby
  E07000151: 85950, // Daventry
  E07000152: 94527, // East Northamptonshire
  E07000153: 101776, // Kettering
  E07000154: 224610, // Northampton
  E07000155: 94490, // South Northamptonshire
  E07000156: 79707 // Wellingborough
});
