/**
 * The webhook program: reads its sources from `DATABOX_DRIVER_CONFIG` (none when it is not
 * set: every post is then a 404), registers each in its datastore's catalogue, and listens on
 * `DATABOX_DRIVER_PORT` (`DATABOX_DRIVER_HOST`) for the posts the box forwards. A source that
 * receives the other kind of reading than its type suggests (a free-text source sent an
 * object) has that series registered too, on its first reading.
 */
import { readFileSync } from 'node:fs';
import { datasourceTypeOrGeneric } from '../../../core/catalogue/catalogue';
import type { StoreType } from '../../../core/catalogue/catalogue.types';
import { DataboxError } from '../../../core/errors';
import { envError } from '../driver.env';
import { catalogueSource } from '../driver.source';
import type { DriverProgram } from '../driver.types';
import { parseWebhookConfig, type WebhookSource } from './webhook.config';
import { WEBHOOK_MANIFEST } from './webhook.manifest';
import { startWebhookServer, webhookStoreError, WEBHOOK_SECRET_HEADER } from './webhook.server';

export const webhook: DriverProgram = {
  name: 'webhook',
  manifest: WEBHOOK_MANIFEST,
  async start({ env, client, log }) {
    if (env.port === undefined) throw envError('DATABOX_DRIVER_PORT', 'is not set: the webhook driver listens there for the posts the box forwards');
    const sources = env.configFile ? readConfig(env.configFile) : [];
    const registered = new Set<string>();
    const register = async (source: WebhookSource, storeType: StoreType): Promise<void> => {
      const key = `${storeType}/${source.id}`;
      if (registered.has(key)) return;
      await client.register({ ...catalogueSource(source.type, 'webhook', { id: source.id, description: source.description }), storeType });
      registered.add(key);
    };
    for (const source of sources) await register(source, datasourceTypeOrGeneric(source.type).storeType);
    const server = await startWebhookServer({
      sources, port: env.port, host: env.host,
      async store(source, routed) {
        try {
          await register(source, routed.storeType);
          return await client.write({ id: source.id, storeType: routed.storeType }, routed.body);
        } catch (error) {
          const refusal = webhookStoreError(error);
          if (refusal.status >= 500) log(`webhook: storing a reading of ${source.id} failed: ${error instanceof Error ? error.message : String(error)}`);
          throw refusal;
        }
      },
    });
    return {
      summary: `listening on ${server.url} for ${sources.length === 0 ? 'no sources yet' : sources.map((s) => `/webhook/${s.id}`).join(', ')} (secret in ${WEBHOOK_SECRET_HEADER})`,
      stop: () => server.close(),
    };
  },
};

function readConfig(file: string): WebhookSource[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DataboxError('webhook-config-unreadable', `cannot read the webhook config ${file} (DATABOX_DRIVER_CONFIG)`, { status: 500, hint: 'The box writes it before it starts the driver; check the path and its permissions.', cause: error });
  }
  return parseWebhookConfig(text, file);
}
