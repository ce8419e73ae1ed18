/**
 * The owner's audit log as the box API answers it: read from the audit service with the
 * box's admin key, filtered by component and kind.
 */
import { errorFromAnswer } from '../../core/http.errors';
import { AUDIT } from '../daemon/box.layout';
import type { BoxRuntime } from '../daemon/box.runtime';

export async function auditEvents(rt: BoxRuntime, query: Record<string, unknown>): Promise<unknown> {
  const params = new URLSearchParams();
  const text = (key: string): string | undefined => (typeof query[key] === 'string' ? String(query[key]) : undefined);
  const app = text('app');
  if (app) params.set('component', app);
  for (const key of ['kind', 'after', 'from', 'to'] as const) {
    const value = text(key);
    if (value) params.set(key, value);
  }
  params.set('limit', String(Math.min(1000, Math.max(1, Number(text('limit') ?? 200) || 200))));
  // The newest events unless the caller pages forward from a known one.
  if (!text('after')) params.set('newest', '1');
  const response = await fetch(`${await rt.driver.boxUrl(AUDIT)}/events?${params}`, { headers: { 'x-api-key': rt.keys.auditAdminKey }, signal: AbortSignal.timeout(10_000) });
  const body = await response.text();
  if (!response.ok) throw errorFromAnswer(response.status, body, 'the audit log');
  return JSON.parse(body);
}
