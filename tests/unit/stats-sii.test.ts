// Slope and Relative Index of Inequality against PHEindicatormethods' own test figures (PHEindicatormethods 2.1.0,
// UKHSA/DHSC, GPL-3: testdata_SII, transcribed here as numbers, not copied as files). As in the package's tests,
// the SII, RII and intercept must match exactly (here to 1e-9 relative) and the simulated confidence limits within
// 5% (our draws come from a different, seeded generator; the largest difference here is 3.4%, on the 99% lower
// limit 1.92 of life expectancy area 1, where a small shift is a large share).
// When /work/shared/reference is present, a last block runs every scenario in the file.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { nthSmallest, sii, siiRegressionWeights, type SiiOptions, type SiiQuantile, type SiiResult } from '../../src/lib/domain/stats/sii';
import { fillSeededNormals, mulberry32, normalFrom, seededNormal, seededNormals } from '../../src/lib/domain/stats/random';

const EXACT = 1e-9;
const SIMULATED = 0.05;

function near(actual: number | null | undefined, expected: number, tolerance: number, label: string) {
  expect(actual, label).toBeTypeOf('number');
  const rel = Math.abs(actual! - expected) / Math.abs(expected);
  expect(rel, `${label}: ${actual} vs ${expected}`).toBeLessThan(tolerance);
}

type Area = 'area1' | 'area2';
// Quantile (1 = most deprived), population, value, lower 95%, upper 95%, standard error (log scale for the rates,
// logit scale for the proportions).
type Row = [number, number, number, number, number, number];

const quantiles = (rows: Row[], from: 'se' | 'limits'): SiiQuantile[] =>
  rows.map(([quantile, population, value, lower95, upper95, standardError]) =>
    from === 'se' ? { quantile, population, value, standardError } : { quantile, population, value, lower95, upper95 }
  );

