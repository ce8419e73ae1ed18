/**
 * What the owner reads before an install, computed on the box from the verified bundle and
 * the owner's bindings (never from what a browser sends): who vouches for it, what it reads
 * (and which of the owner's sources each read gets), what it acts on, where its data may go,
 * which of the owner's data can reach each destination, the risk grade with its reasons
 * (core/manifest/manifest.risk.ts), and what is wrong with the bindings. Pure.
 *
 * @example
 * reviewText(installReview(found, bindings, sources, trust)).join('\n')
 */
import { keyFingerprint } from '../../core/bundle/bundle.signature';
import { describePermissions } from '../../core/manifest/manifest.permissions';
import { riskGrade, type RiskAssessment } from '../../core/manifest/manifest.risk';
import type { DataSource } from '../state/box.db';
import { bindingProblems } from './install.bindings';
import type { FoundBundle } from './install.source';
import type { Trust } from './install.verify';

export interface InstallReview {
  name: string;
  version: string;
  displayName: string;
  description: string;
  kind: 'app' | 'driver';
  /** `signed by <publisher> (<key fingerprint>)`, or why it is not. */
  vouchedBy: string;
  signed: boolean;
  /** The grade and its reasons, heaviest first, from the verified manifest only. */
  risk: RiskAssessment;
  permissions: string[];
  /** Each datasource: what it is, whether required, what it is bound to. */
  datasources: { clientid: string; type: string; actuator: boolean; required: boolean; boundTo?: string; candidates: string[] }[];
  /** "Your <source> readings can be sent to <url>", per export. */
  lineage: string[];
  problems: string[];
}

export function installReview(found: FoundBundle, bindings: Readonly<Record<string, string>>, sources: readonly DataSource[], trust: Trust): InstallReview {
  const m = found.bundle.manifest;
  const name = (id: string | undefined): string | undefined => {
    const source = sources.find((s) => s.id === id);
    return source ? `${source.description} (${source.id}, from ${source.driver})` : id;
  };
  const words = (clientid: string): string => name(bindings[clientid]) ?? `${m.datasources.find((d) => d.clientid === clientid)?.type ?? clientid} readings (not bound)`;
  const vouchedBy = trust.signed
    ? `signed by ${found.origin.kind === 'store' ? `${found.origin.publisher} on ${found.origin.store}` : 'its publisher'} (key ${keyFingerprint(trust.publicKey)})`
    : 'NOT SIGNED: a developer\'s sideload, installed on your word';
  return {
    name: m.name, version: m.version, displayName: m.displayName ?? m.name, description: m.description, kind: m['databox-type'], vouchedBy, signed: trust.signed,
    risk: riskGrade(m),
    permissions: describePermissions(m).map((p) => p.text),
    datasources: m.datasources.map((d) => ({
      clientid: d.clientid, type: d.type, actuator: Boolean(d.actuator), required: d.required,
      ...(bindings[d.clientid] ? { boundTo: bindings[d.clientid] } : {}),
      candidates: sources.filter((s) => s.type === d.type && s.actuator === Boolean(d.actuator)).map((s) => s.id),
    })),
    lineage: m.lineage.filter((e) => e.kind === 'export').map((e) => {
      if (e.sources.length === 0) return `None of your data is wired to ${e.sink}; only what the app makes itself can be sent there`;
      const privacy = e.private ? m['export-whitelist'].find((x) => x.url === e.sink)?.privacy : undefined;
      // A private destination: what leaves is the box's noisy report, at the declared rate.
      if (privacy) return `At most one noisy ${privacy.mechanism === 'laplace' ? 'value' : 'answer'} ${privacy.period === 'day' ? 'a day' : 'an hour'} made from your ${e.sources.map(words).join(' and ')} can be sent to ${e.sink}; your box adds the noise`;
      return `Your ${e.sources.map(words).join(' and ')} can be sent to ${e.sink}`;
    }),
    problems: bindingProblems(m, bindings, sources),
  };
}

/** The review as lines a person reads in a terminal. */
export function reviewText(review: InstallReview): string[] {
  return [
    `${review.displayName} ${review.version} (${review.name}, ${review.kind})`,
    `  ${review.description}`,
    `  ${review.vouchedBy}`,
    `  Risk: ${review.risk.grade} (${review.risk.score})${review.risk.reasons.length ? ', because it:' : ''}`,
    ...review.risk.reasons.map((r) => `    ${String(r.weight).padStart(2)}  ${r.text}`),
    '',
    'It may:',
    ...review.permissions.map((p) => `  - ${p}`),
    ...(review.datasources.length ? ['', 'Its data sources:'] : []),
    ...review.datasources.map((d) => `  - ${d.clientid} (${d.type}${d.actuator ? ', acts on a device' : ''}${d.required ? '' : ', optional'}): ${d.boundTo ? `bound to ${d.boundTo}` : `not bound${d.candidates.length ? `; you have ${d.candidates.join(', ')}` : '; you have no such source'}`}`),
    ...(review.lineage.length ? ['', 'Where your data can go:', ...review.lineage.map((l) => `  - ${l}`)] : ['', 'None of your data can leave the box.']),
    ...(review.problems.length ? ['', 'Cannot install as chosen:', ...review.problems.map((p) => `  ! ${p}`)] : []),
  ];
}
