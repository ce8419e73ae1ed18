import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GRID_STEPS, laplaceReport, randomizedResponse, truthProbability, type RandomSource } from './privacy.mechanism';
import { laplaceStandardError, meanEstimate, shareEstimates } from './privacy.estimate';
import { privacyProblems, privateValueProblem } from './privacy.validate';
import { privacySentence } from './privacy.words';
import type { LaplacePrivacy, RandomizedResponsePrivacy } from './privacy.types';

/** A seeded source for tests only (mulberry32, two draws per 53-bit uniform). */
function seeded(seed: number): RandomSource {
  let a = seed >>> 0;
  const u32 = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return { next: () => ((u32() >>> 5) * 67108864 + (u32() >>> 6)) / 9007199254740992 };
}

const temperature: LaplacePrivacy = { mechanism: 'laplace', epsilon: 1, period: 'day', bounds: [0, 40], unit: '°C' };
const N = 100_000;

test('laplace: zero-mean noise with the variance of Laplace(b = (hi - lo) / epsilon), on the grid whatever the input', () => {
  for (const epsilon of [0.5, 1, 2]) {
    const spec = { ...temperature, epsilon };
    const random = seeded(epsilon * 1000);
    const b = 40 / epsilon;
    const noise = Array.from({ length: N }, () => laplaceReport(spec, 21.5, random).value - 21.5);
    const mean = noise.reduce((x, y) => x + y, 0) / N;
    const variance = noise.reduce((x, y) => x + (y - mean) ** 2, 0) / (N - 1);
    assert.ok(Math.abs(mean) < 4 * Math.sqrt(2) * b / Math.sqrt(N), `mean ${mean} near 0 (epsilon ${epsilon})`);
    assert.ok(Math.abs(variance / (2 * b * b) - 1) < 0.03, `variance ${variance} ≈ 2b² = ${2 * b * b} (epsilon ${epsilon})`);
    // Laplace's shape: P(|noise| <= b) = 1 - 1/e.
    const within = noise.filter((z) => Math.abs(z) <= b).length / N;
    assert.ok(Math.abs(within - (1 - Math.exp(-1))) < 0.01, `P(|noise| <= b) = ${within}`);
  }
  // Bounds that do not start at 0: every report is lo + j·step.
  const offset = { ...temperature, bounds: [-12.5, 27.5] as [number, number] };
  const step = 40 / GRID_STEPS;
  const random = seeded(7);
  for (const x of [-12.5, 0, 21.5, 27.5, -50, 1e9]) {
    const { value } = laplaceReport(offset, x, random);
    const j = (value - -12.5) / step;
    assert.ok(Math.abs(j - Math.round(j)) < 1e-6, `${value} is a grid point of [-12.5, 27.5] (input ${x})`);
  }
});

test('laplace: a value outside the bounds is clamped before the noise, and any two inputs\' reports differ by at most e^epsilon', () => {
  const random = seeded(11);
  const far = Array.from({ length: N }, () => laplaceReport(temperature, 1e6, random).value);
  assert.ok(Math.abs(far.reduce((a, b) => a + b, 0) / N - 40) < 1.5, 'centred on hi, not on 1e6');
  const below = Array.from({ length: N }, () => laplaceReport(temperature, -1e6, random).value);
  assert.ok(Math.abs(below.reduce((a, b) => a + b, 0) / N) < 1.5, 'centred on lo');
  // The densities of reports for inputs lo and hi, in bins 20 wide over the bulk.
  const histogram = (values: number[]) => {
    const bins = new Map<number, number>();
    for (const v of values) bins.set(Math.floor(v / 20), (bins.get(Math.floor(v / 20)) ?? 0) + 1);
    return bins;
  };
  const [h0, h40] = [histogram(below), histogram(far)];
  for (let bin = -3; bin < 5; bin++) {
    const ratio = (h40.get(bin) ?? 0) / (h0.get(bin) ?? 1);
    assert.ok(ratio < Math.E * 1.1 && ratio > 1 / (Math.E * 1.1), `bin ${bin}: ratio ${ratio.toFixed(3)} within e^1`);
  }
});

test('randomized response: the true category at rate e^ε / (e^ε + k - 1), the others uniformly, only listed categories', () => {
  const spec: RandomizedResponsePrivacy = { mechanism: 'randomized-response', epsilon: 1, period: 'day', categories: ['cold', 'ok', 'warm', 'hot'] };
  const random = seeded(3);
  const answers = Array.from({ length: N }, () => randomizedResponse(spec, 'ok', random).category);
  const p = truthProbability(1, 4);
  const rate = (c: string) => answers.filter((a) => a === c).length / N;
  assert.ok(Math.abs(rate('ok') - p) < 0.005, `truth rate ${rate('ok')} ≈ ${p}`);
  for (const other of ['cold', 'warm', 'hot']) assert.ok(Math.abs(rate(other) - (1 - p) / 3) < 0.005, `${other}: ${rate(other)}`);
  assert.ok(answers.every((a) => spec.categories.includes(a)));
  // What a study learns back: a population all "ok" is estimated as such.
  const shares = shareEstimates(spec.categories, answers, 1);
  assert.ok(Math.abs((shares.find((s) => s.category === 'ok')?.estimate ?? 0) - 1) < 0.02);
  assert.ok(shares.every((s) => s.low !== null && s.high !== null && s.low <= s.estimate! && s.estimate! <= s.high));
});