// Life expectancy by decile (rows 1-20), infant mortality rate (rows 71-90), child obesity proportion (rows 91-110).
const LIFE_EXPECTANCY: Record<Area, Row[]> = {
  area1: [
    [1, 7291, 75.9334590103081, 72.7220530546453, 79.1448649659708, 1.638472426358545],
    [2, 7997, 78.3442382727843, 75.2509802190802, 81.4374963264884, 1.578192884542907],
    [3, 6105, 83.8360631041654, 80.8697295124759, 86.8023966958549, 1.5134355059640296],
    [4, 7666, 83.6375399664931, 80.157578356036, 87.1175015769501, 1.7754906175801293],
    [5, 5790, 80.4655031529559, 77.1308785969275, 83.8001277089842, 1.7013390591981388],
    [6, 6934, 81.1156759857022, 78.0499986811178, 84.1813532902866, 1.56412107376755],
    [7, 5918, 81.6930835718562, 79.011578491948, 84.3745886517644, 1.3681148366878566],
    [8, 5974, 84.1900062060987, 81.4457282769343, 86.9342841352631, 1.4001418005940802],
    [9, 7147, 80.5955641081472, 75.827185168894, 85.3639430474004, 2.4328463975781616],
    [10, 7534, 86.2894349578624, 83.2190593454592, 89.3598105702656, 1.5665181695934678],
  ],
  area2: [
    [1, 21675, 70.54853186, 70.09853186, 70.99853186, 0.22959183673469533],
    [2, 20065, 71.57155734, 71.12155734, 72.14, 0.2598068010204095],
    [3, 19750, 72.48698671, 72.03698671, 73.21, 0.2992380841836735],
    [4, 24713, 73.51985519, 73.06985519, 73.7, 0.16075122704081746],
    [5, 20112, 73.14605425, 72.69605425, 75.8, 0.7918228954081618],
    [6, 19618, 76.15898712, 75.70898712, 78.76, 0.7783196122448984],
    [7, 22408, 78.65444871, 78.20444871, 79.77, 0.39937532908163315],
    [8, 19752, 80.56476961, 80.11476961, 81.21, 0.2793955076530606],
    [9, 18939, 80.85486627, 80.40486627, 81.30486627, 0.22959183673469533],
    [10, 19312, 79.9711253, 79.5211253, 80.9, 0.3517537500000029],
  ],
};
const INFANT_MORTALITY: Record<Area, Row[]> = {
  area1: [
    [1, 279012, 5.892219689475721, 5.614959662410748, 6.183085357576154, 0.02458749781093432],
    [2, 255993, 4.7345044591063035, 4.475920770781004, 5.0079519402470885, 0.028651772387909245],
    [3, 236961, 3.827634083245766, 3.586926055445024, 4.0844291026854505, 0.03313428067829554],
    [4, 214315, 3.8681380211371112, 3.6140791140579505, 4.1399822998098585, 0.03465674221781768],
    [5, 192812, 3.6771570234217785, 3.4166969870147965, 3.9573934822289045, 0.03747737394554521],
    [6, 183546, 3.1436261209723995, 2.8977176350029272, 3.4103317188858107, 0.041552591866051265],
    [7, 168593, 3.1258711808912585, 2.870493809285979, 3.4038909874130083, 0.04347834474318538],
    [8, 164822, 2.942568346458604, 2.6924041297904315, 3.2159015715579464, 0.045324801522114426],
    [9, 154836, 2.82879950399132, 2.57630573787527, 3.1059621495836955, 0.04769567606225466],
    [10, 138165, 2.7648101907140012, 2.501420619088458, 3.05584866618335, 0.05107105401330555],
  ],
  area2: [
    [1, 13837, 4.89675, 4.77675, 4.97675, 0.010463435871035195],
    [2, 14519, 4.5678, 4.4478, 4.6478, 0.01122050955493271],
    [3, 14940, 4.67666, 4.55666, 4.75666, 0.010958123027823953],
    [4, 14599, 4.35666, 4.23666, 4.43666, 0.011766994423542733],
    [5, 12311, 3.9, 3.78, 3.98, 0.013152502465522992],
    [6, 21675, 3.8, 3.6799999999999997, 3.88, 0.013500612615903717],
    [7, 20065, 3.5, 3.38, 3.58, 0.014665074213694304],
    [8, 19750, 3.2, 3.08, 3.2800000000000002, 0.01604944525779827],
    [9, 24713, 3.21, 3.09, 3.29, 0.015999100476435324],
    [10, 20112, 2.8, 2.6799999999999997, 2.88, 0.01836058663905341],
  ],
};
const CHILD_OBESITY: Record<Area, Row[]> = {
  area1: [
    [1, 34353, 0.21212121212121202, 0.207830499225555, 0.216476300812899, 0.013197018471840493],
    [2, 32112, 0.214281265570503, 0.209827711465288, 0.218803170788612, 0.013599402535469379],
    [3, 27715, 0.204077214504781, 0.19937351725899902, 0.208862933590925, 0.014903436058054755],
    [4, 25372, 0.19186504808450303, 0.187066648694241, 0.19675673996565, 0.015942525582502205],
    [5, 23889, 0.174808489262841, 0.170044640703038, 0.17967690552753499, 0.01703390526979317],
    [6, 23260, 0.16663800515907098, 0.16190410576997, 0.17148199783416998, 0.017593885815626962],
    [7, 23180, 0.156039689387403, 0.151425075468518, 0.160768288675927, 0.018098141690297317],
    [8, 24193, 0.146571322283305, 0.142170753783533, 0.151084110529924, 0.018176743057472546],
    [9, 23609, 0.140370197805921, 0.13599767093637602, 0.144859737537153, 0.01873422095544007],
    [10, 24488, 0.120875530872264, 0.11685200990738201, 0.125017980504761, 0.019601724030759937],
  ],
  area2: [
    [1, 36111, 0.12079421782836301, 0.117473271937339, 0.12419583434331499, 0.016146775138005474],
    [2, 31803, 0.117410307203723, 0.11391851782536101, 0.120994510822713, 0.017418243061058977],
    [3, 26681, 0.11363891908099401, 0.109886239767609, 0.117502836842961, 0.019288400690570365],
    [4, 24184, 0.105896460469732, 0.102080757108839, 0.10983734511402099, 0.020895990883188453],
    [5, 23023, 0.10007383920427401, 0.09626388594689321, 0.104017228033421, 0.02195906395930766],
    [6, 21506, 0.09411327071514931, 0.0902830437346462, 0.09808847293030461, 0.023351345596214483],
    [7, 22197, 0.08730909582376001, 0.0836665612937408, 0.09109444792373561, 0.02377464167013697],
    [8, 23679, 0.0836606275602855, 0.08020120762600881, 0.0872551115710111, 0.02346839135649071],
    [9, 23271, 0.0797559193846418, 0.0763441201710209, 0.0833064392278473, 0.024194175488285865],
    [10, 23464, 0.0696812137742925, 0.0664933849950753, 0.0730099206057122, 0.02563725693767251],
  ],
};

// ---- the package's scenarios ------------------------------------------------------------------------------------

