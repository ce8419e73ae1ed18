/**
 * The client the box's services record audit events with. `record` never blocks and never
 * throws: events queue in memory and go out in batches; when the audit service is down they
 * stay queued and are retried with exponential backoff (each carries a unique id, so a batch
 * that was stored but whose answer was lost is not stored twice). Over `https://` the audit
 * log's certificate is verified (NODE_EXTRA_CA_CERTS in a box container, or `ca`); a refused
 * certificate is logged once, as a DataboxError saying why, and its events wait like in an outage.
 */
import { randomUUID } from 'node:crypto';
import { describeError, type DataboxError } from '../../core/errors';
import { tlsRefusal } from '../../core/tls.errors';
import { fetchTrusting } from '../service/service.fetch';
import type { AuditEvent, AuditInput } from './audit.types';
import { MAX_BATCH } from './audit.validate';
import { openAuditSpool } from './audit.spool';

export interface AuditClientOptions {
  /** The service key the audit log accepts appends with. */
  key: string;
  /** Fills `source` on events that have none, e.g. `export-service`. */
  source?: string;
  /** Delay before a batch goes out, ms (default 50). */
  flushDelayMs?: number;
  /** Longest wait between retries, ms (default 5000). */
  maxBackoffMs?: number;
  /** Events kept while the audit log is unreachable (default 100000); beyond it the oldest are counted as dropped. */
  maxQueue?: number;
  /** A local SQLite file that keeps events until stored, so they survive a crash of this process. */
  spool?: string;
  /** The box CA (PEM) to verify an `https://` audit log against, instead of Node's trusted roots (with NODE_EXTRA_CA_CERTS). */
  ca?: string;
}

export interface AuditClient {
  record(event: AuditInput): void;
  /**
   * Like `record`, but the spool write joins those of the other events recorded in the same
   * turn of the event loop (one SQLite commit for all); resolves once the event is in the
   * spool (at once without a spool), rejects when the spool cannot be written. Await it
   * before acting on what the event records (the arbiter sends a token only after).
   */
  recordDurably(event: AuditInput): Promise<void>;
  /** Resolves once everything recorded so far is stored (or rejects after `timeoutMs`). */
  flush(timeoutMs?: number): Promise<void>;
  /** Events waiting to be stored. */
  pending(): number;
  /** Events dropped because the queue overflowed during a long outage. */
  dropped(): number;
  /** Flushes (bounded wait) and stops. */
  close(timeoutMs?: number): Promise<void>;
}

/**
 * @example
 * const audit = createAuditClient('http://127.0.0.1:7001', { key: serviceKey, source: 'arbiter' });
 * audit.record({ component: 'my-app', kind: 'token-mint', target: 'store-a', path: '/ts/x', method: 'GET' });
 */
