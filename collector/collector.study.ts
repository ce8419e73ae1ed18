/**
 * One study as the collector keeps it in memory: its mechanism, epsilon and period, and what its
 * reports add up to, answered at once. Pure.
 *
 * A study the researcher declares (`--study`) takes only reports of its spec: the mechanism,
 * epsilon and period, for laplace a value on the mechanism's grid within the reach of its noise
 * (a forged 1e308 would wreck the mean), for randomized response a listed category. An
 * undeclared study is fixed by its first report, takes any finite value, and gives no shares:
 * randomized response's shares need every category, which only the researcher knows.
 *
 * @example
 * const study = newStudy('temp', report, spec); study.add(report); study.view() // { reports: 1, estimate: ..., ... }
 */
import { DataboxError } from '../core/errors';
import { GRID_STEPS } from '../core/privacy/privacy.mechanism';
import { runningMean, sharesFromCounts, type Estimate } from '../core/privacy/privacy.estimate';
import type { PrivacyPeriod, PrivacySpec, PrivateReport } from '../core/privacy/privacy.types';

export interface StudyView extends Estimate {
  study: string;
  mechanism: PrivateReport['mechanism'];
  epsilon: number;
  period: PrivacyPeriod;
  /** Whether the researcher declared the study's spec (else its first report fixed it). */
  declared: boolean;
  bounds?: [number, number];
  unit?: string;
  /** randomized-response: each category's share (the top-level estimate is then null). */
  shares?: (Estimate & { category: string })[];
  categories?: string[];
}

export interface Study {
  readonly name: string;
  /** Why this report does not belong to the study, or undefined. */
  mismatch(report: PrivateReport): DataboxError | undefined;
  add(report: PrivateReport): void;
  view(): StudyView;
}

/** How far past its bounds the mechanism's noise can reach, in units of (hi - lo) / epsilon (37 for a 53-bit uniform). */
const NOISE_REACH = 40;

export function newStudy(name: string, first: PrivateReport, declared?: PrivacySpec): Study {
  const { mechanism, epsilon, period } = declared ?? first;
  const mean = runningMean();
  const counts = new Map<string, number>();
  let n = 0;
  const refuse = (message: string, hint = 'Give each private export its own study (a new URL) when its mechanism, epsilon or period changes.') => new DataboxError('report-mismatch', message, { status: 409, hint });
  return {
    name,
    mismatch(report) {
      if (report.mechanism !== mechanism || report.epsilon !== epsilon || report.period !== period) {
        return refuse(`study ${name} takes ${mechanism} reports with epsilon ${epsilon}, one a ${period}; this one is ${report.mechanism} with epsilon ${report.epsilon}, one a ${report.period}`);
      }
      if (declared?.mechanism === 'randomized-response' && report.mechanism === 'randomized-response' && !declared.categories.includes(report.category)) {
        return refuse(`"${report.category}" is not one of study ${name}'s categories (${declared.categories.join(', ')})`, 'A box reports only the categories its app declares: check the app\'s categories against the study\'s.');
      }
      if (declared?.mechanism === 'laplace' && report.mechanism === 'laplace') {
        const [lo, hi] = declared.bounds;
        const reach = (NOISE_REACH * (hi - lo)) / epsilon;
        const steps = (report.value - lo) / ((hi - lo) / GRID_STEPS);
        if (report.value < lo - reach || report.value > hi + reach || Math.abs(steps - Math.round(steps)) > 1e-6) {
          return refuse(`${report.value} is not a report the mechanism makes for bounds [${lo}, ${hi}] and epsilon ${epsilon}`, 'Reports come from a box\'s export service, which draws them on the bounds\' grid; check that the app\'s bounds are the study\'s.');
        }
      }
      return undefined;
    },
    add(report) {
      n += 1;
      if (report.mechanism === 'laplace') mean.add(report.value);
      else counts.set(report.category, (counts.get(report.category) ?? 0) + 1);
    },
    view() {
      const head = { study: name, mechanism, epsilon, period, declared: declared !== undefined };
      if (mechanism === 'laplace') {
        const bounds = declared?.mechanism === 'laplace' ? { bounds: declared.bounds, ...(declared.unit ? { unit: declared.unit } : {}) } : {};
        return { ...head, ...bounds, ...mean.estimate() };
      }
      const categories = declared?.mechanism === 'randomized-response' ? [...declared.categories] : [...counts.keys()].sort();
      const shares = declared ? sharesFromCounts(categories, counts, n, epsilon) : [];
      return { ...head, reports: n, estimate: null, low: null, high: null, shares, categories };
    },
  };
}

/**
 * A study's spec as the researcher writes it: `laplace:<epsilon>:<day|hour>:<lo>:<hi>[:<unit>]`
 * or `randomized-response:<epsilon>:<day|hour>:<a>,<b>,...`; undefined when it does not read.
 *
 * @example
 * readStudySpec('laplace:1:day:0:40:°C') // { mechanism: 'laplace', epsilon: 1, period: 'day', bounds: [0, 40], unit: '°C' }
 */
export function readStudySpec(text: string): unknown {
  const [mechanism, epsilon, period, ...rest] = text.split(':');
  if (mechanism === 'laplace') {
    const [lo, hi, unit] = rest;
    return { mechanism, epsilon: Number(epsilon), period, bounds: [Number(lo), Number(hi)], ...(unit ? { unit } : {}) };
  }
  if (mechanism === 'randomized-response') return { mechanism, epsilon: Number(epsilon), period, categories: rest.join(':').split(',').map((c) => c.trim()).filter((c) => c !== '') };
  return undefined;
}
