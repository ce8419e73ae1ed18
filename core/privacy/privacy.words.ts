/**
 * A private export in plain words, the same sentence on the store's pages, the studio's sidebar
 * and the box's install review. Pure.
 *
 * @example
 * privacySentence({ mechanism: 'laplace', epsilon: 1, period: 'day', bounds: [0, 40], unit: '°C' })
 * // 'At most one noisy value a day leaves your box. Any report is at most 2.7 times likelier for one value between 0 and 40 °C than for any other (epsilon 1). A study of 1,000 boxes learns the average to about ±3.5 °C.'
 */
import type { PrivacySpec } from './privacy.types';
import { truthProbability } from './privacy.mechanism';

const Z95 = 1.959963984540054;
const PER = { day: 'a day', hour: 'an hour' } as const;

export function privacySentence(spec: PrivacySpec, studyBoxes = 1000): string {
  const times = formatNumber(Math.exp(spec.epsilon));
  const boxes = studyBoxes.toLocaleString('en-US');
  if (spec.mechanism === 'laplace') {
    const [lo, hi] = spec.bounds;
    const unit = spec.unit ? ` ${spec.unit}` : '';
    const b = (hi - lo) / spec.epsilon;
    const plusMinus = formatNumber((Z95 * Math.SQRT2 * b) / Math.sqrt(studyBoxes));
    return `At most one noisy value ${PER[spec.period]} leaves your box. Any report is at most ${times} times likelier for one value between ${lo} and ${hi}${unit} than for any other (epsilon ${spec.epsilon}). `
      + `A study of ${boxes} boxes learns the average to about ±${plusMinus}${unit}.`;
  }
  const k = spec.categories.length;
  const p = truthProbability(spec.epsilon, k);
  const q = (1 - p) / (k - 1);
  const points = formatNumber((100 * Z95 * 0.5) / (Math.sqrt(studyBoxes) * (p - q)));
  return `At most one answer ${PER[spec.period]} leaves your box (one of ${spec.categories.join(', ')}), your true one only with probability ${Math.round(p * 100)}%. `
    + `Any report is at most ${times} times likelier for one answer than for any other (epsilon ${spec.epsilon}). A study of ${boxes} boxes learns each answer's share to about ±${points} percentage points.`;
}

/** Two significant digits, as a person reads a bound. */
function formatNumber(value: number): string {
  return Number(value.toPrecision(2)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}