/** SII, RII (null when not requested), intercept (when the package reports it), limits per confidence level. */
interface Expected {
  sii: number;
  rii: number | null;
  intercept?: number;
  limits: [siiLower: number, siiUpper: number, riiLower: number | null, riiUpper: number | null][];
}
interface Scenario {
  name: string;
  data: Record<Area, Row[]>;
  from: 'se' | 'limits';
  options: SiiOptions;
  expected: Record<Area, Expected>;
}

const LE: Record<Area, { sii: number; rii: number; intercept: number }> = {
  area1: { sii: 6.934616473668819, rii: 1.0888180804446217, intercept: 78.07663078231671 },
  area2: { sii: 12.547846636351798, rii: 1.180885620848795, intercept: 69.36895579356593 }
};
const LE_95: Record<Area, Expected['limits'][number]> = {
  area1: [3.127594617650817, 10.7586873680794, 1.0383690591642838, 1.1412993360251238],
  area2: [11.936156426792138, 13.163020132396579, 1.1713706914325628, 1.1904396357244886]
};
const LE_99: Record<Area, Expected['limits'][number]> = {
  area1: [1.9243274437391116, 11.99208403800279, 1.0234148326541768, 1.1587677685047233],
  area2: [11.743647833205888, 13.34720365245395, 1.168320603472105, 1.1934312559878586]
};
const RATE: Record<Area, Expected> = {
  area1: { sii: -3.2752012326471758, rii: 0.40600068953980034, intercept: 5.513813189631011, limits: [[-3.5868233016744155, -2.9653170017272723, 0.36888170199068804, 0.44624776652446996]] },
  area2: { sii: -2.287678902778742, rii: 0.5352517697987614, intercept: 4.922404764808173, limits: [[-2.3985255584029543, -2.1761883614121236, 0.5173431258491631, 0.5537394889497282]] }
};
const PROPORTION: Record<Area, Expected> = {
  area1: { sii: -0.10720032333730493, rii: 0.5334015306465507, intercept: 0.22974855336720032, limits: [[-0.11220857220984691, -0.1021798062145461, 0.5171273196358018, 0.5501538412913004]] },
  area2: { sii: -0.0581854710713103, rii: 0.5470128461555435, intercept: 0.12844839103602843, limits: [[-0.06216629570885849, -0.05417454773129435, 0.5237145074007454, 0.5714617043537692]] }
};
// Log-transformed rate: point values, 95% and 98% limits.
const LOG_RATE = {
  area1: { sii: -3.15590713895456, rii: 0.4418848436076823, intercept: 5.65458060546947 },
  area2: { sii: -2.2954691808474057, rii: 0.5446144759737053, intercept: 5.040716183843519 }
};
const LOG_RATE_95: Record<Area, Expected['limits'][number]> = {
  area1: [-3.4809615490242884, -2.833237344763632, 0.4082744080360723, 0.4785663265006931],
  area2: [-2.423223688852598, -2.168075785150564, 0.527074544156842, 0.5627749745405388]
};
const LOG_RATE_98: Record<Area, Expected['limits'][number]> = {
  area1: [-3.544280996599922, -2.7745074687289164, 0.4020907792516821, 0.48562375212051656],
  area2: [-2.4467391886512893, -2.144561280153136, 0.523917441953303, 0.5662021595789917]
};
// Logit-transformed proportion.
const LOGIT = {
  area1: { sii: -0.1096462611125906, rii: 0.5341775743253946, intercept: 0.2353821007088711 },
  area2: { sii: -0.05970061643992898, rii: 0.5472074426131981, intercept: 0.1318498183461289 }
};
const LOGIT_95: Record<Area, Expected['limits'][number]> = {
  area1: [-0.11490838449464633, -0.10443087776045443, 0.5185333850074628, 0.5501741213468927],
  area2: [-0.06392425493727208, -0.05546135190988595, 0.524843254382713, 0.5707105710428643]
};
const LOGIT_98: Record<Area, Expected['limits'][number]> = {
  area1: [-0.11586812967869121, -0.10343726013070212, 0.5157325783693022, 0.5532784562248066],
  area2: [-0.06474712877274659, -0.054665927621409635, 0.5206044577698082, 0.5752422770627751]
};

const both = (f: (area: Area) => Expected): Record<Area, Expected> => ({ area1: f('area1'), area2: f('area2') });
const scaled = (e: Expected, m: number): Expected => ({
  ...e,
  sii: e.sii * m,
  limits: e.limits.map(([a, b, c, d]) => [a * m, b * m, c, d])
});

