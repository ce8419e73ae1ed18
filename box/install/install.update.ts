/**
 * Updating an installed app from the store it came from, and rolling it back.
 *
 * An update: the newer bundle verified as an install's is (the pinned key, or a hand-over from
 * it), the owner's consent when the permissions grow, its image built while the old version
 * still runs; then the old version and its datastore stop, their data is copied aside, the
 * previous SLA is kept, the grants become the new version's (less what the owner revoked), and
 * the new version starts. Healthy (its health check answers), the update is done and the
 * previous version stays for a one-click rollback until the next update. Not healthy, the box
 * rolls back by itself and says why.
 *
 * A rollback: the app and its datastore stopped, their data put back as it was at the update
 * (what the newer version wrote since is lost: the dashboard says so), the previous SLA and
 * grants back, the previous version started. The state stays `updating` until the version the
 * box should run is healthy, so a box that stops half-way rolls back at its next start.
 *
 * @example
 * await updateApp(rt, { name: 'host-load', bindings: {}, consent }, console.log);
 * await rollbackApp(rt, 'host-load', console.log);
 */
import semver from 'semver';
import { DataboxError } from '../../core/errors';
import type { Grant } from '../arbiter/arbiter.types';
import type { Progress } from '../containers/containers.types';
import { startComponent } from '../daemon/box.components';
import type { BoxRuntime } from '../daemon/box.runtime';
import type { StoredComponent } from '../state/box.db';
import type { Sla } from '../state/sla.types';
import { bundleDir, dropBundle, keepBundle } from './install.bundles';
import { grantKey } from './install.grants';
import { slaFor } from './install.run';
import { bundleFromStore, type FoundBundle } from './install.source';
import { unsupportedBy } from './install.support';
import { verifyTrust, type Trust } from './install.verify';
import { updateReview, type UpdateReview } from './update.review';

export interface UpdateRequest {
  name: string;
  /** Default: the version the store lists. */
  version?: string;
  /** Bindings for the datasources the new version adds (the others keep theirs). */
  bindings: Record<string, string>;
  /** The review's consent, needed when the permissions grow. */
  consent?: string;
}

/** The installed app, the newer bundle from its store, and whether the box trusts it. */
export async function findUpdate(rt: BoxRuntime, name: string, version?: string): Promise<{ component: StoredComponent; found: FoundBundle; trust: Trust; review: (bindings: Record<string, string>) => UpdateReview }> {
  const component = rt.db.component(name);
  if (!component || component.state === 'installing') throw new DataboxError('component-unknown', `${name} is not installed on this box`, { status: 404, hint: 'See what is installed with `databox box apps`.' });
  const origin = component.sla.origin;
  if (component.kind !== 'app' || origin.kind !== 'store') {
    throw new DataboxError('update-needs-store', `${name} was not installed from an app store, so the box has nowhere to look for a newer version`, { status: 400, hint: 'Uninstall it keeping its data, then install the new bundle: the data is found again.' });
  }
  const found = await bundleFromStore(origin.store, name, version);
  const trust = verifyTrust({ ...found.trust, pinned: rt.db.pin(name) });
  const grantsOf = (m: Sla['manifest'], bindings: Record<string, string>): Grant[] => slaFor(rt, m, bindings, found.origin, found.contentHash).grants;
  return { component, found, trust, review: (bindings) => updateReview(component.sla, found, bindings, rt.db.sources(), trust, grantsOf) };
}

export interface UpdatePlan {
  old: Sla;
  sla: Sla;
  found: FoundBundle;
  review: UpdateReview;
}

export async function updateApp(rt: BoxRuntime, request: UpdateRequest, progress: Progress): Promise<Sla> {
  return applyUpdate(rt, await planUpdate(rt, request), progress);
}

/** Every check before anything happens, each a clear refusal; answers what the update will do. */
export async function planUpdate(rt: BoxRuntime, request: UpdateRequest): Promise<UpdatePlan> {
  const { component, found, review: reviewWith } = await findUpdate(rt, request.name, request.version);
  const old = component.sla;
  const m = found.bundle.manifest;
  const name = old.name;
  if (!semver.gt(m.version, old.manifest.version)) {
    throw new DataboxError('update-not-newer', `${name} ${old.manifest.version} is installed; the store offers ${m.version}, which is not newer`, { status: 409, hint: 'Nothing to update. To go back to an older version, roll back (or uninstall keeping the data and install it).' });
  }
  const unsupported = unsupportedBy(m);
  if (unsupported) throw unsupported;
  const review = reviewWith(request.bindings);
  if (review.problems.length > 0) {
    throw new DataboxError('bindings-invalid', `the data sources chosen for ${name} ${m.version} do not fit: ${review.problems.join('; ')}`, { status: 400, hint: 'Bind each new datasource to one of your sources.' });
  }
  if (review.grows && request.consent !== review.consent) {
    throw new DataboxError('update-needs-consent', `${name} ${m.version} may do more than ${old.manifest.version}: ${[...review.added, ...review.lineageAdded].join('; ')}`, {
      status: 409, hint: `Review the update (databox box update ${name}, or its page on the dashboard) and agree to it: send the consent its review gives.`,
    });
  }
  const sla: Sla = { ...slaFor(rt, m, review.bindings, found.origin, found.contentHash), grants: review.grants, installedAt: old.installedAt };
  return { old, sla, found, review };
}

