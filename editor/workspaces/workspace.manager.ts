/**
 * One workspace per developer, started on demand, stopped when idle, started again on the next
 * request after a crash. Each start gets new secrets: the gate secret the proxy adds to every
 * request, and the storage token with which the workspace reaches its own developer's flows
 * (and only theirs). Concurrent first requests share one start.
 *
 * @example
 * const manager = workspaceManager({ driver, db, nodesDirs, idleMs: 30 * 60_000, log: console.log });
 * const { target, gateSecret } = await manager.ensure(developer);
 */
import { randomBytes } from 'node:crypto';
import { DataboxError } from '../../core/errors';
import type { Developer } from '../db/studio.db';
import type { RunningWorkspace, WorkspaceDriver } from './workspace.types';

export interface WorkspaceManagerOptions {
  driver: WorkspaceDriver;
  nodesDirs: string[];
  /** The port of the studio's internal storage API. */
  storagePort: () => number;
  /** The readings a developer uploaded to replay in preview, by type. */
  replayFor?: (developerId: string) => Record<string, unknown[]>;
  /** Stop a workspace nobody used for this long (default 30 minutes). */
  idleMs?: number;
  log: (line: string) => void;
  now?: () => number;
}

export interface Entry {
  developerId: string;
  gateSecret: string;
  storageToken: string;
  running: RunningWorkspace;
  lastUsed: number;
}

export interface WorkspaceManager {
  ensure(developer: Developer): Promise<Entry>;
  /** The workspace running for a developer, if any (no start). */
  running(developerId: string): Entry | undefined;
  touch(developerId: string): void;
  /** Whose storage token this is (only a running workspace's token answers). */
  tokenOwner(token: string): string | undefined;
  stop(developerId: string): Promise<void>;
  close(): Promise<void>;
}

export function workspaceManager(options: WorkspaceManagerOptions): WorkspaceManager {
  const now = options.now ?? Date.now;
  const idleMs = options.idleMs ?? 30 * 60_000;
  const entries = new Map<string, Entry>();
  const starting = new Map<string, Promise<Entry>>();
  const byToken = new Map<string, string>();
  let closed = false;

  const start = async (developer: Developer): Promise<Entry> => {
    const gateSecret = randomBytes(32).toString('base64url');
    const storageToken = randomBytes(32).toString('base64url');
    byToken.set(storageToken, developer.id);
    try {
      const running = await options.driver.start({
        developerId: developer.id,
        config: {
          gateSecret,
          storage: { url: options.driver.storageUrl(options.storagePort()), token: storageToken },
          credentialSecret: developer.credentialSecret,
          title: developer.login,
          nodesDirs: options.nodesDirs,
          replay: options.replayFor?.(developer.id) ?? {},
        },
      });
      const entry: Entry = { developerId: developer.id, gateSecret, storageToken, running, lastUsed: now() };
      entries.set(developer.id, entry);
      options.log(`studio: workspace of ${developer.login} started (${options.driver.kind})`);
      void running.ended.then(({ crashed, detail }) => {
        if (entries.get(developer.id) === entry) entries.delete(developer.id);
        byToken.delete(storageToken);
        if (crashed) options.log(`studio: workspace of ${developer.login} ${detail}; the next request starts it again`);
      });
      return entry;
    } catch (error) {
      byToken.delete(storageToken);
      throw error;
    }
  };

  const reaper = setInterval(() => {
    for (const entry of entries.values()) {
      if (now() - entry.lastUsed > idleMs) {
        entries.delete(entry.developerId);
        options.log(`studio: workspace ${entry.developerId} idle for ${Math.round(idleMs / 60_000)} min: stopped`);
        void entry.running.stop();
      }
    }
  }, Math.min(60_000, Math.max(1000, idleMs / 4)));
  reaper.unref();

  return {
    async ensure(developer) {
      if (closed) throw new DataboxError('studio-stopping', 'the studio is stopping', { status: 503, hint: 'Reload in a moment.' });
      const known = entries.get(developer.id);
      if (known) {
        known.lastUsed = now();
        return known;
      }
      const pending = starting.get(developer.id) ?? start(developer).finally(() => starting.delete(developer.id));
      starting.set(developer.id, pending);
      return pending;
    },
    running: (developerId) => entries.get(developerId),
    touch(developerId) {
      const entry = entries.get(developerId);
      if (entry) entry.lastUsed = now();
    },
    tokenOwner: (token) => byToken.get(token),
    async stop(developerId) {
      const entry = entries.get(developerId);
      entries.delete(developerId);
      await entry?.running.stop();
    },
    async close() {
      closed = true;
      clearInterval(reaper);
      await Promise.all([...starting.values()].map((p) => p.catch(() => undefined)));
      const all = [...entries.values()];
      entries.clear();
      await Promise.all(all.map((entry) => entry.running.stop()));
      await options.driver.close?.();
    },
  };
}
