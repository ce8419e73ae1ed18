/**
 * How a study's estimate moved as its reports arrived: at most `points` evenly spaced
 * moments (by report count) from the 10th report on (before it an interval spans the whole
 * scale and flattens the chart), for the chart a researcher opens. Pure over the reports given.
 *
 * @example
 * studyHistory('temp', reports, 200) // [{ reports: 5, estimate, low, high }, ...]
 */
import type { PrivacySpec, PrivateReport } from '../core/privacy/privacy.types';
import { newStudy, type StudyView } from './collector.study';

export type HistoryPoint = Pick<StudyView, 'reports' | 'estimate' | 'low' | 'high' | 'shares'>;

const FIRST_POINT = 10;

export function studyHistory(name: string, reports: Iterable<PrivateReport>, total: number, points = 200, declared?: PrivacySpec): HistoryPoint[] {
  const history: HistoryPoint[] = [];
  const every = Math.max(1, Math.ceil(total / points));
  let study: ReturnType<typeof newStudy> | undefined;
  let n = 0;
  for (const report of reports) {
    study ??= newStudy(name, report, declared);
    study.add(report);
    n += 1;
    if ((n % every === 0 && n >= FIRST_POINT) || n === total) {
      const { reports: count, estimate, low, high, shares } = study.view();
      history.push({ reports: count, estimate, low, high, ...(shares ? { shares } : {}) });
    }
  }
  return history;
}