export async function applyUpdate(rt: BoxRuntime, plan: UpdatePlan, progress: Progress): Promise<Sla> {
  const { old, sla, found, review } = plan;
  const { name } = sla;
  const m = sla.manifest;
  progress(`${name}: updating ${old.manifest.version} -> ${m.version}`);
  const dir = keepBundle(rt.layout, name, sla.contentHash, found.bundle, found.tarball);
  // Built while the installed version still runs: the owner's app is down only for the switch.
  const image = await rt.driver.prepareApp(name, dir, progress);
  progress(`${name}: stopping ${old.manifest.version} and keeping a copy of its data`);
  await stopWithStore(rt, old);
  const older = rt.db.previous(name)?.sla;
  for (const part of dataOf(old)) await rt.driver.snapshotData(part);
  rt.db.transaction(() => {
    rt.db.setPrevious(name, old);
    rt.db.saveComponent(sla, 'updating');
  });
  // Only one previous version is kept: the one before it goes.
  if (older && older.contentHash !== old.contentHash && older.contentHash !== sla.contentHash) dropBundle(rt.layout, name, older.contentHash);
  try {
    await regrant(rt, name, old.grants, sla.grants);
    await startComponent(rt, sla, dir, image, progress);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    progress(`${name} ${m.version} did not become healthy (${why}); rolling back to ${old.manifest.version}`);
    await rollbackApp(rt, name, progress, `${m.version} failed its health check: ${why}`);
    throw new DataboxError('update-rolled-back', `${name} ${m.version} did not become healthy (${why}), so the box rolled back to ${old.manifest.version}`, {
      status: 502, hint: `${old.manifest.version} runs again with its data as it was. Tell the app's publisher; its output is in databox box logs ${name}.`, cause: error,
    });
  }
  rt.db.saveComponent(sla, 'installed');
  rt.audit?.record({ component: name, kind: 'update', detail: `${old.manifest.version} -> ${m.version}; ${review.grows ? `the owner agreed to more: ${[...review.added, ...review.lineageAdded].join('; ')}` : 'its permissions did not grow'}`.slice(0, 500) });
  progress(`${name} ${m.version}: updated; ${old.manifest.version} is kept, to roll back to`);
  return sla;
}

/** Back to the version the last update replaced, with its data as it was then. */
export async function rollbackApp(rt: BoxRuntime, name: string, progress: Progress, reason?: string): Promise<Sla> {
  const component = rt.db.component(name);
  const previous = rt.db.previous(name)?.sla;
  if (!component || !previous) throw new DataboxError('no-previous-version', `${name} has no earlier version kept on this box`, { status: 404, hint: 'A version is kept when an update replaces it, until the next update.' });
  const current = component.sla;
  progress(`${name}: rolling back ${current.manifest.version} -> ${previous.manifest.version}`);
  // Until the previous version runs again, a box that stops goes on with this at its next start.
  rt.db.setState(name, 'updating');
  await stopWithStore(rt, current);
  for (const part of dataOf(previous)) {
    if (!(await rt.driver.restoreData(part))) progress(`${part}: no copy of its data was kept; it keeps what it has`);
  }
  await regrant(rt, name, current.grants, previous.grants);
  const dir = bundleDir(rt.layout, name, previous.contentHash);
  await startComponent(rt, previous, dir, await rt.driver.prepareApp(name, dir, progress), progress);
  rt.db.transaction(() => {
    rt.db.saveComponent(previous, 'installed');
    rt.db.forgetPrevious(name);
  });
  if (current.contentHash !== previous.contentHash) dropBundle(rt.layout, name, current.contentHash);
  for (const part of dataOf(previous)) await rt.driver.dropSnapshot(part);
  rt.audit?.record({ component: name, kind: 'rollback', detail: `${current.manifest.version} -> ${previous.manifest.version}: ${reason ?? 'the owner rolled it back'}`.slice(0, 500) });
  progress(`${name}: back to ${previous.manifest.version}`);
  return previous;
}

/** The app's own data and its datastore's. */
function dataOf(sla: Sla): string[] {
  return [sla.name, ...(sla.store ? [sla.store] : [])];
}

async function stopWithStore(rt: BoxRuntime, sla: Sla): Promise<void> {
  await rt.driver.stop(sla.name);
  if (sla.store) await rt.driver.stop(sla.store);
}

/** Takes away the grants `next` lacks (their tokens fail at once); startComponent gives the rest. */
async function regrant(rt: BoxRuntime, name: string, held: readonly Grant[], next: readonly Grant[]): Promise<void> {
  const keep = new Set(next.map(grantKey));
  for (const grant of held) if (!keep.has(grantKey(grant))) await rt.admin.removeGrant(name, grant);
}