const SCENARIOS: Scenario[] = [
  { name: 'life expectancy, standard errors given, default 100,000 draws', data: LIFE_EXPECTANCY, from: 'se', options: { repetitions: 100000 }, expected: both((a) => ({ ...LE[a], limits: [LE_95[a]] })) },
  { name: 'life expectancy, 95% limits given, with intercept', data: LIFE_EXPECTANCY, from: 'limits', options: {}, expected: both((a) => ({ ...LE[a], limits: [LE_95[a]] })) },
  { name: 'life expectancy at 99% confidence', data: LIFE_EXPECTANCY, from: 'limits', options: { confidence: [0.99] }, expected: both((a) => ({ ...LE[a], limits: [LE_99[a]] })) },
  { name: 'life expectancy at 95% and 99%', data: LIFE_EXPECTANCY, from: 'se', options: { confidence: [0.95, 0.99] }, expected: both((a) => ({ ...LE[a], limits: [LE_95[a], LE_99[a]] })) },
  {
    name: 'life expectancy, 10,000 repetitions', data: LIFE_EXPECTANCY, from: 'se', options: { repetitions: 10000 },
    expected: {
      area1: { ...LE.area1, limits: [[3.1421243989944716, 10.805621466984828, 1.0391386444860844, 1.140709426134853]] },
      area2: { ...LE.area2, limits: [[11.937447333014509, 13.16492301413779, 1.1713692255460837, 1.1905995616725575]] }
    }
  },
  { name: 'infant mortality (rate), standard errors given', data: INFANT_MORTALITY, from: 'se', options: { valueType: 'rate' }, expected: RATE },
  { name: 'infant mortality (rate), 95% limits given', data: INFANT_MORTALITY, from: 'limits', options: { valueType: 'rate' }, expected: RATE },
  { name: 'child obesity (proportion), standard errors given', data: CHILD_OBESITY, from: 'se', options: { valueType: 'proportion' }, expected: PROPORTION },
  { name: 'child obesity (proportion), 95% limits given', data: CHILD_OBESITY, from: 'limits', options: { valueType: 'proportion' }, expected: PROPORTION },
  { name: 'child obesity × 100', data: CHILD_OBESITY, from: 'limits', options: { valueType: 'proportion', multiplier: 100 }, expected: both((a) => scaled(PROPORTION[a], 100)) },
  {
    name: 'child obesity × −100 (RII inverted)', data: CHILD_OBESITY, from: 'limits', options: { valueType: 'proportion', multiplier: -100 },
    expected: {
      area1: { sii: 10.720032333730494, rii: 1.874760274474414, limits: [[10.21798062145461, 11.22085722098469, 1.8176733941416052, 1.933759757083172]] },
      area2: { sii: 5.81854710713103, rii: 1.8281106321873277, limits: [[5.4174547731294345, 6.216629570885849, 1.7498985362997128, 1.909437271392602]] }
    }
  },
  { name: 'infant mortality, log transform', data: INFANT_MORTALITY, from: 'limits', options: { valueType: 'rate', transform: true }, expected: both((a) => ({ ...LOG_RATE[a], limits: [LOG_RATE_95[a]] })) },
  { name: 'infant mortality, log transform at 98%', data: INFANT_MORTALITY, from: 'limits', options: { valueType: 'rate', transform: true, confidence: [0.98] }, expected: both((a) => ({ ...LOG_RATE[a], limits: [LOG_RATE_98[a]] })) },
  {
    name: 'infant mortality, log transform at 95% and 98%', data: INFANT_MORTALITY, from: 'limits', options: { valueType: 'rate', transform: true, confidence: [0.95, 0.98] },
    expected: both((a) => ({ ...LOG_RATE[a], limits: [LOG_RATE_95[a], LOG_RATE_98[a]] }))
  },
  {
    name: 'infant mortality, log transform, multiplier −1', data: INFANT_MORTALITY, from: 'limits', options: { valueType: 'rate', transform: true, multiplier: -1 },
    expected: {
      area1: { sii: 3.15590713895456, rii: 2.2630330378288055, intercept: 5.65458060546947, limits: [[2.833237344763632, 3.4809615490242884, 2.0895745158504204, 2.449333047374468]] },
      area2: { sii: 2.2954691808474057, rii: 1.8361612555599447, intercept: 5.040716183843519, limits: [[2.168075785150564, 2.423223688852598, 1.7769091470643676, 1.8972648386950541]] }
    }
  },
  { name: 'child obesity, logit transform', data: CHILD_OBESITY, from: 'limits', options: { valueType: 'proportion', transform: true }, expected: both((a) => ({ ...LOGIT[a], limits: [LOGIT_95[a]] })) },
  { name: 'child obesity, logit transform at 98%', data: CHILD_OBESITY, from: 'limits', options: { valueType: 'proportion', transform: true, confidence: [0.98] }, expected: both((a) => ({ ...LOGIT[a], limits: [LOGIT_98[a]] })) },
  {
    name: 'child obesity, logit transform at 95% and 98%', data: CHILD_OBESITY, from: 'limits', options: { valueType: 'proportion', transform: true, confidence: [0.95, 0.98] },
    expected: both((a) => ({ ...LOGIT[a], limits: [LOGIT_95[a], LOGIT_98[a]] }))
  },
  {
    name: 'child obesity, logit transform, multiplier −1', data: CHILD_OBESITY, from: 'limits', options: { valueType: 'proportion', transform: true, multiplier: -1 },
    expected: {
      area1: { sii: 0.1096462611125906, rii: 1.8720366560930344, intercept: 0.2353821007088711, limits: [[0.10443087776045443, 0.11490838449464633, 1.8176063925941832, 1.9285161359197882]] },
      area2: { sii: 0.05970061643992898, rii: 1.827460524338784, intercept: 0.1318498183461289, limits: [[0.05546135190988595, 0.06392425493727208, 1.752201642546574, 1.9053307661849175]] }
    }
  }
];