export function createAuditClient(endpoint: string, options: AuditClientOptions): AuditClient {
  const url = new URL('/events', endpoint).toString();
  const fetchAudit = fetchTrusting(options.ca);
  let refusalLogged = false;
  const queue: AuditEvent[] = [];
  const maxQueue = options.maxQueue ?? 100_000;
  let dropped = 0;
  let timer: NodeJS.Timeout | undefined;
  let sending: Promise<void> | undefined;
  let backoff = 0;
  let closed = false;
  const waiters: (() => void)[] = [];
  const spool = options.spool ? openAuditSpool(options.spool) : undefined;
  if (spool) queue.push(...spool.load());
  let spoolGroup: { events: AuditEvent[]; done: Promise<void> } | undefined;
  const toEvent = (input: AuditInput): AuditEvent => {
    const event: AuditEvent = { ...input, id: input.id ?? randomUUID(), time: input.time ?? Date.now() };
    if (event.source === undefined && options.source !== undefined) event.source = options.source;
    return event;
  };
  const enqueue = (event: AuditEvent): void => {
    queue.push(event);
    if (queue.length > maxQueue) { queue.shift(); dropped++; }
    schedule(backoff || (options.flushDelayMs ?? 50));
  };
  /** Joins the spool write of this turn of the event loop (one transaction at setImmediate). */
  const spoolLater = (event: AuditEvent): Promise<void> => {
    if (!spoolGroup) {
      const events: AuditEvent[] = [];
      const done = new Promise<void>((resolve, reject) => setImmediate(() => {
        spoolGroup = undefined;
        try { spool?.addMany(events); resolve(); } catch (error) { reject(error); }
      }));
      spoolGroup = { events, done };
    }
    spoolGroup.events.push(event);
    return spoolGroup.done;
  };

  const schedule = (delay: number): void => {
    if (timer || closed || sending) return;
    timer = setTimeout(() => { timer = undefined; void sendBatch(); }, delay);
  };
  const sendBatch = async (): Promise<void> => {
    if (sending || queue.length === 0) return;
    const batch = queue.slice(0, MAX_BATCH);
    sending = post(fetchAudit, url, options.key, batch).then((answer) => {
      // A refused certificate is said once (not per retry), until a batch gets through again.
      if (typeof answer !== 'string' && !refusalLogged) console.error(`audit: ${describeError(answer)}; ${queue.length} event(s) wait until it is trusted`);
      refusalLogged = typeof answer !== 'string' || (refusalLogged && answer === 'retry');
      const outcome = typeof answer === 'string' ? answer : 'retry';
      if (outcome === 'stored' || outcome === 'refused') {
        queue.splice(0, batch.length);
        if (!closed) spool?.remove(batch.map((e) => e.id));
        backoff = 0;
        if (outcome === 'refused') console.error(`audit: the audit log refused ${batch.length} event(s) as invalid; they were dropped`);
      } else {
        backoff = Math.min(Math.max(backoff * 2, 100), options.maxBackoffMs ?? 5000);
      }
    });
    await sending;
    sending = undefined;
    if (queue.length === 0) waiters.splice(0).forEach((w) => w());
    else schedule(backoff);
  };

  if (queue.length > 0) schedule(0);

  return {
    record(input) {
      // After close nothing is sent or spooled: a late event (a component ending as the box
      // stops) must not throw at whoever reported it.
      if (closed) return;
      const event = toEvent(input);
      spool?.add(event);
      enqueue(event);
    },
    recordDurably(input) {
      const event = toEvent(input);
      if (!spool || closed) {
        enqueue(event);
        return Promise.resolve();
      }
      const written = spoolLater(event);
      enqueue(event);
      return written;
    },
    flush(timeoutMs = 10_000) {
      if (queue.length === 0 && !sending) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timeout = setTimeout(() => reject(new Error(`audit: ${queue.length} event(s) not stored after ${timeoutMs} ms`)), timeoutMs);
        waiters.push(() => { clearTimeout(timeout); resolve(); });
        if (timer) { clearTimeout(timer); timer = undefined; }
        void sendBatch();
      });
    },
    pending: () => queue.length,
    dropped: () => dropped,
    async close(timeoutMs = 2000) {
      try { await this.flush(timeoutMs); } catch (error) { console.error(error instanceof Error ? error.message : error); }
      closed = true;
      if (timer) clearTimeout(timer);
      spool?.close();
    },
  };
}

/** What became of a batch; a DataboxError when the audit log's certificate was refused (retried like an outage). */
async function post(fetchAudit: typeof fetch, url: string, key: string, events: AuditEvent[]): Promise<'stored' | 'refused' | 'retry' | DataboxError> {
  try {
    const response = await fetchAudit(url, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ events }), signal: AbortSignal.timeout(5000),
    });
    await response.arrayBuffer();
    if (response.ok) return 'stored';
    return response.status === 400 || response.status === 413 ? 'refused' : 'retry';
  } catch (error) {
    return tlsRefusal(error, 'the audit log', url) ?? 'retry';
  }
}
