/**
 * A privacy spec as one line of canonical JSON: the form a token caveat (`privacy = ...`), the
 * arbiter's grant and a permission key carry, so the same spec always reads the same. Pure.
 *
 * @example
 * privacyText({ mechanism: 'laplace', epsilon: 1, period: 'day', bounds: [0, 40], unit: '°C' })
 * // '{"mechanism":"laplace","epsilon":1,"period":"day","bounds":[0,40],"unit":"°C"}'
 * readPrivacyText(text) // the spec again, or undefined when the text is not a valid spec
 */
import type { PrivacySpec } from './privacy.types';
import { privacyProblems } from './privacy.validate';

export function privacyText(spec: PrivacySpec): string {
  if (spec.mechanism === 'laplace') {
    return JSON.stringify({ mechanism: spec.mechanism, epsilon: spec.epsilon, period: spec.period, bounds: [spec.bounds[0], spec.bounds[1]], ...(spec.unit !== undefined ? { unit: spec.unit } : {}) });
  }
  return JSON.stringify({ mechanism: spec.mechanism, epsilon: spec.epsilon, period: spec.period, categories: [...spec.categories] });
}

export function readPrivacyText(text: string): PrivacySpec | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (privacyProblems(value, 'privacy').length > 0) return undefined;
  const spec = value as PrivacySpec;
  // Only the canonical form: a caveat that reads differently is not the one the arbiter wrote.
  return privacyText(spec) === text ? spec : undefined;
}
