/**
 * How the dashboard reads the owner's data: as a component of its own, `box-dashboard`,
 * registered at the arbiter like any app, granted GET on each source's series, and holding
 * tokens the arbiter mints (and audits) for it. The owner's own looking is in the audit log
 * too, and goes through the same checks as an app's reads.
 *
 * @example
 * const reader = sourceReader(rt); await reader.recent(source, 50) // [{ timestamp, data }, ...] newest first
 */
import { errorFromAnswer } from '../../core/http.errors';
import { ensureRegistered, grantAll } from '../daemon/box.components';
import { componentSecretsDir, SECRET, ARBITER } from '../daemon/box.layout';
import type { BoxRuntime } from '../daemon/box.runtime';
import { readSecret } from '../daemon/box.secrets';
import type { DataSource } from '../state/box.db';

export const DASHBOARD_READER = 'box-dashboard';
const TOKEN_REUSE_MS = 50 * 60_000;

export interface Reading {
  timestamp: number;
  data: unknown;
}

export function sourceReader(rt: BoxRuntime) {
  let ready: Promise<string> | undefined;
  const tokens = new Map<string, { token: string; until: number }>();
  const routeOf = (s: DataSource) => ({ target: s.store, path: `/${s.storeType}/${s.id}/*`, method: 'GET' as const });
  /** Registered once per box start (the key kept in its secrets), granted every current source. */
  const key = async (sources: readonly DataSource[]): Promise<string> => {
    ready ??= (async () => {
      await ensureRegistered(rt, DASHBOARD_READER, 'app');
      const found = readSecret(componentSecretsDir(rt.layout, DASHBOARD_READER), SECRET.arbiterKey);
      if (!found) throw new Error('the dashboard reader has no arbiter key');
      return found;
    })();
    const value = await ready;
    await grantAll(rt, DASHBOARD_READER, sources.filter((s) => !s.actuator).map(routeOf));
    return value;
  };
  const tokenFor = async (source: DataSource, apiKey: string): Promise<string> => {
    const cached = tokens.get(source.id);
    if (cached && cached.until > Date.now()) return cached.token;
    const response = await fetch(`${await rt.driver.boxUrl(ARBITER)}/token`, {
      method: 'POST', headers: { 'x-api-key': apiKey, 'content-type': 'application/json' }, body: JSON.stringify(routeOf(source)), signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (!response.ok) throw errorFromAnswer(response.status, text, 'the arbiter');
    tokens.set(source.id, { token: text, until: Date.now() + TOKEN_REUSE_MS });
    return text;
  };
  return {
    /** The newest `n` readings of each source (newest first), or why a source could not be read. */
    async recent(sources: readonly DataSource[], n: number): Promise<Map<string, Reading[] | { error: string }>> {
      const apiKey = await key(sources);
      const out = new Map<string, Reading[] | { error: string }>();
      await Promise.all(sources.filter((s) => !s.actuator).map(async (s) => {
        try {
          const token = await tokenFor(s, apiKey);
          const response = await fetch(`${await rt.driver.boxUrl(s.store)}/${s.storeType}/${s.id}/last/${n}`, { headers: { 'x-api-key': token }, signal: AbortSignal.timeout(10_000) });
          const text = await response.text();
          if (response.status === 401) tokens.delete(s.id);
          if (!response.ok) throw errorFromAnswer(response.status, text, s.store);
          out.set(s.id, JSON.parse(text) as Reading[]);
        } catch (error) {
          out.set(s.id, { error: error instanceof Error ? error.message : String(error) });
        }
      }));
      return out;
    },
  };
}