function checkResult(result: SiiResult | null, expected: Expected, confidence: readonly number[], label: string) {
  expect(result, label).not.toBeNull();
  const r = result!;
  near(r.sii, expected.sii, EXACT, `${label} sii`);
  if (expected.rii !== null) near(r.rii, expected.rii, EXACT, `${label} rii`);
  if (expected.intercept !== undefined) near(r.intercept, expected.intercept, EXACT, `${label} intercept`);
  expect(r.limits.map((l) => l.confidence)).toEqual(confidence);
  expected.limits.forEach(([siiLower, siiUpper, riiLower, riiUpper], i) => {
    const l = r.limits[i]!;
    near(l.siiLower, siiLower, SIMULATED, `${label} sii lower ${l.confidence}`);
    near(l.siiUpper, siiUpper, SIMULATED, `${label} sii upper ${l.confidence}`);
    if (riiLower !== null) near(l.riiLower, riiLower, SIMULATED, `${label} rii lower ${l.confidence}`);
    if (riiUpper !== null) near(l.riiUpper, riiUpper, SIMULATED, `${label} rii upper ${l.confidence}`);
  });
}

describe('phe_sii scenarios (testdata_SII)', () => {
  // 20,000 draws unless a scenario says otherwise, to keep the suite quick; the first runs the default 100,000.
  describe.each(SCENARIOS)('$name', ({ data, from, options, expected }) => {
    test.each(['area1', 'area2'] as const)('%s', (area) => {
      const result = sii(quantiles(data[area], from), { repetitions: 20000, ...options });
      checkResult(result, expected[area], options.confidence ?? [0.95], area);
    });
  });

  test('quintiles (rows 61-70; the sheet gives the SII and RII only)', () => {
    const q1 = sii(quantiles(LIFE_EXPECTANCY.area1.slice(0, 5), 'se'))!;
    const q2 = sii(quantiles(LIFE_EXPECTANCY.area2.slice(0, 5), 'se'))!;
    near(q1.sii, 7.919334147100874, EXACT, 'area1 sii');
    near(q1.rii, 1.1037116952527257, EXACT, 'area1 rii');
    near(q2.sii, 3.6215563376545648, EXACT, 'area2 sii');
    near(q2.rii, 1.0513892712719326, EXACT, 'area2 rii');
    expect(q1.quantileCount).toBe(5);
  });
});

