// Funnel plot limits and significance against PHEindicatormethods' own test figures (PHEindicatormethods 2.1.0,
// UKHSA/DHSC, GPL-3: testdata_funnel_*.csv, transcribed here as numbers, not copied as files). The proportion
// outputs are printed to 6 decimals (8 with the axis variation) and the rate outputs in 11 characters (Excel's
// General format), so each figure is compared to the digits printed. When /work/shared/reference is present, a last block checks
// every row of the reference files too.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
  axisPoints,
  FUNNEL_SIGNIFICANCE_LEVELS,
  FUNNEL_SIGNIFICANCE_TEXT,
  poissonMeanWithTail,
  proportionControlLimits,
  proportionFunnel,
  proportionFunnelPoints,
  proportionFunnelSummary,
  proportionSignificance,
  rateFunnel,
  rateFunnelPoints,
  rateFunnelSummary,
  rateSignificance,
  roundDownOneFigure,
  roundUpTwoFigures,
  type FunnelSignificance,
  type FunnelSummary,
  type ProportionFunnelPoint,
  type RateFunnelArea,
  type RateFunnelOptions,
  type RateFunnelPoint
} from '../../src/lib/domain/stats/funnel';
import { exactLower, exactUpper } from '../../src/lib/domain/stats/poisson';

