/**
 * The owner's webhook sources: each one a data source of the webhook driver, posted to at
 * `/webhook/<id>` on the box with its own secret (shown once when it is made; the box keeps
 * only its hash). The box keeps them in its database, writes them to the driver's config
 * (a read-only secret file, as it holds the hashes) and restarts the driver on each change.
 *
 * @example
 * const { secret } = await addWebhookSource(rt, { id: 'phone-steps', type: 'steps', description: 'Steps from my phone' }, console.log);
 */
import { datasourceTypeOrGeneric } from '../../core/catalogue/catalogue';
import { DataboxError } from '../../core/errors';
import type { Progress } from '../containers/containers.types';
import { MAX_WEBHOOK_SOURCES, parseWebhookConfig, type WebhookSource } from '../drivers/webhook/webhook.config';
import { newWebhookSource } from '../drivers/webhook/webhook.secret';
import { WEBHOOK_SECRET_HEADER } from '../drivers/webhook/webhook.server';
import type { DataSource } from '../state/box.db';
import type { Sla } from '../state/sla.types';
import { componentSecretsDir } from './box.layout';
import type { BoxRuntime } from './box.runtime';
import { writeSecret } from './box.secrets';
import { sourcesOf } from './box.sources';

export const WEBHOOK = 'webhook';
/** The driver's config file among its secrets. */
export const WEBHOOK_CONFIG = 'webhook.json';
const META = 'webhook-sources';

export function webhookSources(rt: BoxRuntime): WebhookSource[] {
  const saved = rt.db.meta(META);
  return saved ? parseWebhookConfig(saved, 'the box database') : [];
}

/** The sources a driver provides: its manifest's, and for the webhook driver the owner's. */
export function driverSources(rt: BoxRuntime, sla: Sla): DataSource[] {
  if (sla.name !== WEBHOOK || !sla.store) return sourcesOf(sla);
  const store = sla.store;
  return webhookSources(rt).map((s) => {
    const type = datasourceTypeOrGeneric(s.type);
    return { id: s.id, driver: WEBHOOK, store, storeType: type.storeType, type: s.type, actuator: false, description: s.description, unit: type.unit };
  });
}

/** Writes the driver's config from the database (before it starts). */
export function writeWebhookConfig(rt: BoxRuntime): void {
  writeSecret(componentSecretsDir(rt.layout, WEBHOOK), WEBHOOK_CONFIG, JSON.stringify({ sources: webhookSources(rt) }), rt.secretOwner);
}

export interface NewWebhook {
  id: string;
  type: string;
  description: string;
  /** Where the device posts, on the box. */
  path: string;
  header: string;
  /** Shown this once. */
  secret: string;
}

export async function addWebhookSource(rt: BoxRuntime, spec: { id: string; type: string; description: string }, restart: (progress: Progress) => Promise<void>, progress: Progress): Promise<NewWebhook> {
  const sla = webhookDriver(rt);
  const { source, secret } = newWebhookSource(spec);
  if (rt.db.sources().some((s) => s.id === source.id)) {
    throw new DataboxError('source-exists', `the box has a data source "${source.id}" already`, { status: 409, hint: 'Choose another id (see databox box sources).' });
  }
  const sources = [...webhookSources(rt), source];
  if (sources.length > MAX_WEBHOOK_SOURCES) throw new DataboxError('webhook-sources-full', `the webhook driver serves at most ${MAX_WEBHOOK_SOURCES} sources`, { status: 409, hint: 'Remove one you no longer use.' });
  save(rt, sla, sources);
  await restart(progress);
  rt.audit?.record({ component: WEBHOOK, kind: 'source-added', detail: `${source.id} (${source.type})` });
  return { id: source.id, type: source.type, description: source.description, path: `/webhook/${source.id}`, header: WEBHOOK_SECRET_HEADER, secret };
}

export async function removeWebhookSource(rt: BoxRuntime, id: string, restart: (progress: Progress) => Promise<void>, progress: Progress): Promise<void> {
  const sla = webhookDriver(rt);
  const sources = webhookSources(rt);
  if (!sources.some((s) => s.id === id)) throw new DataboxError('source-unknown', `there is no webhook source "${id.slice(0, 128)}"`, { status: 404, hint: 'See them with databox box webhook list.' });
  const readers = rt.db.components().filter((c) => Object.values(c.sla.bindings).includes(id)).map((c) => c.name);
  if (readers.length > 0) throw new DataboxError('source-in-use', `${readers.join(', ')} read${readers.length === 1 ? 's' : ''} ${id}`, { status: 409, hint: 'Uninstall those apps first.' });
  save(rt, sla, sources.filter((s) => s.id !== id));
  await restart(progress);
  rt.audit?.record({ component: WEBHOOK, kind: 'source-removed', detail: id });
}

function webhookDriver(rt: BoxRuntime): Sla {
  const sla = rt.db.component(WEBHOOK)?.sla;
  if (!sla) throw new DataboxError('webhook-missing', 'the webhook driver is not installed on this box', { status: 404, hint: 'It comes with the box; a box that uninstalled it cannot take webhooks.' });
  return sla;
}

function save(rt: BoxRuntime, sla: Sla, sources: WebhookSource[]): void {
  rt.db.transaction(() => {
    rt.db.setMeta(META, JSON.stringify({ sources }));
    rt.db.setSources(WEBHOOK, driverSources(rt, sla));
  });
  writeWebhookConfig(rt);
}