describe('SII mechanics', () => {
  test('ranks are cumulative population midpoints', () => {
    const w = siiRegressionWeights([10, 30, 60])!;
    expect(w.rank[0]).toBeCloseTo(0.05, 15);
    expect(w.rank[1]).toBeCloseTo(0.25, 15);
    expect(w.rank[2]).toBeCloseTo(0.7, 15);
  });
  test('values exactly on a line give that line: SII = slope, intercept = value at rank 0', () => {
    const populations = [100, 300, 200, 250, 150];
    const { rank } = siiRegressionWeights(populations)!;
    const rows = populations.map((population, i) => ({ quantile: i + 1, population, value: 50 + 8 * rank[i]!, standardError: 0.5 }));
    const r = sii(rows, { repetitions: 2000 })!;
    expect(r.sii).toBeCloseTo(8, 10);
    expect(r.intercept).toBeCloseTo(50, 10);
    expect(r.rii).toBeCloseTo(58 / 50, 10);
  });
  test('quantiles may arrive in any order', () => {
    const rows = quantiles(LIFE_EXPECTANCY.area1, 'se');
    const forwards = sii(rows, { repetitions: 2000 })!;
    const backwards = sii([...rows].reverse(), { repetitions: 2000 })!;
    expect(backwards).toEqual(forwards);
  });
  test('the same seed repeats the limits exactly; another seed moves them only a little', () => {
    const rows = quantiles(LIFE_EXPECTANCY.area2, 'se');
    const a = sii(rows, { repetitions: 5000, seed: 42 })!;
    const b = sii(rows, { repetitions: 5000, seed: 42 })!;
    const c = sii(rows, { repetitions: 5000, seed: 43 })!;
    expect(b.limits).toEqual(a.limits);
    expect(c.limits[0]!.siiLower).not.toBe(a.limits[0]!.siiLower);
    near(c.limits[0]!.siiLower, a.limits[0]!.siiLower, 0.01, 'seed 43 vs 42');
  });
  test('no SII from incomplete or impossible data: null, never NaN', () => {
    const rows = quantiles(LIFE_EXPECTANCY.area1, 'se');
    expect(sii(rows.slice(0, 4))).toBeNull(); // fewer than 5 quantiles
    expect(sii(rows.map((q, i) => (i === 2 ? { ...q, quantile: 1 } : q)))).toBeNull(); // a quantile twice
    expect(sii(rows.map((q, i) => (i === 2 ? { ...q, population: 0 } : q)))).toBeNull();
    expect(sii(rows.map((q, i) => (i === 2 ? { ...q, value: Number.NaN } : q)))).toBeNull();
    expect(sii(rows.map((q, i) => (i === 2 ? { ...q, standardError: -1 } : q)))).toBeNull();
    expect(sii(rows.map((q, i) => (i === 2 ? { quantile: q.quantile, population: q.population, value: q.value } : q)))).toBeNull(); // no SE, no limits
    expect(sii(rows, { repetitions: 999 })).toBeNull();
    expect(sii(rows, { confidence: [95] })).toBeNull();
    expect(sii(rows, { multiplier: 0 })).toBeNull();
    const proportions = quantiles(CHILD_OBESITY.area1, 'se');
    expect(sii(proportions.map((q, i) => (i === 0 ? { ...q, value: 0 } : q)), { valueType: 'proportion' })).toBeNull(); // logit(0)
    const rates = quantiles(INFANT_MORTALITY.area1, 'se');
    expect(sii(rates.map((q, i) => (i === 0 ? { ...q, value: 0 } : q)), { valueType: 'rate' })).toBeNull(); // log(0)
  });
});

describe('seeded random numbers', () => {
  test('mulberry32 repeats for a seed and stays in [0, 1)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const first = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(first);
    expect(Math.min(...first)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...first)).toBeLessThan(1);
    expect(mulberry32(8)()).not.toBe(first[0]);
  });
  test('Box–Muller normals have mean 0 and standard deviation 1', () => {
    const draw = seededNormal(123);
    const n = 200000;
    let sum = 0;
    let squares = 0;
    let beyond196 = 0;
    for (let i = 0; i < n; i++) {
      const z = draw();
      sum += z;
      squares += z * z;
      if (Math.abs(z) > 1.959963984540054) beyond196++;
    }
    const mean = sum / n;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.sqrt(squares / n - mean * mean)).toBeCloseTo(1, 2);
    expect(beyond196 / n).toBeCloseTo(0.05, 2);
  });
  test('the normals drawn in bulk are the ones drawn one call at a time, for any length, kept or not', () => {
    for (const [seed, n] of [[1, 7], [20250331, 1000], [99, 1001], [2 ** 32 + 5, 10]] as const) {
      const one = seededNormal(seed);
      const expected = Array.from({ length: n }, () => one());
      const out = new Float64Array(n);
      fillSeededNormals(seed, out);
      expect(Array.from(out)).toEqual(expected);
      expect(Array.from(seededNormals(seed, n))).toEqual(expected);
    }
    // A longer run is kept; a shorter one with the same seed reads its start, another seed its own numbers.
    const long = Array.from(seededNormals(5, 5000));
    expect(Array.from(seededNormals(5, 333))).toEqual(long.slice(0, 333));
    const other = seededNormal(6);
    expect(Array.from(seededNormals(6, 50))).toEqual(Array.from({ length: 50 }, () => other()));
  });
  test('normalFrom uses two uniforms per pair of normals', () => {
    let calls = 0;
    const uniform = () => {
      calls++;
      return 0.25;
    };
    const draw = normalFrom(uniform);
    draw();
    draw();
    expect(calls).toBe(2);
  });
});

