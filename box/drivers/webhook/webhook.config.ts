/**
 * The webhook driver's config (`DATABOX_DRIVER_CONFIG`, written by the box):
 * `{"sources": [{"id", "type", "description", "secretHash"}]}`. `id` is the datasource id and
 * the last part of the URL phones post to (`/webhook/<id>`); `type` is a catalogue type (its
 * readings are checked against the type's schema) or a free-text one. Pure.
 *
 * @example
 * parseWebhookConfig('{"sources":[{"id":"phone-steps","type":"steps","description":"Steps","secretHash":"sha256:..."}]}', '/etc/webhook.json')
 */
import { DATASOURCE_TYPE_ID, findDatasourceType } from '../../../core/catalogue/catalogue';
import { DataboxError } from '../../../core/errors';
import { parseJsonWithin } from '../../../core/json/json.limits';
import { DATASOURCE_ID, RESERVED_IDS } from '../../../core/protocol/datastore.limits';

export interface WebhookSource {
  id: string;
  type: string;
  description: string;
  /** `sha256:<hex>` of the source's secret. */
  secretHash: string;
}

/** A secret's hash as the config keeps it: `sha256:` and 64 hex digits (webhook.secret.ts). */
export const SECRET_HASH = /^sha256:[0-9a-f]{64}$/;

/** Most sources one webhook driver serves. */
export const MAX_WEBHOOK_SOURCES = 256;

export function parseWebhookConfig(text: string, file: string): WebhookSource[] {
  let config: unknown;
  try {
    config = parseJsonWithin(text, 8, `the webhook config ${file}`);
  } catch {
    throw configError(file, 'is not JSON (or nests deeper than 8 levels)');
  }
  const sources: unknown = typeof config === 'object' && config !== null ? Reflect.get(config, 'sources') : undefined;
  if (!Array.isArray(sources) || sources.length > MAX_WEBHOOK_SOURCES) throw configError(file, `must be {"sources": [...]} with at most ${MAX_WEBHOOK_SOURCES} sources`);
  const seen = new Set<string>();
  return sources.map((entry: unknown, i) => {
    const source = checkSource(entry, `${file}: sources[${i}]`);
    if (seen.has(source.id)) throw configError(file, `names source "${source.id}" twice`);
    seen.add(source.id);
    return source;
  });
}

/** One source, checked; `where` names it in the refusal. */
export function checkSource(entry: unknown, where: string): WebhookSource {
  const field = (name: string): unknown => (typeof entry === 'object' && entry !== null ? Reflect.get(entry, name) : undefined);
  const id = field('id');
  const type = field('type');
  const description = field('description');
  const secretHash = field('secretHash');
  const bad = (message: string) => new DataboxError('webhook-source-invalid', `${where}: ${message}`, { status: 400, hint: 'Make sources with newWebhookSource (box/drivers/webhook/webhook.secret.ts).' });
  if (typeof id !== 'string' || !DATASOURCE_ID.test(id) || RESERVED_IDS.has(id)) throw bad('"id" must be a datasource id: a letter or digit, then letters, digits, ".", "_" or "-" (at most 128)');
  if (typeof type !== 'string' || !DATASOURCE_TYPE_ID.test(type)) throw bad('"type" must be a data-source type id such as steps or location');
  if (findDatasourceType(type)?.storeType === 'kv') throw bad(`"type" ${type} is a key-value type; a webhook stores time series`);
  if (typeof description !== 'string' || description === '' || description.length > 1024) throw bad('"description" must say in words (at most 1024 characters) what the source sends');
  if (typeof secretHash !== 'string' || !SECRET_HASH.test(secretHash)) throw bad('"secretHash" must be sha256:<64 hex digits>, the hash of the source\'s secret');
  return { id, type, description, secretHash };
}

function configError(file: string, problem: string): DataboxError {
  return new DataboxError('webhook-config-invalid', `the webhook config ${file} ${problem}`, { status: 500, hint: 'The box writes it (DATABOX_DRIVER_CONFIG); make each source with newWebhookSource.' });
}
