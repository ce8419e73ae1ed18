/**
 * Uninstalling: the component stopped and removed, unregistered at the arbiter (its grants go
 * with it and its tokens fail at once), its own datastore removed too, and its data deleted
 * only when the owner asks (kept, it is found again by an install of the same name). The same
 * steps undo an install a crash interrupted.
 *
 * @example
 * await uninstall(rt, 'host-load', { deleteData: false }, console.log);
 */
import { createHash } from 'node:crypto';
import { DataboxError } from '../../core/errors';
import type { Progress } from '../containers/containers.types';
import type { BoxRuntime } from '../daemon/box.runtime';
import { forgetSecrets } from '../daemon/box.secrets';
import { dropBundle } from './install.bundles';

export async function uninstall(rt: BoxRuntime, name: string, options: { deleteData: boolean }, progress: Progress): Promise<void> {
  const component = rt.db.component(name);
  if (!component) throw new DataboxError('component-unknown', `${name} is not installed on this box`, { status: 404, hint: 'See what is installed with `databox box apps`.' });
  if (component.sla.kind === 'driver' && rt.db.components().some((c) => c.sla.kind === 'app' && Object.values(c.sla.bindings).some((id) => rt.db.source(id)?.driver === name))) {
    throw new DataboxError('driver-in-use', `${name} provides data sources installed apps read`, { status: 409, hint: 'Uninstall the apps that read its sources first.' });
  }
  await removeEverything(rt, name, component.sla.store, options.deleteData, progress);
  rt.audit?.record({ component: name, kind: 'uninstall', detail: options.deleteData ? 'its data deleted' : 'its data kept' });
}

/** Every trace of a component but (unless asked) its data; each step tolerates what is already gone. */
export async function removeEverything(rt: BoxRuntime, name: string, store: string | undefined, deleteData: boolean, progress: Progress): Promise<void> {
  progress(`${name}: removing`);
  await rt.driver.remove(name, { deleteData });
  await rt.admin.unregister(name);
  forgetSecrets(rt.layout, name);
  if (store) {
    await rt.driver.remove(store, { deleteData });
    await rt.admin.unregister(store);
    forgetSecrets(rt.layout, store);
  }
  rt.db.transaction(() => {
    rt.db.setSources(name, []);
    rt.db.removeComponent(name);
  });
  dropBundle(rt.layout, name);
  progress(`${name}: removed${deleteData ? ', with its data' : '; its data is kept'}`);
}

/** A built-in driver's content hash: its manifest's, as no bundle carries it. */
export function manifestHash(manifest: unknown): string {
  return createHash('sha256').update(JSON.stringify(manifest)).digest('hex');
}
