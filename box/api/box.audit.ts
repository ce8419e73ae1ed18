/**
 * The owner's audit log as the box API answers it: read from the audit service with the
 * box's admin key, filtered by component and kind; and its per-component summary.
 */
import { errorFromAnswer } from '../../core/http.errors';
import { AUDIT } from '../daemon/box.layout';
import type { BoxRuntime } from '../daemon/box.runtime';
import type { ComponentSummary } from '../audit/audit.types';

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

/** Each component's counts (since `from`, ms): events, refusals, tokens, and what it sent where. */
export async function auditSummary(rt: BoxRuntime, options: { app?: string; from?: number } = {}): Promise<ComponentSummary[]> {
  const params = new URLSearchParams();
  if (options.app) params.set('component', options.app);
  if (options.from !== undefined) params.set('from', String(options.from));
  const response = await fetch(`${await rt.driver.boxUrl(AUDIT)}/summary?${params}`, { headers: { 'x-api-key': rt.keys.auditAdminKey }, signal: AbortSignal.timeout(10_000) });
  const body = await response.text();
  if (!response.ok) throw errorFromAnswer(response.status, body, 'the audit log');
  return (JSON.parse(body) as { components: ComponentSummary[] }).components;
}
