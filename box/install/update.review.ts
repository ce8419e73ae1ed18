/**
 * What the owner reads before an update, computed on the box from the installed SLA and the
 * newer verified bundle (pure): only what changed in the permissions and in where the owner's
 * data can go, whether they grow (then the owner is asked again, and the update needs the
 * review's consent), the bindings the new version keeps or still needs, and the grants it
 * would get: the new manifest's, less any the owner revoked from the installed version.
 *
 * The consent is a digest of the new version's permissions and lineage: a browser that sends it
 * back agrees to exactly what it was shown, and a store that swaps the bundle in between makes
 * it stale.
 *
 * @example
 * const review = updateReview(installed.sla, found, {}, sources, trust, grantsOf);
 * if (review.grows) askAgain(review.added);
 */
import { createHash } from 'node:crypto';
import { diffPermissions, permissionsGrow } from '../../core/manifest/manifest.diff';
import { describeLineage, describePermissions } from '../../core/manifest/manifest.permissions';
import type { Manifest } from '../../core/manifest/manifest.types';
import { riskGrade, type RiskAssessment } from '../../core/manifest/manifest.risk';
import type { Grant } from '../arbiter/arbiter.types';
import type { DataSource } from '../state/box.db';
import type { Sla } from '../state/sla.types';
import { bindingProblems } from './install.bindings';
import { grantKey } from './install.grants';
import { installReview } from './install.review';
import type { FoundBundle } from './install.source';
import type { Trust } from './install.verify';

export interface UpdateReview {
  name: string;
  displayName: string;
  from: string;
  to: string;
  vouchedBy: string;
  signed: boolean;
  risk: RiskAssessment;
  /** True when the new version may do something the installed one could not: asked again. */
  grows: boolean;
  added: string[];
  removed: string[];
  lineageAdded: string[];
  lineageRemoved: string[];
  /** Grants the owner revoked from the installed version: they stay revoked. */
  stillRevoked: Grant[];
  /** Every datasource of the new version, with what it will be bound to. */
  datasources: ReturnType<typeof installReview>['datasources'];
  bindings: Record<string, string>;
  grants: Grant[];
  problems: string[];
  /** Send it back to update when `grows`. */
  consent: string;
}

/** The installed bindings the new version still declares (same type, same direction), then the owner's choices. */
export function mergedBindings(installed: Sla, next: Manifest, requested: Readonly<Record<string, string>>): Record<string, string> {
  const before = new Map(installed.manifest.datasources.map((d) => [d.clientid, d]));
  const kept: Record<string, string> = {};
  for (const ds of next.datasources) {
    const old = before.get(ds.clientid);
    const id = installed.bindings[ds.clientid];
    if (old && id !== undefined && old.type === ds.type && Boolean(old.actuator) === Boolean(ds.actuator)) kept[ds.clientid] = id;
  }
  return { ...kept, ...requested };
}

/** The digest of what a version may do: its permissions and its lineage. */
export function consentFor(m: Manifest): string {
  const facts = { permissions: describePermissions(m).map((p) => p.key).sort(), lineage: describeLineage(m).sort() };
  return `sha256:${createHash('sha256').update(JSON.stringify(facts)).digest('hex').slice(0, 32)}`;
}

/**
 * `grantsOf(manifest, bindings)` is what the box would grant a fresh install (install.run's
 * slaFor): the update keeps out what the owner took away from the installed version.
 */
export function updateReview(
  installed: Sla, found: FoundBundle, requested: Readonly<Record<string, string>>, sources: readonly DataSource[], trust: Trust,
  grantsOf: (m: Manifest, bindings: Record<string, string>) => Grant[],
): UpdateReview {
  const next = found.bundle.manifest;
  const bindings = mergedBindings(installed, next, requested);
  const diff = diffPermissions(installed.manifest, next);
  const held = new Set(installed.grants.map(grantKey));
  const revoked = grantsOf(installed.manifest, installed.bindings).filter((g) => !held.has(grantKey(g)));
  const revokedKeys = new Set(revoked.map(grantKey));
  const fresh = grantsOf(next, bindings);
  const grants = fresh.filter((g) => !revokedKeys.has(grantKey(g)));
  const base = installReview(found, bindings, sources, trust);
  return {
    name: next.name, displayName: next.displayName ?? next.name, from: installed.manifest.version, to: next.version,
    vouchedBy: base.vouchedBy, signed: base.signed, risk: riskGrade(next),
    grows: permissionsGrow(diff),
    added: diff.added.map((p) => p.text), removed: diff.removed.map((p) => p.text),
    lineageAdded: diff.lineageAdded, lineageRemoved: diff.lineageRemoved,
    stillRevoked: fresh.filter((g) => revokedKeys.has(grantKey(g))),
    datasources: base.datasources, bindings, grants,
    problems: bindingProblems(next, bindings, sources),
    consent: consentFor(next),
  };
}

/** The update review as lines a person reads in a terminal. */
export function updateText(review: UpdateReview): string[] {
  const list = (title: string, items: readonly string[]): string[] => (items.length ? ['', title, ...items.map((i) => `  - ${i}`)] : []);
  return [
    `${review.displayName}: ${review.from} -> ${review.to} (${review.name})`,
    `  ${review.vouchedBy}`,
    `  Risk of ${review.to}: ${review.risk.grade} (${review.risk.score})`,
    review.grows ? '  It asks for MORE than the version you run: you are asked again.' : '  It asks for nothing the version you run could not do.',
    ...list('New: it may also', review.added),
    ...list('New: where your data can go', review.lineageAdded),
    ...list('No longer', [...review.removed, ...review.lineageRemoved]),
    ...list('Still revoked (you took these away; the update keeps them away)', review.stillRevoked.map((g) => g.destination ? `sending to ${g.destination}` : `${g.method} ${g.target}${g.path}`)),
    ...(review.problems.length ? ['', 'Cannot update as chosen:', ...review.problems.map((p) => `  ! ${p}`)] : []),
  ];
}