/** Equal to the printed figure: within half a unit of its last printed decimal place. */
function printed(actual: number, expected: string, label: string) {
  const decimals = expected.includes('.') ? expected.split('.')[1]!.length : 0;
  const slack = 0.5 * 10 ** -decimals * (1 + 1e-9) + 1e-12;
  expect(Math.abs(actual - Number(expected)), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(slack);
}

/**
 * Equal to a figure saved through Excel's General format, which shows at most 11 characters: 10 significant
 * figures above 1 (1616.949526) but only 9 decimals below it (0.290369211), trailing zeros dropped.
 */
function elevenCharacters(actual: number, expected: string, label: string) {
  const decimals = 10 - String(Math.trunc(Math.abs(Number(expected)))).length;
  const slack = 0.5 * 10 ** -decimals * (1 + 1e-9);
  expect(Math.abs(actual - Number(expected)), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(slack);
}

// ---- proportions ---------------------------------------------------------------------------------------------

// testdata_funnel_prop_inputs.csv: 303 PCT areas. Their overall proportion and denominator range are all the limits
// depend on (Σnumerator = 10,325,813.8504, Σdenominator = 12,804,440).
const PROP_SUMMARY: FunnelSummary = { baseline: 10325813.8504 / 12804440, minDenominator: 16386, maxDenominator: 102950 };
// The 97 areas with denominator < 31,000 (testdata_funnel_prop_outputs_with_axis_variation.csv).
const PROP_SUMMARY_SMALL: FunnelSummary = { baseline: 0.8218033787630717, minDenominator: 16386, maxDenominator: 30929 };

// Population column of testdata_funnel_prop_outputs.csv (axis 1 to 110,000).
const PROP_AXIS = [
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 18, 20, 22, 24, 27, 30, 33, 37, 41, 45, 50, 55, 61, 68, 75, 83, 92, 102,
  113, 125, 139, 154, 171, 190, 211, 234, 260, 289, 321, 356, 395, 438, 486, 539, 598, 664, 737, 818, 908, 1008, 1119, 1242,
  1379, 1531, 1699, 1886, 2093, 2323, 2578, 2861, 3175, 3524, 3911, 4341, 4818, 5348, 5936, 6588, 7312, 8116, 9008, 9998,
  11097, 12316, 13669, 15171, 16838, 18688, 20742, 23022, 25552, 28360, 31477, 34936, 38775, 43036, 47766, 53016, 58842,
  65309, 72486, 80452, 89294, 99108, 110000
];

// Rows of the outputs: Population, Lower2s, Upper2s, Lower3s, Upper3s (percentages), as printed.
const PROP_ROWS: string[][] = [
  ['1', '3.204264', '100', '0', '100'],
  ['2', '25.885383', '100', '0', '100'],
  ['3', '35.933491', '100', '10.150815', '100'],
  ['4', '41.923356', '100', '19.594903', '100'],
  ['22', '64.132572', '97.152324', '54.611687', '100'],
  ['83', '72.142503', '89.142393', '67.240771', '94.044125'],
  ['664', '77.637263', '83.647632', '75.904239', '85.380656'],
  ['5348', '79.583537', '81.701359', '78.972886', '82.31201'],
  ['99108', '80.396467', '80.888428', '80.254616', '81.03028'],
  ['110000', '80.408963', '80.875933', '80.274317', '81.010578']
];
const PROP_ROWS_SMALL: string[][] = [
  ['10000', '81.43030244', '82.93037332', '80.99777342', '83.36290233'],
  ['10121', '81.43479938', '82.92587637', '81.00486365', '83.3558121'],
  ['16198', '81.591018', '82.76965775', '81.25117013', '83.10950562'],
  ['26241', '81.71732657', '82.64334918', '81.45031809', '82.91035766'],
  ['33000', '81.76745696', '82.5932188', '81.52935757', '82.83131819']
];

function checkPropRow(point: ProportionFunnelPoint | undefined, row: string[]) {
  expect(point, `row ${row[0]}`).toBeDefined();
  expect(point!.denominator).toBe(Number(row[0]));
  printed(point!.lower95, row[1]!, `${row[0]} lower 95%`);
  printed(point!.upper95, row[2]!, `${row[0]} upper 95%`);
  printed(point!.lower998, row[3]!, `${row[0]} lower 99.8%`);
  printed(point!.upper998, row[4]!, `${row[0]} upper 99.8%`);
}

describe('proportion funnel limits (calculate_funnel_limits, statistic = "proportion", multiplier = 100)', () => {
  test('the overall proportion is 80.642448%', () => printed(PROP_SUMMARY.baseline * 100, '80.642448', 'baseline'));

  test('axis: 100 denominators from 1 to 110,000 (largest > twice the smallest, so the axis starts at 0)', () => {
    expect(proportionFunnelPoints(PROP_SUMMARY).map((p) => p.denominator)).toEqual(PROP_AXIS);
  });

  test.each(PROP_ROWS)('limits at %s', (population) => {
    const points = proportionFunnelPoints(PROP_SUMMARY);
    checkPropRow(points.find((p) => p.denominator === Number(population)), PROP_ROWS.find((r) => r[0] === population)!);
  });

  test('axis variation: denominators under 31,000 give an axis from 10,000 to 33,000 (outputs_with_axis_variation)', () => {
    printed(PROP_SUMMARY_SMALL.baseline * 100, '82.18033788', 'baseline');
    const points = proportionFunnelPoints(PROP_SUMMARY_SMALL);
    expect(points).toHaveLength(100);
    expect(points[0]!.denominator).toBe(10000);
    expect(points[99]!.denominator).toBe(33000);
    for (const row of PROP_ROWS_SMALL) checkPropRow(points.find((p) => p.denominator === Number(row[0])), row);
  });

  test('the limits are where a Wilson interval just reaches the overall value', () => {
    // An area exactly on the 95% lower limit has its Wilson upper limit on the baseline.
    const n = 500;
    const limits = proportionControlLimits(0.3, n, 0.95)!;
    const x = limits.lower * n;
    const z = 1.959963984540054;
    const wilsonUpper = (2 * x + z * z + z * Math.sqrt(z * z + 4 * x * (1 - x / n))) / 2 / (n + z * z);
    expect(wilsonUpper).toBeCloseTo(0.3, 12);
  });

  test('no valid area, no funnel', () => {
    expect(proportionFunnelSummary([])).toBeNull();
    expect(proportionFunnelSummary([{ numerator: 5, denominator: 0 }, { numerator: 9, denominator: 4 }])).toBeNull();
    expect(proportionFunnel([])).toBeNull();
    expect(proportionControlLimits(0.5, 0, 0.95)).toBeNull();
  });
});

describe('proportion significance (assign_funnel_significance, testdata_funnel_prop_inputs.csv)', () => {
  // A sample of the 303 areas: every High (0.025) and Low (0.025) area, and four of each other label.
  const areas: [string, number, number, FunnelSignificance][] = [
    ['New Forest PCT', 35078.488, 41980, 'High (0.001)'],
    ['Havering PCT', 48686.4364, 59804, 'High (0.001)'],
    ['Bromley PCT', 66969.6742, 80002, 'High (0.001)'],
    ['Daventry and South Northamptonshire PCT', 22506.3828, 25932, 'High (0.001)'],
    ['Norwich PCT', 24803.6256, 31824, 'Low (0.001)'],
    ['Kingston PCT', 35795.6324, 45449, 'Low (0.001)'],
    ['Greenwich PCT', 48514.446, 64755, 'Low (0.001)'],
    ['Barnet PCT', 70670.2858, 93122, 'Low (0.001)'],
    ['South Gloucestershire PCT', 50050.7443, 61921, 'Not significant'],
    ['Central Derby PCT', 24648.7596, 30521, 'Not significant'],
    ['North East Lincolnshire PCT', 31759.385, 39350, 'Not significant'],
    ['Blackburn with Darwen PCT', 29561.6517, 36627, 'Not significant'],
    ['West Norfolk PCT', 26789.238, 33012, 'High (0.025)'],
    ['North Tees PCT', 36850.0492, 45449, 'High (0.025)'],
    ['Mid-Hampshire PCT', 34502.0685, 42485, 'High (0.025)'],
    ['Sheffield West PCT', 23910.2469, 29457, 'High (0.025)'],
    ['East Devon PCT', 21139.2936, 25992, 'High (0.025)'],
    ['South East Hertfordshire PCT', 38045.3716, 46958, 'High (0.025)'],
    ["Royston, Buntingford and Bishop's Stortford PCT", 16924.1296, 20776, 'High (0.025)'],
    ['North Norfolk PCT', 18504.9982, 22739, 'High (0.025)'],
    ['South Tyneside PCT', 29709.0543, 36583, 'High (0.025)'],
    ['Witham, Braintree and Halstead Care Trust', 28537.4507, 35201, 'High (0.025)'],
    ['North Devon PCT', 30277.5312, 37828, 'Low (0.025)']
  ];
  test.each(areas)('%s', (_area, numerator, denominator, label) => {
    expect(proportionSignificance({ numerator, denominator }, PROP_SUMMARY.baseline)).toBe(label);
  });
  test('an area that is not a proportion gets no label', () => {
    expect(proportionSignificance({ numerator: 11, denominator: 10 }, 0.5)).toBeNull();
  });
  test('labels are the package\'s, in its order, each with plain-English text', () => {
    expect(FUNNEL_SIGNIFICANCE_LEVELS).toEqual([
      'High (0.001)', 'High (0.025)', 'Low (0.001)', 'Low (0.025)', 'Not significant', 'Not applicable for events less than 10 for dsrs'
    ]);
    for (const level of FUNNEL_SIGNIFICANCE_LEVELS) expect(FUNNEL_SIGNIFICANCE_TEXT[level].length).toBeGreaterThan(10);
  });
});

// ---- rates -----------------------------------------------------------------------------------------------------

// testdata_funnel_rate_input_funnels.csv: events and rate per 100,000 for 50 areas.
const RATE_INPUTS: [events: number, rate: number][] = [
  [414, 184], [462, 102], [178, 83], [525, 118], [194, 121], [937, 125], [817, 112], [117, 190], [298, 146], [228, 140],
  [243, 87], [13, 70], [373, 90], [664, 139], [601, 109], [602, 65], [767, 165], [708, 143], [90, 55], [952, 135],
  [347, 135], [648, 88], [988, 167], [354, 99], [839, 83], [25, 53], [518, 62], [425, 118], [648, 176], [765, 101],
  [210, 71], [931, 138], [589, 74], [592, 84], [554, 161], [870, 79], [372, 189], [843, 170], [142, 159], [543, 113],
  [489, 191], [620, 116], [774, 200], [904, 171], [936, 128], [841, 134], [22, 185], [922, 100], [955, 123], [308, 155]
];
const MAX_EVENTS = Math.max(...RATE_INPUTS.map(([e]) => e));

// Events, lower 95% population, lower 95% rate, upper 95% population, upper 95% rate, then the same at 99.8%.
type RateRow = [string, string, string, string, string, string, string, string, string];

function checkRateRow(point: RateFunnelPoint | undefined, row: RateRow) {
  const [events, l2p, l2r, u2p, u2r, l3p, l3r, u3p, u3r] = row;
  expect(point, `events ${events}`).toBeDefined();
  const p = point!;
  expect(p.events).toBe(Number(events));
  const sig = (actual: number, expected: string, label: string) => elevenCharacters(actual, expected, `${events} ${label}`);
  sig(p.lower95.population, l2p, 'lower 95% population');
  sig(p.lower95.rate, l2r, 'lower 95% rate');
  sig(p.upper95.population, u2p, 'upper 95% population');
  sig(p.upper95.rate, u2r, 'upper 95% rate');
  sig(p.lower998.population, l3p, 'lower 99.8% population');
  sig(p.lower998.rate, l3r, 'lower 99.8% rate');
  sig(p.upper998.population, u3p, 'upper 99.8% population');
  sig(p.upper998.rate, u3r, 'upper 99.8% rate');
}

const RATE_CASES: { name: string; areas: () => RateFunnelArea[]; options: RateFunnelOptions; baseline: string; first: number; last: number; rows: RateRow[] }[] = [
  {
    name: 'DSR, 3 years (testdata_funnel_rate_outputs.csv)',
    areas: () => RATE_INPUTS.map(([events, rate]) => ({ events, rate })),
    options: { multiplier: 100000, rateType: 'dsr', yearsOfData: 3 },
    baseline: '116.1720835',
    first: 1,
    last: 1360,
    rows: [
      ['1', '1598.675694', '20.85059119', '7.264481402', '4588.535848', '2649.348525', '12.58170943', '0.287087625', '116108.569'],
      ['2', '2072.984403', '32.15975314', '69.49732367', '959.2695538', '3221.906682', '20.69168143', '13.02722321', '5117.48863'],
      ['3', '2515.599722', '39.75195225', '177.5159418', '563.3296872', '3747.958682', '26.68119061', '54.66984838', '1829.161832'],
      ['10', '5276.757672', '63.17010446', '1375.943768', '242.2579623', '6924.776769', '48.13632908', '849.4639547', '392.4043292'],
      ['58', '21513.61837', '89.86555864', '12636.95054', '152.9904962', '24563.71629', '78.70687443', '10696.53355', '180.7439134'],
      ['376', '119361.346', '105.0032842', '97255.36752', '128.8703508', '126209.7672', '99.30557366', '91506.66143', '136.9663491'],
      ['1289', '390609.3989', '109.9990599', '349936.0128', '122.7843523', '402806.445', '106.6682701', '338835.2255', '126.8069652'],
      ['1360', '411529.9259', '110.158048', '369759.5622', '122.6021934', '424043.2424', '106.9073359', '358342.3275', '126.5084525']
    ]
  },
  {
    name: 'crude, the largest count set to 5 (testdata_funnel_rate_outputs_2.csv)',
    areas: () => RATE_INPUTS.map(([events, rate]) => ({ events: events === MAX_EVENTS ? 5 : events, rate })),
    options: { multiplier: 100000, rateType: 'crude', yearsOfData: 3 },
    baseline: '114.8591735',
    first: 1,
    last: 1344,
    rows: [
      ['1', '1616.949526', '20.61494982', '7.347518827', '4536.678859', '2679.632184', '12.4395182', '0.290369211', '114796.3768'],
      ['2', '2096.679871', '31.79630214', '70.2917202', '948.4284419', '3258.735028', '20.45783597', '13.17613227', '5059.653722'],
      ['3', '2544.354551', '39.30269858', '179.5450566', '556.9632597', '3790.800121', '26.37965517', '55.29475788', '1808.489698'],
      ['10', '5337.07421', '62.45619233', '1391.671639', '239.5201023', '7003.931164', '47.59232002', '859.1738425', '387.9696015'],
      ['58', '21759.53207', '88.84994987', '12781.39854', '151.2614858', '24844.49445', '77.81737468', '10818.80141', '178.7012499'],
      ['373', '119811.0721', '103.7744936', '97540.53242', '127.4683767', '126712.3927', '98.122473', '91751.53201', '135.5109071'],
      ['1274', '390602.1071', '108.7210383', '349702.1185', '121.4366869', '402869.8748', '105.4103802', '338543.1027', '125.4394679'],
      ['1344', '411466.9163', '108.8787415', '369466.4508', '121.2559352', '424051.9679', '105.6474286', '357990.2328', '125.143079']
    ]
  },
  {
    name: 'crude with populations, the largest count set to 0, areas over half the largest population (outputs_3)',
    areas: () => {
      const withPop = RATE_INPUTS.map(([events, rate]) => ({ events, rate, population: (100000 * events) / rate }));
      const maxPop = Math.max(...withPop.map((a) => a.population));
      return withPop
        .map((a) => (a.events === MAX_EVENTS ? { ...a, events: 0, rate: 0 } : a))
        .filter((a) => a.population > maxPop / 2);
    },
    options: { multiplier: 100000, rateType: 'crude', yearsOfData: 3 },
    baseline: '95.60285106',
    first: 286,
    last: 1119,
    rows: [
      ['286', '111970.3773', '85.14156661', '88494.9416', '107.727438', '119317.6437', '79.89877305', '82485.29064', '115.5761622'],
      ['290', '113445.4949', '85.20978887', '89809.05309', '107.6357709', '120839.0789', '79.99619621', '83753.01029', '115.418737'],
      ['294', '114919.9813', '85.27672811', '91123.70873', '107.5461056', '122359.5687', '80.09181549', '85021.59306', '115.2648362'],
      ['322', '125227.1962', '85.71088118', '100340.8561', '106.9687239', '132980.4049', '80.71364603', '93924.72732', '114.2759062'],
      ['496', '188848.5785', '87.54809522', '158051.1582', '104.6074797', '198303.3307', '83.37395683', '149931.5205', '110.2725649'],
      ['803', '300031.2925', '89.21291656', '260945.1793', '102.5758235', '311873.7023', '85.82534041', '250436.3071', '106.8801364'],
      ['1104', '408319.0365', '90.12560452', '362551.7999', '101.502737', '422086.4687', '87.18592689', '350116.9696', '105.1077303'],
      ['1119', '413702.6663', '90.16137202', '367628.0403', '101.4612486', '427558.6565', '87.23949201', '355104.4927', '105.0395046']
    ]
  }
];

describe('rate funnel limits (calculate_funnel_limits, statistic = "rate", per 100,000)', () => {
  describe.each(RATE_CASES)('$name', ({ areas, options, baseline, first, last, rows }) => {
    const funnel = rateFunnel(areas(), options)!;
    test('baseline and axis', () => {
      elevenCharacters(funnel.baseline, baseline, 'baseline');
      expect(funnel.points).toHaveLength(100);
      expect(funnel.points[0]!.events).toBe(first);
      expect(funnel.points[99]!.events).toBe(last);
    });
    test.each(rows)('limits at %s events', (...row) => {
      checkRateRow(funnel.points.find((p) => p.events === Number(row[0])), row as RateRow);
    });
  });

  test('the bisection lands within its step of the exact Poisson limits', () => {
    for (const events of [1, 5, 9, 10, 50, 400]) {
      // P(X ≥ E | μ) = α/2 is the exact lower limit; P(X ≤ E | μ) = α/2 the exact upper limit.
      expect(poissonMeanWithTail(events, 0.025, 'at-least') / exactLower(events, 0.95)).toBeCloseTo(1, 5);
      expect(poissonMeanWithTail(events, 0.025, 'at-most') / exactUpper(events, 0.95)).toBeCloseTo(1, 5);
    }
  });

  test('no area with a denominator, no funnel', () => {
    const options: RateFunnelOptions = { multiplier: 1000, rateType: 'dsr' };
    expect(rateFunnelSummary([], options)).toBeNull();
    expect(rateFunnelSummary([{ events: 0, rate: 0 }], options)).toBeNull();
    expect(rateFunnel([{ events: 3 }], { multiplier: 1000, rateType: 'crude' })).toBeNull();
  });

  test('a crude rate can be given by events and population alone', () => {
    const funnel = rateFunnel([{ events: 30, population: 10000 }, { events: 50, population: 12000 }], { multiplier: 1000, rateType: 'crude' })!;
    expect(funnel.baseline).toBeCloseTo((80 / 22000) * 1000, 12);
    expect(funnel.points[0]!.events).toBeGreaterThanOrEqual(1);
    // One year of data: the plotted population is the population.
    const p = rateFunnelPoints(funnel.summary, { multiplier: 1000 })[50]!;
    expect((p.events / p.lower95.population) * 1000).toBeCloseTo(p.lower95.rate, 9);
  });
});

describe('rate significance (assign_funnel_significance, testdata_funnel_rate_dsr_inputs.csv)', () => {
  // count, DSR per 100,000, population, crude per 100, then labels: DSR per 100,000 with / without the 0-count
  // area, crude per 100 with / without it. H3 = High (0.001), H2 = High (0.025), L3, L2, NS, NA (DSR under 10).
  const LABEL: Record<string, FunnelSignificance> = {
    H3: 'High (0.001)', H2: 'High (0.025)', L3: 'Low (0.001)', L2: 'Low (0.025)', NS: 'Not significant',
    NA: 'Not applicable for events less than 10 for dsrs'
  };
  const rows: [number, number | null, number, number, string, string, string, string][] = [
    [2419, 907.6174266, 264102, 0.915933995, 'H3', 'H3', 'H3', 'H3'],
    [2337, 948.5620216, 259711, 0.899846368, 'H3', 'H3', 'H3', 'H3'],
    [2291, 799.9690496, 289247, 0.792056616, 'H3', 'H3', 'H3', 'H3'],
    [2242, 852.5637927, 265029, 0.845945161, 'H3', 'H3', 'H3', 'H3'],
    [2218, 868.5358183, 284649, 0.779205267, 'H3', 'H3', 'H3', 'H3'],
    [2159, 769.6242217, 293578, 0.735409329, 'H3', 'H3', 'H3', 'H3'],
    [2130, 752.3254955, 286718, 0.742890227, 'H2', 'H2', 'H3', 'H3'],
    [2111, 710.2689402, 307381, 0.686769839, 'NS', 'NS', 'NS', 'NS'],
    [2105, 815.3530325, 274145, 0.767841836, 'H3', 'H3', 'H3', 'H3'],
    [2083, 717.7035916, 297424, 0.700346979, 'NS', 'NS', 'H2', 'NS'],
    [2078, 755.8016993, 272628, 0.762210778, 'H3', 'H3', 'H3', 'H3'],
    [2062, 825.9742848, 269656, 0.76467796, 'H3', 'H3', 'H3', 'H3'],
    [2061, 702.2972468, 294692, 0.699374262, 'NS', 'NS', 'H2', 'NS'],
    [2033, 785.6210132, 277710, 0.732058622, 'H3', 'H3', 'H3', 'H2'],
    [2033, 743.6763018, 259213, 0.784297084, 'H2', 'H2', 'H3', 'H3'],
    [2010, 781.8323058, 285516, 0.703988568, 'H3', 'H3', 'H2', 'NS'],
    [2004, 772.6781064, 269449, 0.743740003, 'H3', 'H3', 'H3', 'H3'],
    [2002, 652.3391553, 290888, 0.688237397, 'L3', 'L3', 'NS', 'NS'],
    [1977, 648.4969973, 287112, 0.68858146, 'L3', 'L3', 'NS', 'NS'],
    [1944, 727.5777428, 286492, 0.678552979, 'NS', 'NS', 'NS', 'NS'],
    [1932, 625.6551186, 287012, 0.673142586, 'L3', 'L3', 'NS', 'NS'],
    [1922, 688.5582424, 291277, 0.659852992, 'NS', 'NS', 'NS', 'NS'],
    [1912, 662.4465438, 289859, 0.659631062, 'L2', 'L2', 'NS', 'NS'],
    [1881, 627.1624732, 289653, 0.649397728, 'L3', 'L3', 'NS', 'L2'],
    [1844, 657.1114147, 282519, 0.652699464, 'L2', 'L2', 'NS', 'L2'],
    [1835, 724.8456714, 274220, 0.669170739, 'NS', 'NS', 'NS', 'NS'],
    [1833, 659.7820553, 280271, 0.654009869, 'L2', 'L2', 'NS', 'L2'],
    [1825, 654.7053631, 284206, 0.642139856, 'L3', 'L3', 'NS', 'L2'],
    [1816, 624.4435507, 274508, 0.661547204, 'L3', 'L3', 'NS', 'NS'],
    [1809, 646.7588823, 288384, 0.627288615, 'L3', 'L3', 'L2', 'L3'],
    [1798, 703.1689982, 287072, 0.62632371, 'NS', 'NS', 'L2', 'L3'],
    [1754, 567.9922764, 282744, 0.62034915, 'L3', 'L3', 'L3', 'L3'],
    [1746, 617.7750715, 289208, 0.603717739, 'L3', 'L3', 'L3', 'L3'],
    [1709, 610.8327232, 287736, 0.593947229, 'L3', 'L3', 'L3', 'L3'],
    [1694, 608.5089462, 296175, 0.571959146, 'L3', 'L3', 'L3', 'L3'],
    [1688, 662.3775859, 303255, 0.556627261, 'L2', 'L2', 'L3', 'L3'],
    [1649, 667.6454503, 285959, 0.576656094, 'L2', 'L2', 'L3', 'L3'],
    [1553, 604.1141693, 274661, 0.565424287, 'L3', 'L3', 'L3', 'L3'],
    [1332, 469.5645784, 281425, 0.473305499, 'L3', 'L3', 'L3', 'L3'],
    [0, null, 297820, 0, 'NA', 'NS', 'L3', 'NS']
  ];
  const labelsFor = (areas: RateFunnelArea[], options: RateFunnelOptions) => rateFunnel(areas, options)!.significance;

  test('DSR per 100,000, with and without the 0-count area', () => {
    const options: RateFunnelOptions = { multiplier: 100000, rateType: 'dsr' };
    const all = rows.map(([events, rate]) => ({ events, rate }));
    expect(labelsFor(all, options)).toEqual(rows.map((r) => LABEL[r[4]]));
    const without = rows.filter((r) => r[0] > 0);
    expect(labelsFor(all.filter((a) => a.events > 0), options)).toEqual(without.map((r) => LABEL[r[5]]));
  });

  test('crude per 100, with and without the 0-count area (its population counts in the average)', () => {
    const options: RateFunnelOptions = { multiplier: 100, rateType: 'crude' };
    const all = rows.map(([events, , population, rate]) => ({ events, population, rate }));
    expect(labelsFor(all, options)).toEqual(rows.map((r) => LABEL[r[6]]));
    const without = rows.filter((r) => r[0] > 0);
    expect(labelsFor(all.filter((a) => a.events > 0), options)).toEqual(without.map((r) => LABEL[r[7]]));
  });

  test('a DSR with fewer than 10 events is not assessed; a crude rate is, exactly below 10', () => {
    expect(rateSignificance({ events: 9, rate: 50 }, 0.001, { multiplier: 100000, rateType: 'dsr' })).toBe(
      'Not applicable for events less than 10 for dsrs'
    );
    // 9 events in 1,000 people against an overall 0.1%: far above the exact 99.8% lower limit.
    expect(rateSignificance({ events: 9, population: 1000 }, 0.001, { multiplier: 1000, rateType: 'crude' })).toBe('High (0.001)');
    expect(rateSignificance({ events: 0 }, 0.001, { multiplier: 1000, rateType: 'crude' })).toBeNull();
  });
});

describe('axis helpers (the package\'s signif.floor / signif.ceiling)', () => {
  test('rounding to one and two significant figures', () => {
    expect(roundDownOneFigure(16386)).toBe(10000); // 15,566.7 → 10,000
    expect(roundDownOneFigure(0)).toBe(0);
    expect(roundUpTwoFigures(102950)).toBe(110000); // 108,097.5 → 110,000
    expect(roundUpTwoFigures(30929)).toBe(33000);
    expect(roundUpTwoFigures(0)).toBe(0);
  });
  test('points climb geometrically by at least 1 to the maximum', () => {
    const points = axisPoints(0, 500);
    expect(points).toHaveLength(100);
    expect(points[0]).toBe(1);
    expect(points[99]).toBe(500);
    for (let i = 1; i < points.length; i++) expect(points[i]!).toBeGreaterThan(points[i - 1]!);
  });
});

// ---- every row, when the reference files are at hand -------------------------------------------------------------

const REFERENCE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/reference/indicator-methods');

/** Enough CSV for these files: a BOM, quoted fields with commas, no newlines inside fields. */
function readCsv(name: string): Record<string, string>[] {
  const fields = (line: string) => (line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? []).slice(0, -1)
    .map((f) => f.replace(/,$/, '').replace(/^"(.*)"$/, '$1').replace(/""/g, '"'));
  const [head, ...lines] = readFileSync(resolve(REFERENCE_DIR, name), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const columns = fields(head!);
  return lines.map((line) => Object.fromEntries(fields(line).map((v, i) => [columns[i]!, v])));
}

if (existsSync(REFERENCE_DIR)) {
  describe('all rows of the reference CSVs', () => {
    const inputs = readCsv('testdata_funnel_prop_inputs.csv').map((r) => ({
      numerator: Number(r.numerator), denominator: Number(r.denominator), significance: r.significance
    }));

    test('proportion significance of all 303 areas', () => {
      const funnel = proportionFunnel(inputs)!;
      expect(funnel.significance).toEqual(inputs.map((a) => a.significance));
    });

    test.each([
      ['testdata_funnel_prop_outputs.csv', inputs],
      ['testdata_funnel_prop_outputs_with_axis_variation.csv', inputs.filter((a) => a.denominator < 31000)]
    ])('every limit in %s', (file, areas) => {
      const funnel = proportionFunnel(areas)!;
      const expected = readCsv(file);
      expect(funnel.points).toHaveLength(expected.length);
      expected.forEach((row, i) => {
        printed(funnel.baseline, row.Baseline!, 'baseline');
        checkPropRow(funnel.points[i], [row.Population!, row.Lower2s0025limit!, row.Upper2s0025limit!, row.Lower3s0001limit!, row.Upper3s0001limit!]);
      });
    });

    test.each([
      ['testdata_funnel_rate_outputs.csv', RATE_CASES[0]!],
      ['testdata_funnel_rate_outputs_2.csv', RATE_CASES[1]!],
      ['testdata_funnel_rate_outputs_3.csv', RATE_CASES[2]!]
    ])('every limit in %s', (file, rateCase) => {
      const funnel = rateFunnel(rateCase.areas(), rateCase.options)!;
      const expected = readCsv(file);
      expect(funnel.points).toHaveLength(expected.length);
      expected.forEach((r, i) => {
        const row: RateRow = [
          r.Events!, r.lower_2s_population_1_year!, r.lower_2s_limit!, r.upper_2s_population_1_year!, r.upper_2s_limit!,
          r.lower_3s_population_1_year!, r.lower_3s_limit!, r.upper_3s_population_1_year!, r.upper_3s_limit!
        ];
        checkRateRow(funnel.points[i], row);
      });
    });

    test('all eight rate significance columns', () => {
      const rows = readCsv('testdata_funnel_rate_dsr_inputs.csv');
      for (const rateType of ['dsr', 'crude'] as const) {
        for (const multiplier of [100000, 100]) {
          for (const withZero of [true, false]) {
            const kept = rows.filter((r) => withZero || Number(r.count) > 0);
            const rateColumn = rateType === 'dsr' ? 'rate_dsr' : `rate_crude_per_${multiplier}`;
            const areas = kept.map((r) => ({
              events: Number(r.count),
              population: Number(r.pop),
              rate: r[rateColumn] === 'NA' ? null : Number(r[rateColumn])
            }));
            const column = `${rateType}_per_${multiplier}_${withZero ? 'with' : 'without'}_0`;
            expect(rateFunnel(areas, { multiplier, rateType })!.significance, column).toEqual(kept.map((r) => r[column]));
          }
        }
      }
    });
  });
}
