/**
 * The box's client of the arbiter's management API (box/arbiter/arbiter.admin.routes.ts),
 * with the box's admin key: register and unregister components, grant and remove routes.
 * Refusals come back as the arbiter's own DataboxErrors (core/http.errors).
 *
 * @example
 * const admin = arbiterAdmin(async () => 'http://127.0.0.1:7002', adminKey);
 * await admin.grant('host-load', { target: 'os-monitor-store', path: '/ts/loadavg1/*', method: 'GET' });
 */
import { errorFromAnswer } from '../../core/http.errors';
import type { ComponentType, Grant, Registration } from '../arbiter/arbiter.types';

export interface RegisteredComponent {
  name: string;
  type: ComponentType;
  generation: number;
  endpoint?: string;
  grants: Grant[];
}

export interface ArbiterAdmin {
  components(): Promise<RegisteredComponent[]>;
  register(input: { name: string; type: ComponentType; key: string; endpoint?: string }): Promise<Registration>;
  /** Unregisters; a component it does not know is no error. */
  unregister(name: string): Promise<void>;
  grant(name: string, grant: Grant): Promise<void>;
  /** Removes one grant; the component's tokens are revoked at once. */
  removeGrant(name: string, grant: Grant): Promise<void>;
}

export function arbiterAdmin(endpoint: () => Promise<string>, adminKey: string): ArbiterAdmin {
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(new URL(path, await endpoint()), {
      method, headers: { 'x-api-key': adminKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }), signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    if (!response.ok) throw errorFromAnswer(response.status, text, 'the arbiter');
    return text === '' ? undefined : JSON.parse(text);
  };
  return {
    async components() {
      const answer = await call('GET', '/admin/components') as { components: RegisteredComponent[] };
      return answer.components;
    },
    register: async (input) => await call('POST', '/admin/components', input) as Registration,
    async unregister(name) {
      try {
        await call('DELETE', `/admin/components/${encodeURIComponent(name)}`);
      } catch (error) {
        if (!(error instanceof Error && 'status' in error && error.status === 404)) throw error;
      }
    },
    async grant(name, grant) {
      await call('POST', `/admin/components/${encodeURIComponent(name)}/grants`, grant);
    },
    async removeGrant(name, grant) {
      await call('DELETE', `/admin/components/${encodeURIComponent(name)}/grants`, grant);
    },
  };
}
