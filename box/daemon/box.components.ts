/**
 * Bringing components up and down on a running box: each one registered at the arbiter with a
 * key the box made (its token secret kept when it is a datastore or service), its secret files
 * written, its own datastore running, its grants given, and only then started. Registration
 * is made whole again when the arbiter and the box disagree (a key file lost, a component the
 * arbiter forgot), so a restart always ends in a consistent box.
 */
import type { ComponentType, Grant } from '../arbiter/arbiter.types';
import type { ComponentPlan, Progress } from '../containers/containers.types';
import { newKey } from '../service/service.keys';
import type { Sla } from '../state/sla.types';
import { componentSecretsDir, SECRET } from './box.layout';
import { appPlan, datastorePlan, driverPlan } from './box.plans';
import type { BoxRuntime } from './box.runtime';
import { readSecret, writeSecret } from './box.secrets';
import { WEBHOOK, WEBHOOK_CONFIG, writeWebhookConfig } from './box.webhooks';

/** Registers `name` unless the arbiter and its secret files already agree; answers nothing. */
export async function ensureRegistered(rt: BoxRuntime, name: string, type: ComponentType, endpoint?: string): Promise<void> {
  const dir = componentSecretsDir(rt.layout, name);
  const holdsSecret = type === 'store' || type === 'service';
  const known = (await rt.admin.components()).find((c) => c.name === name);
  const filesOk = readSecret(dir, SECRET.arbiterKey) !== undefined && (!holdsSecret || readSecret(dir, SECRET.tokenSecret) !== undefined);
  if (known && known.type === type && filesOk) return;
  if (known) await rt.admin.unregister(name);
  const key = newKey();
  writeSecret(dir, SECRET.arbiterKey, key, rt.secretOwner);
  const registration = await rt.admin.register({ name, type, key, ...(endpoint ? { endpoint } : {}) });
  if (registration.secret) writeSecret(dir, SECRET.tokenSecret, registration.secret, rt.secretOwner);
}

/** Gives a component the box-wide files it reads: the audit log's service key, the box CA. */
export function shareBoxFiles(rt: BoxRuntime, name: string, files: { auditKey?: boolean; adminKey?: boolean; auditAdminKey?: boolean; ca?: string }): void {
  const dir = componentSecretsDir(rt.layout, name);
  if (files.auditKey) writeSecret(dir, SECRET.auditServiceKey, rt.keys.auditServiceKey, rt.secretOwner);
  if (files.adminKey) writeSecret(dir, SECRET.adminKey, rt.keys.adminKey, rt.secretOwner);
  if (files.auditAdminKey) writeSecret(dir, SECRET.auditAdminKey, rt.keys.auditAdminKey, rt.secretOwner);
  if (files.ca) writeSecret(dir, SECRET.ca, files.ca, rt.secretOwner);
}

/** Makes sure a datastore is registered, has its files, and runs. */
export async function startDatastore(rt: BoxRuntime, store: string, progress: Progress): Promise<void> {
  await rt.driver.reserve?.([store]);
  await ensureRegistered(rt, store, 'store', rt.plan.placement.endpoint(store));
  shareBoxFiles(rt, store, { auditKey: true });
  await rt.driver.start(datastorePlan(rt.plan, store), progress);
}

/** Gives every grant the SLA records (granting twice is no error). */
export async function grantAll(rt: BoxRuntime, name: string, grants: readonly Grant[]): Promise<void> {
  for (const grant of grants) await rt.admin.grant(name, grant);
}

/** The plan of an installed app or driver. */
export function componentPlan(rt: BoxRuntime, sla: Sla, bundleDir: string, image?: string): ComponentPlan {
  if (sla.name === WEBHOOK) return driverPlan(rt.plan, sla, { listens: true, configFile: rt.plan.placement.secretPath(WEBHOOK, WEBHOOK_CONFIG) });
  if (sla.kind === 'driver') return driverPlan(rt.plan, sla);
  return appPlan(rt.plan, sla, rt.db.sources(), bundleDir, image);
}

/**
 * Brings an installed component up: registered, its datastore running, its grants given, then
 * started (grants before the container starts).
 */
export async function startComponent(rt: BoxRuntime, sla: Sla, bundleDir: string, image: string | undefined, progress: Progress): Promise<void> {
  await rt.driver.reserve?.([sla.name, ...(sla.store ? [sla.store] : [])]);
  if (sla.store) await startDatastore(rt, sla.store, progress);
  await ensureRegistered(rt, sla.name, sla.kind);
  await grantAll(rt, sla.name, sla.grants);
  if (sla.name === WEBHOOK) writeWebhookConfig(rt);
  await rt.driver.start(componentPlan(rt, sla, bundleDir, image), progress);
}

