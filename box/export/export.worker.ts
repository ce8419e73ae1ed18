/**
 * Drains the export queue: at most one export in flight per app (its queue stays in order),
 * apps served side by side; failed attempts are retried with backoff until the policy gives
 * up; every outcome is audited and wakes the long-polls waiting on it.
 */
import { EventEmitter } from 'node:events';
import type { AuditRecorder } from '../arbiter/arbiter.state';
import { DEFAULT_RETRY, isRetryable, retryDelay, type RetryPolicy } from './export.backoff';
import { deliver } from './export.deliver';
import type { ExportQueue } from './export.queue';
import type { ExportRecord } from './export.types';

export interface ExportWorker {
  /** Looks for due exports now. */
  wake(): void;
  /** Fires `finished:<id>` and `changed:<id>` as exports move on. */
  events: EventEmitter;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  queue: ExportQueue;
  audit: AuditRecorder;
  retry?: RetryPolicy;
  /** Per attempt (default 10 s). */
  timeoutMs?: number;
  /** How often due retries are looked for (default 200 ms). */
  pollMs?: number;
  now?: () => number;
}

/**
 * @example
 * const worker = startExportWorker({ queue, audit });
 * queue.add(...); worker.wake();
 */
export function startExportWorker(options: WorkerOptions): ExportWorker {
  const { queue, audit } = options;
  const policy = options.retry ?? DEFAULT_RETRY;
  const now = options.now ?? Date.now;
  const busy = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  const events = new EventEmitter();
  events.setMaxListeners(0);
  let stopped = false;

  const attempt = async (record: ExportRecord): Promise<void> => {
    queue.markProcessing(record.id);
    events.emit(`changed:${record.id}`);
    const outcome = await deliver(record, options.timeoutMs ?? 10_000);
    if (stopped) return;
    const attempts = record.attempts + 1;
    const ok = outcome.status >= 200 && outcome.status < 300;
    // No answer (status 0) is no HTTP status: the audit log refuses one, so the reason goes in the detail instead.
    const event = {
      component: record.component, destination: record.uri, bytes: record.bytes,
      ...(outcome.status > 0 ? { status: outcome.status, detail: `export ${record.id}, attempt ${attempts}` } : { detail: `export ${record.id}, attempt ${attempts}: ${outcome.body.slice(0, 500)}` }),
    };
    if (!ok && isRetryable(outcome.status) && attempts < policy.maxAttempts) {
      queue.retryLater(record.id, attempts, now() + retryDelay(attempts, policy), outcome.status, outcome.body);
      audit.record({ ...event, kind: 'export-retry' });
    } else {
      queue.finish(record.id, attempts, outcome.status, outcome.body);
      audit.record({ ...event, kind: ok ? 'export-delivered' : 'export-failed' });
      events.emit(`finished:${record.id}`);
    }
    events.emit(`changed:${record.id}`);
  };

  const wake = (): void => {
    if (stopped) return;
    for (const record of queue.due(now(), busy)) {
      busy.add(record.component);
      const run = attempt(record).catch((error: unknown) => {
        console.error(`export ${record.id}: ${error instanceof Error ? error.message : String(error)}`);
      }).finally(() => {
        busy.delete(record.component);
        inFlight.delete(run);
        wake();
      });
      inFlight.add(run);
    }
  };
  const timer = setInterval(wake, options.pollMs ?? 200);
  timer.unref();
  wake();
  return {
    wake,
    events,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.allSettled([...inFlight]);
    },
  };
}
