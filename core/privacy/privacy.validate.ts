/**
 * The one check of a `privacy` entry, run wherever the bundle validator runs (the builder, the
 * store, the box), and of a value an app asks to send to a private destination. Pure.
 *
 * @example
 * privacyProblems({ mechanism: 'laplace', epsilon: 0, period: 'day', bounds: [0, 40] }, 'export-whitelist[0].privacy')
 * // [{ field: 'export-whitelist[0].privacy.epsilon', message: 'must be a number from 0.01 to 10 ...' }]
 */
import { GRID_STEPS } from './privacy.mechanism';
import { EPSILON_MAX, EPSILON_MIN, MAX_CATEGORIES, type PrivacySpec } from './privacy.types';

/** How far the noise can reach past the bounds, in (hi - lo)/epsilon (-ln 2^-53 ≈ 36.7, rounded up). */
const EPSILON_NOISE_REACH = 40;

export interface PrivacyProblem {
  field: string;
  message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function privacyProblems(value: unknown, at: string): PrivacyProblem[] {
  const problems: PrivacyProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field: `${at}${field}`, message });
  if (!isObject(value)) return [{ field: at, message: 'must be an object {mechanism, epsilon, period, ...}' }];
  const { mechanism, epsilon, period } = value;
  if (mechanism !== 'laplace' && mechanism !== 'randomized-response') add('.mechanism', 'must be "laplace" (a number) or "randomized-response" (a category)');
  if (!finite(epsilon) || epsilon < EPSILON_MIN || epsilon > EPSILON_MAX) {
    add('.epsilon', `must be a number from ${EPSILON_MIN} to ${EPSILON_MAX} (each report spends it; 1 is a common choice)`);
  }
  if (period !== 'day' && period !== 'hour') add('.period', 'must be "day" or "hour" (one report per period)');
  if (mechanism === 'laplace') {
    const bounds = value.bounds;
    if (!Array.isArray(bounds) || bounds.length !== 2 || !finite(bounds[0]) || !finite(bounds[1])) add('.bounds', 'must be [lo, hi], two finite numbers');
    else if (!(bounds[0] < bounds[1])) add('.bounds', `lo must be less than hi (got ${bounds[0]} and ${bounds[1]})`);
    // The noise reaches ~37·(hi - lo)/epsilon past the bounds, on a grid of (hi - lo)/2^16:
    // both must stay finite and the grid's steps must be resolvable at the bounds' magnitude.
    else if (!Number.isFinite((EPSILON_NOISE_REACH * (bounds[1] - bounds[0])) / EPSILON_MIN)
      || (bounds[1] - bounds[0]) / GRID_STEPS <= 4 * Number.EPSILON * Math.max(Math.abs(bounds[0]), Math.abs(bounds[1]))) {
      add('.bounds', `[${bounds[0]}, ${bounds[1]}] is too wide or too far from zero for the mechanism's grid; use bounds in the data's own unit, e.g. [0, 40]`);
    }
    if (value.unit !== undefined && (typeof value.unit !== 'string' || value.unit.length > 32)) add('.unit', 'must be a short string such as "°C"');
    if (value.categories !== undefined) add('.categories', 'belongs to randomized-response, not laplace');
  }
  if (mechanism === 'randomized-response') {
    const categories = value.categories;
    if (!Array.isArray(categories) || categories.length < 2 || categories.length > MAX_CATEGORIES) add('.categories', `must list 2 to ${MAX_CATEGORIES} categories`);
    else if (!categories.every((c) => typeof c === 'string' && c.trim() !== '' && c.length <= 64)) add('.categories', 'each category must be a non-empty string of at most 64 characters');
    else {
      const twice = categories.find((c, i) => categories.indexOf(c) !== i);
      if (twice !== undefined) add('.categories', `"${String(twice)}" is listed twice; categories must be distinct`);
    }
    if (value.bounds !== undefined) add('.bounds', 'belongs to laplace, not randomized-response');
  }
  return problems;
}

/**
 * Why `value` cannot go to a destination with `spec`, or undefined: a laplace destination takes
 * one finite number, a randomized-response one a listed category, nothing else (a raw record,
 * a string, an array, NaN or Infinity is refused before anything is sent).
 *
 * @example
 * privateValueProblem(spec, Number.NaN) // 'the value must be a finite number (got NaN)'
 */
export function privateValueProblem(spec: PrivacySpec, value: unknown): string | undefined {
  if (spec.mechanism === 'laplace') {
    if (typeof value !== 'number') return `the value must be one number, not ${describe(value)}`;
    if (!Number.isFinite(value)) return `the value must be a finite number (got ${String(value)})`;
    return undefined;
  }
  if (typeof value !== 'string') return `the value must be one of the categories (${spec.categories.join(', ')}), not ${describe(value)}`;
  if (!spec.categories.includes(value)) return `"${value.slice(0, 64)}" is not one of the categories (${spec.categories.join(', ')})`;
  return undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