// ---- every scenario in the file, when the reference is at hand ----------------------------------------------------

const REFERENCE = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/reference/indicator-methods/testdata_SII__testdata_SII.csv');

/** Enough CSV for this file: quoted fields with commas ("c(95, 99)"), no newlines inside fields. */
function readCsv(path: string): Record<string, string>[] {
  const fields = (line: string) => (line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? []).slice(0, -1)
    .map((f) => f.replace(/,$/, '').replace(/^"(.*)"$/, '$1').replace(/""/g, '"'));
  const [head, ...lines] = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const columns = fields(head!);
  return lines.map((line) => Object.fromEntries(fields(line).map((v, i) => [columns[i]!, v])));
}

if (existsSync(REFERENCE)) {
  describe('all scenarios of testdata_SII.csv with expected values', () => {
    const blocks = new Map<string, Record<string, string>[]>();
    for (const row of readCsv(REFERENCE)) {
      const key = `${row.TestDescription} / ${row.Area}`;
      blocks.set(key, [...(blocks.get(key) ?? []), row]);
    }
    const withResults = [...blocks].filter(([, rows]) => rows[0]!.sii !== '');
    test('there are 44 of them', () => expect(withResults).toHaveLength(44));

    // The sheet names the options only in its descriptions; read them from there, as the package's tests set them.
    test.each(withResults)('%s', (name, rows) => {
      const first = rows[0]!;
      const valueType = first.ValueType === '1' ? 'rate' : first.ValueType === '2' ? 'proportion' : 'normal';
      const multiplier = /x 100\)/.test(name) ? 100 : /x -100/.test(name) ? -100 : /negative multiplier/.test(name) ? -1 : 1;
      const confidence = /multiple CIs/.test(name) ? [0.95, 0.99] : /99% confidence/.test(name) ? [0.99]
        : /95 and 98|95% and 98%/.test(name) ? [0.95, 0.98] : /98% c/i.test(name) ? [0.98] : [0.95];
      const number = (k: string) => (first[k] === '' ? null : Number(first[k]));
      const limits: Expected['limits'] = [[number('sii_lowercl_1')!, number('sii_uppercl_1')!, number('rii_lowercl_1'), number('rii_uppercl_1')]];
      if (confidence.length === 2) limits.push([number('sii_lowercl_2')!, number('sii_uppercl_2')!, number('rii_lowercl_2'), number('rii_uppercl_2')]);
      const expected: Expected = {
        sii: number('sii')!,
        rii: number('rii'),
        ...(first.Intercept ? { intercept: Number(first.Intercept) } : {}),
        limits: first.sii_lowercl_1 === '' ? [] : limits
      };
      const input = rows.map((r) => ({
        quantile: Number(r.Quantile), population: Number(r.Population), value: Number(r.Value),
        lower95: Number(r.LowerCL), upper95: Number(r.UpperCL)
      }));
      // 20,000 draws keep this block quick; the limits still land well within 5%.
      const result = sii(input, { valueType, transform: /transform/.test(name), multiplier, confidence, repetitions: 20000 });
      checkResult(result, expected, confidence, name);
    });
  });
}

