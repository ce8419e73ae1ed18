/**
 * The mechanisms the export service applies to a private destination's value. Pure: the random
 * source is passed in (a cryptographic one in the export service, a seeded one in tests only).
 *
 * Laplace is the discrete Laplace (two-sided geometric) mechanism over a fixed grid, as Google's
 * differential-privacy library and OpenDP do, not `x + Laplace(b)` in floating point: Mironov
 * (2012) showed that the set of doubles a naive sampler can output depends on x, so an output
 * can betray it. Here the value is clamped to [lo, hi], snapped to one of GRID_STEPS + 1 grid
 * points, and a whole number of grid steps of noise is added, so every report is a grid point
 * lo + j·step whatever the input; two inputs' report distributions differ by at most e^epsilon
 * at every point (per-step rate epsilon / GRID_STEPS, sensitivity GRID_STEPS steps) but the
 * far tail (see geometric below). Its
 * variance is that of Laplace(b = (hi - lo) / epsilon), 2·b², to within the grid's resolution.
 * See docs/decisions/0020-private-exports.md.
 *
 * @example
 * laplaceReport({ mechanism: 'laplace', epsilon: 1, period: 'day', bounds: [0, 40] }, 21.5, random)
 * // { value: 23.98..., mechanism: 'laplace', epsilon: 1, period: 'day' }
 */
import type { LaplacePrivacy, PrivateReport, RandomizedResponsePrivacy } from './privacy.types';

export interface RandomSource {
  /** A uniform number in [0, 1) with 53 random bits. */
  next(): number;
}

/** Grid points between lo and hi: fine enough that snapping costs nothing a study would see. */
export const GRID_STEPS = 2 ** 16;

export function laplaceReport(spec: LaplacePrivacy, value: number, random: RandomSource): PrivateReport & { mechanism: 'laplace' } {
  const [lo, hi] = spec.bounds;
  const step = (hi - lo) / GRID_STEPS;
  const clamped = Math.min(hi, Math.max(lo, value));
  const k = Math.round((clamped - lo) / step);
  const rate = spec.epsilon / GRID_STEPS;
  const noise = geometric(rate, random) - geometric(rate, random);
  return { value: lo + (k + noise) * step, mechanism: 'laplace', epsilon: spec.epsilon, period: spec.period };
}

/**
 * k-ary randomized response: the true category with probability e^ε / (e^ε + k - 1), else one
 * of the other k - 1, uniformly. Every report is one of the listed categories whatever the input.
 */
export function randomizedResponse(spec: RandomizedResponsePrivacy, category: string, random: RandomSource): PrivateReport & { mechanism: 'randomized-response' } {
  const k = spec.categories.length;
  const keep = truthProbability(spec.epsilon, k);
  let answer = category;
  if (random.next() >= keep) {
    const others = spec.categories.filter((c) => c !== category);
    answer = others[Math.min(others.length - 1, Math.floor(random.next() * others.length))] ?? category;
  }
  return { category: answer, mechanism: 'randomized-response', epsilon: spec.epsilon, period: spec.period };
}

/** The probability randomized response reports the true category. */
export function truthProbability(epsilon: number, categories: number): number {
  return Math.exp(epsilon) / (Math.exp(epsilon) + categories - 1);
}

/**
 * A geometric count of grid steps, P(G >= j) = e^(-rate·j): by inversion of a uniform in (0, 1].
 * The uniform's 2^-53 resolution caps the count near 36.7/rate and quantises the far tail (mass
 * below ~2^-37): the mechanism is (epsilon, delta)-private with delta < 1e-10 (decision 0020).
 */
function geometric(rate: number, random: RandomSource): number {
  const u = 1 - random.next();
  return Math.floor(-Math.log(u) / rate);
}
