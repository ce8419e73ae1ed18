/**
 * webhook: readings that phones and other devices post to the box. Its sources are the
 * owner's (the box makes each with newWebhookSource and writes them to the driver's config),
 * so the manifest the box installs provides none; `webhookManifest(sources)` describes a
 * configured driver, each source's type as the catalogue has it (or as the source says, for a
 * type the catalogue does not know).
 */
import { findDatasourceType } from '../../../core/catalogue/catalogue';
import type { Manifest } from '../../../core/manifest/manifest.types';
import { driverManifest, provided } from '../driver.manifest';
import type { WebhookSource } from './webhook.config';

export function webhookManifest(sources: readonly Pick<WebhookSource, 'type' | 'description'>[]): Manifest {
  const types = new Map<string, string>();
  for (const source of sources) if (!types.has(source.type)) types.set(source.type, source.description);
  return driverManifest({
    name: 'webhook',
    displayName: 'Webhook',
    description: 'Readings your phone and other devices post to the box, each source with its own secret',
    tags: ['phone', 'webhook', 'devices'],
    provides: [...types].map(([type, description]) => provided(type, findDatasourceType(type) ? undefined : description)),
  });
}

export const WEBHOOK_MANIFEST = webhookManifest([]);
