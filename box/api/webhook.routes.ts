/**
 * The owner's webhook sources on the box API: list, add (the secret is in this one answer,
 * never again) and remove. Each change restarts the webhook driver with its new config.
 */
import { DataboxError } from '../../core/errors';
import { startComponent } from '../daemon/box.components';
import type { BoxRuntime } from '../daemon/box.runtime';
import { addWebhookSource, removeWebhookSource, WEBHOOK, webhookSources } from '../daemon/box.webhooks';
import { WEBHOOK_SECRET_HEADER } from '../drivers/webhook/webhook.server';
import type { BoxRoute } from './box.route';

export function webhookRoutes(rt: BoxRuntime): BoxRoute[] {
  /** The driver started again on its new config (it reads it once, at start). */
  const restart = async (): Promise<void> => {
    const sla = rt.db.component(WEBHOOK)?.sla;
    if (sla && rt.db.component(WEBHOOK)?.state !== 'stopped') await startComponent(rt, sla, '', undefined, () => undefined);
  };
  const text = (body: Record<string, unknown>, field: string): string => {
    const value = body[field];
    if (typeof value !== 'string') throw new DataboxError('field-invalid', `"${field}" must be a string`, { status: 400, hint: 'Send {"id": "phone-steps", "type": "steps", "description": "Steps from my phone"}' });
    return value;
  };
  return [
    {
      method: 'get', path: '/api/webhooks', summary: 'Your webhook sources: where devices post, and which apps read each', auth: 'owner', responses: { 200: '[{id, type, description, path, header, readBy}]' },
      handle: (_req, res) => {
        const apps = rt.db.components().filter((c) => c.kind === 'app');
        res.json(webhookSources(rt).map((s) => ({
          id: s.id, type: s.type, description: s.description, path: `/webhook/${s.id}`, header: WEBHOOK_SECRET_HEADER,
          readBy: apps.filter((a) => Object.values(a.sla.bindings).includes(s.id)).map((a) => a.name),
        })));
      },
    },
    {
      method: 'post', path: '/api/webhooks', summary: 'Add a webhook source: its secret is in this answer only', auth: 'owner',
      body: '{"id": "phone-steps", "type": "steps", "description": "Steps from my phone"}',
      responses: { 201: '{id, type, description, path, header, secret}', 400: 'a bad id, type or description', 409: 'a source with that id exists' },
      handle: async (req, res) => {
        const body = (req.body ?? {}) as Record<string, unknown>;
        const made = await addWebhookSource(rt, { id: text(body, 'id'), type: text(body, 'type'), description: text(body, 'description') }, restart, () => undefined);
        res.status(201).set('cache-control', 'no-store').json(made);
      },
    },
    {
      method: 'delete', path: '/api/webhooks/:id', summary: 'Remove a webhook source (its readings stay in the store)', auth: 'owner',
      responses: { 200: '{removed}', 404: 'no such source', 409: 'an app reads it' },
      handle: async (req, res) => {
        const id = String(req.params.id);
        await removeWebhookSource(rt, id, restart, () => undefined);
        res.json({ removed: id });
      },
    },
  ];
}