describe('the simulation, made faster, gives the draws it gave before', () => {
  // The SII's limits from the simulation as first written: a call per normal, every draw sorted. The app's sii()
  // draws the normals in bulk, keeps them between calls and selects two draws instead of sorting: the limits must
  // be the same numbers, not merely close.
  function naiveLimits(q: SiiQuantile[], o: Required<Pick<SiiOptions, 'valueType' | 'multiplier' | 'repetitions' | 'seed'>> & { transform: boolean; confidence: number[] }) {
    const sorted = [...q].sort((a, b) => a.quantile - b.quantile);
    const fwd = o.valueType === 'rate' ? Math.log : o.valueType === 'proportion' ? (v: number) => Math.log(v / (1 - v)) : (v: number) => v;
    const back = o.valueType === 'rate' ? Math.exp : o.valueType === 'proportion' ? (v: number) => 1 / (1 + Math.exp(-v)) : (v: number) => v;
    const transform = o.transform && o.valueType !== 'normal';
    const z95 = 1.959963984540054;
    const means = sorted.map((x) => fwd(x.value));
    const ses = sorted.map((x) => x.standardError ?? (fwd(x.upper95!) - fwd(x.lower95!)) / (2 * z95));
    const w = siiRegressionWeights(sorted.map((x) => x.population))!;
    const normal = seededNormal(o.seed);
    const s: number[] = [];
    const r: number[] = [];
    for (let k = 0; k < o.repetitions; k++) {
      let a = 0;
      let b = 0;
      sorted.forEach((_, i) => {
        const d = means[i]! + ses[i]! * normal();
        const y = transform ? d : back(d);
        a += w.interceptWeight[i]! * y;
        b += w.slopeWeight[i]! * y;
      });
      const y0 = transform ? back(a) : a;
      const y1 = transform ? back(a + b) : a + b;
      s.push((y1 - y0) * o.multiplier);
      r.push(y0 === 0 ? Number.NaN : o.multiplier < 0 ? y0 / y1 : y1 / y0);
    }
    s.sort((x, y) => x - y);
    r.sort((x, y) => x - y);
    const at = (p: number) => Math.min(o.repetitions, Math.max(1, p)) - 1;
    return o.confidence.map((c) => {
      const up = c + (1 - c) / 2;
      const lo = at(Math.round(o.repetitions * (1 - up)));
      const hi = at(Math.round(o.repetitions * up));
      return { confidence: c, siiLower: s[lo], siiUpper: s[hi], riiLower: r[lo], riiUpper: r[hi] };
    });
  }
  const deciles = Array.from({ length: 10 }, (_, i) => ({ quantile: i + 1, population: 40000 + 3000 * i, value: 0.2 + 0.03 * i, lower95: 0.17 + 0.03 * i, upper95: 0.23 + 0.03 * i }));
  const quintiles = Array.from({ length: 5 }, (_, i) => ({ quantile: 5 - i, population: 90000 - 7000 * i, value: 60 - 4 * i, standardError: 0.05 + 0.01 * i }));
  test.each([
    ['deciles, rate', deciles, 'rate', false, 1, [0.95]],
    ['deciles, proportion, transformed, 95% and 99.8%', deciles, 'proportion', true, 1, [0.95, 0.998]],
    ['deciles, normal, reversed', deciles, 'normal', false, -1, [0.95]],
    ['quintiles given out of order, rate, transformed', quintiles, 'rate', true, 100, [0.95, 0.9]]
  ] as const)('%s', (_name, q, valueType, transform, multiplier, confidence) => {
    const o = { valueType, transform, multiplier, confidence: [...confidence], repetitions: 20000, seed: 20250331 };
    const got = sii(q.map((x) => ({ ...x })), o)!;
    expect(got.limits).toEqual(naiveLimits(q.map((x) => ({ ...x })), o));
    // Twice: the second call reads the kept normals.
    expect(sii(q.map((x) => ({ ...x })), o)!.limits).toEqual(got.limits);
  });
  test('selecting the draw at a position gives the sorted draw there, however often the same array is asked', () => {
    const rand = mulberry32(3);
    const xs = Float64Array.from({ length: 2001 }, () => Math.round(rand() * 300) / 7 - 20);
    const sorted = Array.from(xs).sort((a, b) => a - b);
    const work = xs.slice();
    for (const k of [0, 1, 50, 1000, 1999, 2000, 1000, 3]) expect(nthSmallest(work, k)).toBe(sorted[k]);
    for (let k = 0; k < 40; k++) expect(nthSmallest(Float64Array.from([3, 1, 2, 2, 5, 1, 4, 3, 3, 0, 9, 2, 2, 2, 7, 6, 1, 8, 2, 2, 0, 5, 5, 4, 4, 1, 0, 2, 3, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 2]), k))
      .toBe([3, 1, 2, 2, 5, 1, 4, 3, 3, 0, 9, 2, 2, 2, 7, 6, 1, 8, 2, 2, 0, 5, 5, 4, 4, 1, 0, 2, 3, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 2].sort((a, b) => a - b)[k]);
    expect(nthSmallest(Float64Array.from({ length: 500 }, (_, i) => i), 250)).toBe(250);
    expect(nthSmallest(new Float64Array(500).fill(4), 17)).toBe(4);
  });
});
