/**
 * What a store tells the audit log: every refused request at once, and writes coalesced per
 * component, path and method into one event a second (points and bytes), so auditing never
 * sits in the write path. Without an audit sink, nothing is recorded.
 */
import type { AuditInput } from '../audit/audit.types';

/** The part of the audit client a store uses (`createAuditClient(endpoint)` fits). */
export interface AuditSink {
  record(event: AuditInput): unknown;
}

export interface DataStoreAudit {
  /** `component`: who the token names when its signature checked out, else `unknown`. */
  refused(path: string, method: string, failure: { status: number; code: string; caveat?: string; message: string }, component?: string): void;
  wrote(component: string, path: string, method: string, points: number, bytes: number): void;
  /** Records what is pending (at close). */
  flush(): void;
}

const FLUSH_MS = 1000;

/**
 * @example
 * const audit = createDataStoreAudit('os-monitor-store', createAuditClient(endpoint));
 * audit.wrote('os-monitor', '/ts/loadavg1', 'POST', 1, 15);
 */
export function createDataStoreAudit(source: string, sink: AuditSink | undefined): DataStoreAudit {
  const pending = new Map<string, { component: string; path: string; method: string; requests: number; points: number; bytes: number }>();
  let timer: NodeJS.Timeout | undefined;
  const send = (event: AuditInput): void => {
    try {
      const result = sink?.record(event);
      if (result instanceof Promise) result.catch((error: unknown) => console.error(`store ${source}: audit record failed: ${error instanceof Error ? error.message : String(error)}`));
    } catch (error) {
      console.error(`store ${source}: audit record failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const flush = (): void => {
    timer = undefined;
    for (const entry of pending.values()) {
      send({ component: entry.component, kind: 'store-write', source, target: source, path: entry.path, method: entry.method, bytes: entry.bytes, status: 200, detail: `${entry.requests} requests, ${entry.points} points` });
    }
    pending.clear();
  };
  return {
    refused(path, method, failure, component = 'unknown') {
      if (!sink) return;
      send({ component, kind: 'request-refused', source, target: source, path: path.slice(0, 512), method: method.slice(0, 16), status: failure.status, detail: `${failure.code}${failure.caveat ? ` (${failure.caveat})` : ''}: ${failure.message}`.slice(0, 1000) });
    },
    wrote(component, path, method, points, bytes) {
      if (!sink) return;
      const key = `${component}\n${method}\n${path}`;
      const entry = pending.get(key);
      if (entry) {
        entry.requests += 1;
        entry.points += points;
        entry.bytes += bytes;
      } else pending.set(key, { component, path, method, requests: 1, points, bytes });
      timer ??= setTimeout(flush, FLUSH_MS).unref();
    },
    flush() {
      if (timer) clearTimeout(timer);
      flush();
    },
  };
}