test('a study\'s mean of N noisy reports is within the standard error the mechanism allows', () => {
  const random = seeded(5);
  const population = Array.from({ length: 2000 }, (_, i) => 15 + (i % 11));
  const truth = population.reduce((a, b) => a + b, 0) / population.length;
  const sigma = Math.sqrt(population.reduce((a, v) => a + (v - truth) ** 2, 0) / population.length);
  const estimate = meanEstimate(population.map((x) => laplaceReport(temperature, x, random).value));
  const se = laplaceStandardError(sigma, temperature.bounds, 1, population.length);
  assert.ok(Math.abs(estimate.estimate! - truth) < 4 * se, `estimate ${estimate.estimate} vs ${truth} (se ${se})`);
  assert.ok(estimate.low! < truth && truth < estimate.high!, 'the 95% interval holds the truth here');
  assert.ok(Math.abs((estimate.high! - estimate.low!) / 2 / (1.96 * se) - 1) < 0.1, 'its width is the mechanism\'s');
  assert.deepEqual(meanEstimate([]), { reports: 0, estimate: null, low: null, high: null });
});

test('a privacy entry is refused with the field and what to do: epsilon 0, negative or huge, lo >= hi, categories repeated', () => {
  const at = 'export-whitelist[0].privacy';
  const fields = (value: unknown) => privacyProblems(value, at).map((p) => `${p.field}: ${p.message}`);
  assert.deepEqual(fields(temperature), []);
  assert.deepEqual(fields({ mechanism: 'randomized-response', epsilon: 0.5, period: 'hour', categories: ['a', 'b'] }), []);
  for (const epsilon of [0, -1, 1e6, Number.NaN, '1', null]) assert.match(fields({ ...temperature, epsilon }).join(), /privacy\.epsilon: must be a number from 0\.01 to 10/, String(epsilon));
  assert.match(fields({ ...temperature, bounds: [40, 0] }).join(), /privacy\.bounds: lo must be less than hi \(got 40 and 0\)/);
  assert.match(fields({ ...temperature, bounds: [1, 1] }).join(), /lo must be less than hi/);
  assert.match(fields({ ...temperature, bounds: [0] }).join(), /must be \[lo, hi\]/);
  for (const bounds of [[-1e308, 1e308], [1e17, 1e17 + 1000]]) assert.match(fields({ ...temperature, bounds }).join(), /too wide or too far from zero for the mechanism's grid/, String(bounds));
  assert.deepEqual(fields({ ...temperature, bounds: [-1e6, 1e6] }), [], 'wide but resolvable');
  assert.match(fields({ ...temperature, period: 'week' }).join(), /privacy\.period: must be "day" or "hour"/);
  assert.match(fields({ ...temperature, mechanism: 'gaussian' }).join(), /privacy\.mechanism/);
  assert.match(fields({ mechanism: 'randomized-response', epsilon: 1, period: 'day', categories: ['a', 'b', 'a'] }).join(), /"a" is listed twice/);
  assert.match(fields({ mechanism: 'randomized-response', epsilon: 1, period: 'day', categories: ['a'] }).join(), /2 to 64 categories/);
  assert.match(fields('laplace').join(), /must be an object/);
});

test('a value for a private destination is one number (or a listed category), nothing else', () => {
  assert.equal(privateValueProblem(temperature, 21.5), undefined);
  assert.match(privateValueProblem(temperature, '21.5') ?? '', /one number, not a string/);
  assert.match(privateValueProblem(temperature, [21.5]) ?? '', /not an array/);
  assert.match(privateValueProblem(temperature, { value: 21.5 }) ?? '', /not an object/);
  assert.match(privateValueProblem(temperature, Number.NaN) ?? '', /finite number \(got NaN\)/);
  assert.match(privateValueProblem(temperature, Number.POSITIVE_INFINITY) ?? '', /got Infinity/);
  const mood: RandomizedResponsePrivacy = { mechanism: 'randomized-response', epsilon: 1, period: 'day', categories: ['good', 'bad'] };
  assert.equal(privateValueProblem(mood, 'good'), undefined);
  assert.match(privateValueProblem(mood, 'meh') ?? '', /"meh" is not one of the categories \(good, bad\)/);
  assert.match(privateValueProblem(mood, 1) ?? '', /not a number/);
});

test('the plain-words sentence says the rate, the bound on what a report tells and what a study learns', () => {
  assert.equal(privacySentence(temperature),
    'At most one noisy value a day leaves your box. Any report is at most 2.7 times likelier for one value between 0 and 40 °C than for any other (epsilon 1). A study of 1,000 boxes learns the average to about ±3.5 °C.');
  assert.match(privacySentence({ mechanism: 'randomized-response', epsilon: 1, period: 'hour', categories: ['yes', 'no'] }),
    /^At most one answer an hour leaves your box \(one of yes, no\), your true one only with probability 73%\. .* about ±6\.7 percentage points\.$/);
});
