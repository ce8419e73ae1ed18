/**
 * How much an app can do with its owner's data, as a grade with its reasons: the one set of
 * rules the box shows at install (and anywhere else a grade is shown), computed from the
 * verified manifest only. Pure.
 *
 * What weighs most is personal data that can leave the box as it is; a private destination
 * (the box adds the noise, one report a period) weighs far less; acting on devices weighs more
 * than reading; reading alone keeps the data on the box. Weights add up; the grade is the band
 * the sum falls in. Each reason says what the app can do and how much it counts.
 *
 * @example
 * riskGrade(manifest)
 * // { grade: 'high', score: 43, reasons: [{ weight: 40, text: 'Can send your loadavg1 readings, as they are, to https://...' }, ...] }
 */
import { findDatasourceType } from '../catalogue/catalogue';
import type { Manifest } from './manifest.types';

export type RiskGrade = 'low' | 'medium' | 'high';

export interface RiskReason {
  weight: number;
  text: string;
}

export interface RiskAssessment {
  grade: RiskGrade;
  score: number;
  /** Heaviest first. */
  reasons: RiskReason[];
}

/** The weights, in one place: a reviewer reads the rules here. */
export const RISK_WEIGHTS = {
  rawExportOfPersonalData: 40,
  rawExportOfOwnData: 10,
  outsideHost: 30,
  privateExport: 5,
  /** Added per unit of epsilon above 1: a weaker promise counts more. */
  privateExportPerEpsilon: 2,
  actuator: 15,
  read: 3,
} as const;

/** At or above: the grade. */
export const RISK_BANDS: readonly [RiskGrade, number][] = [['high', 40], ['medium', 15], ['low', 0]];

export function riskGrade(manifest: Manifest): RiskAssessment {
  const reasons: RiskReason[] = [];
  const typeOf = new Map(manifest.datasources.map((d) => [d.clientid, d.type]));
  const words = (clientids: readonly string[]): string => [...new Set(clientids.map((id) => typeOf.get(id) ?? id))].join(', ');
  for (const entry of manifest['export-whitelist']) {
    const sources = manifest.lineage.find((l) => l.kind === 'export' && l.sink === entry.url)?.sources ?? [];
    if (entry.privacy) {
      const extra = Math.max(0, entry.privacy.epsilon - 1) * RISK_WEIGHTS.privateExportPerEpsilon;
      reasons.push({ weight: Math.round(RISK_WEIGHTS.privateExport + extra), text: `Can send one noisy ${entry.privacy.mechanism === 'laplace' ? 'value' : 'answer'} ${entry.privacy.period === 'day' ? 'a day' : 'an hour'}${sources.length ? ` made from your ${words(sources)} readings` : ''} to ${entry.url} (private, epsilon ${entry.privacy.epsilon}: the box adds the noise)` });
    } else if (sources.length > 0) {
      reasons.push({ weight: RISK_WEIGHTS.rawExportOfPersonalData, text: `Can send your ${words(sources)} readings, as they are, to ${entry.url}` });
    } else {
      reasons.push({ weight: RISK_WEIGHTS.rawExportOfOwnData, text: `Can send data it makes itself (none of your readings is wired to it) to ${entry.url}` });
    }
  }
  for (const entry of manifest['external-whitelist'] ?? []) {
    for (const url of entry.urls) reasons.push({ weight: RISK_WEIGHTS.outsideHost, text: `Connects to ${url}, outside your box` });
  }
  for (const ds of manifest.datasources) {
    const what = findDatasourceType(ds.type)?.description.toLowerCase() ?? `${ds.type} data`;
    if (ds.actuator) reasons.push({ weight: RISK_WEIGHTS.actuator, text: `Acts on your devices: ${what} (${ds.type})` });
    else reasons.push({ weight: RISK_WEIGHTS.read, text: `Reads your ${what} (${ds.type}); reading alone keeps it on the box` });
  }
  reasons.sort((a, b) => b.weight - a.weight);
  const score = reasons.reduce((sum, r) => sum + r.weight, 0);
  const grade = RISK_BANDS.find(([, at]) => score >= at)?.[0] ?? 'low';
  return { grade, score, reasons };
}
