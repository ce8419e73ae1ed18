/**
 * An installed app or driver as the owner sees it (the API's `/api/apps` and the dashboard):
 * what it is, where it came from, its status (the owner's stop is told apart from a crash),
 * its bindings and grants, and its page; and the owner's start, stop and restart of it.
 *
 * @example
 * const { summary } = componentViews(rt); await summary('host-load') // { name, kind, status, ... }
 */
import { DataboxError } from '../../core/errors';
import type { Grant } from '../arbiter/arbiter.types';
import type { ComponentStatus } from '../containers/containers.types';
import { startComponent } from '../daemon/box.components';
import type { BoxRuntime } from '../daemon/box.runtime';
import { bundleDir } from '../install/install.bundles';
import type { StoredComponent } from '../state/box.db';

/** How isolated the box's components are, by container driver, for the owner. */
export const ISOLATION_WORDS = {
  docker: 'each app runs in its own container on an internal network; it reaches only the services and data it was granted',
  process: 'components run as processes on this machine with no network isolation: an app could reach any other component and this machine (for development only)',
} as const;

export type OwnerStatus = ComponentStatus | 'stopped-by-owner';

export function componentViews(rt: BoxRuntime) {
  const status = async (name: string): Promise<OwnerStatus> => (rt.db.component(name)?.state === 'stopped' ? 'stopped-by-owner' : rt.driver.status(name));
  const installed = (name: string): StoredComponent => {
    const component = rt.db.component(name);
    if (!component || component.state === 'installing') throw new DataboxError('component-unknown', `${name} is not installed on this box`, { status: 404, hint: 'See what is installed with `databox box apps`.' });
    return component;
  };
  const summary = async (name: string) => {
    const c = installed(name);
    const m = c.sla.manifest;
    return {
      name, kind: c.kind, version: m.version, displayName: m.displayName ?? name, description: m.description, status: await status(name),
      origin: c.sla.origin.kind === 'store' ? { kind: 'store', store: c.sla.origin.store, publisher: c.sla.origin.publisher } : c.sla.origin,
      bindings: c.sla.bindings, grants: c.sla.grants, store: c.sla.store ?? null, installedAt: new Date(c.sla.installedAt).toISOString(),
      ...(c.kind === 'app' ? { page: `/${name}/ui/` } : {}),
    };
  };
  /** Every installed component (not one being installed), in the database's order. */
  const all = () => Promise.all(rt.db.components().filter((c) => c.state !== 'installing').map((c) => summary(c.name)));
  return { status, installed, summary, all };
}

export type ComponentView = Awaited<ReturnType<ReturnType<typeof componentViews>['summary']>>;

/** The owner's start, stop or restart of a component (the API's and the dashboard's), audited. */
export async function componentAction(rt: BoxRuntime, component: StoredComponent, action: 'start' | 'stop' | 'restart'): Promise<void> {
  if (action !== 'start') {
    await rt.driver.stop(component.name);
    rt.db.setState(component.name, 'stopped');
    rt.audit?.record({ component: component.name, kind: 'component-stopped', detail: 'by the owner' });
  }
  if (action !== 'stop') {
    const dir = bundleDir(rt.layout, component.name, component.sla.contentHash);
    const image = component.kind === 'app' ? await rt.driver.prepareApp(component.name, dir, () => undefined) : undefined;
    await startComponent(rt, component.sla, dir, image, () => undefined);
    rt.db.setState(component.name, 'installed');
    rt.audit?.record({ component: component.name, kind: 'component-started', detail: 'by the owner' });
  }
}

/**
 * Removes one grant of an installed component, without reinstalling: from its SLA first (a
 * restart in between never gives it back), then from the arbiter, which revokes the
 * component's tokens at once (box/arbiter/arbiter.admin.routes.ts). Answers the grant removed.
 */
export async function revokeGrant(rt: BoxRuntime, component: StoredComponent, index: number): Promise<Grant> {
  const grant = component.sla.grants[index];
  if (!grant) throw new DataboxError('grant-unknown', `${component.name} has no grant #${index}`, { status: 404, hint: 'Reload its page: its grants may have changed.' });
  rt.db.saveComponent({ ...component.sla, grants: component.sla.grants.filter((_g, i) => i !== index) }, component.state);
  await rt.admin.removeGrant(component.name, grant);
  return grant;
}
