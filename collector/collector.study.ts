/**
 * One study as the collector keeps it in memory: its mechanism, epsilon and period (fixed by
 * its first report: a mean or shares over reports of different epsilons would be wrong), and
 * what its reports add up to, answered at once. Pure.
 *
 * @example
 * const study = newStudy('temp', report); study.add(report); study.view() // { reports: 1, estimate: ..., ... }
 */
import { DataboxError } from '../core/errors';
import { runningMean, sharesFromCounts, type Estimate } from '../core/privacy/privacy.estimate';
import type { PrivacyPeriod, PrivateReport } from '../core/privacy/privacy.types';

export interface StudyView extends Estimate {
  study: string;
  mechanism: PrivateReport['mechanism'];
  epsilon: number;
  period: PrivacyPeriod;
  /** randomized-response: each category's share (the top-level estimate is then null). */
  shares?: (Estimate & { category: string })[];
  /** randomized-response: the categories the shares are over, and whether the researcher declared them. */
  categories?: string[];
  declared?: boolean;
}

export interface Study {
  readonly name: string;
  /** Why this report does not belong to the study, or undefined. */
  mismatch(report: PrivateReport): DataboxError | undefined;
  add(report: PrivateReport): void;
  view(): StudyView;
}

export function newStudy(name: string, first: PrivateReport, declared?: readonly string[]): Study {
  const { mechanism, epsilon, period } = first;
  const mean = runningMean();
  const counts = new Map<string, number>();
  let n = 0;
  return {
    name,
    mismatch(report) {
      if (report.mechanism === mechanism && report.epsilon === epsilon && report.period === period) {
        if (report.mechanism === 'randomized-response' && declared && !declared.includes(report.category)) {
          return new DataboxError('report-mismatch', `"${report.category}" is not one of study ${name}'s categories (${declared.join(', ')})`, { status: 409 });
        }
        return undefined;
      }
      return new DataboxError('report-mismatch', `study ${name} takes ${mechanism} reports with epsilon ${epsilon}, one a ${period}; this one is ${report.mechanism} with epsilon ${report.epsilon}, one a ${report.period}`, {
        status: 409, hint: 'Give each private export its own study (a new URL) when its mechanism, epsilon or period changes.',
      });
    },
    add(report) {
      n += 1;
      if (report.mechanism === 'laplace') mean.add(report.value);
      else counts.set(report.category, (counts.get(report.category) ?? 0) + 1);
    },
    view() {
      const head = { study: name, mechanism, epsilon, period };
      if (mechanism === 'laplace') return { ...head, ...mean.estimate() };
      // Without declared categories, those seen so far: k is then a lower bound until every
      // category has been reported once (each is, with probability at least q per report).
      const categories = declared ? [...declared] : [...counts.keys()].sort();
      const shares = categories.length >= 2 ? sharesFromCounts(categories, counts, n, epsilon) : [];
      return { ...head, reports: n, estimate: null, low: null, high: null, shares, categories, declared: declared !== undefined };
    },
  };
}
