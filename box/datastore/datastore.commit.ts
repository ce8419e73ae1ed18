/**
 * Group commit: writes that arrive in the same turn of the event loop share one transaction,
 * and each is acknowledged only after that transaction commits (with `synchronous = FULL`,
 * after the WAL is on disk). Under load this turns N fsyncs into one without delaying a lone
 * write. When the last group had 4 or more writers and its commit took a while (an fsync), the
 * next group waits 1 ms for them to join (the idea of PostgreSQL's `commit_delay`): closed-loop
 * writers then share fsyncs instead of queueing behind them one by one. Every write is validated before it is queued, so a write that throws here is a fault
 * of the store (a full disk), not of the request: the whole group is rolled back and refused.
 * `beforeCommit` runs last inside each group transaction (the writer folds its summaries
 * there); `abort` runs when a group is rolled back (the writer drops them).
 */
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';

export interface CommitQueue {
  /** Runs `work` in the next group transaction; resolves with its result once committed. */
  submit<T>(work: () => T): Promise<T>;
  /** Commits what is queued now (used at close). */
  flush(): void;
}

export interface CommitHooks {
  beforeCommit(): void;
  abort(): void;
}

interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const NO_HOOKS: CommitHooks = { beforeCommit: () => undefined, abort: () => undefined };

/**
 * @example
 * const queue = createCommitQueue(db, { beforeCommit: () => writer.flushSummaries(), abort: () => writer.dropSummaries() });
 * await queue.submit(() => writer.writePoints(sid, points)); // durable now
 */
export function createCommitQueue(db: Database.Database, hooks: CommitHooks = NO_HOOKS): CommitQueue {
  let pending: Job[] = [];
  let scheduled = false;
  let lastGroup = 0;
  let lastCommitMs = 0;
  const group = db.transaction((jobs: Job[]): unknown[] => {
    const results = jobs.map((job) => job.work());
    hooks.beforeCommit();
    return results;
  });

  const flush = (): void => {
    scheduled = false;
    if (pending.length === 0) return;
    const jobs = pending;
    pending = [];
    let results: unknown[];
    const started = performance.now();
    lastGroup = jobs.length;
    try {
      results = group(jobs);
      lastCommitMs = performance.now() - started;
    } catch (error) {
      hooks.abort();
      for (const job of jobs) job.reject(error);
      return;
    }
    jobs.forEach((job, i) => job.resolve(results[i]));
  };

  return {
    submit<T>(work: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        pending.push({ work, resolve: (value) => resolve(value as T), reject });
        if (!scheduled) {
          scheduled = true;
          // Many concurrent writers last time: give them 1 ms to join this group (a lone or
          // occasional writer, e.g. a sensor feeding observers, is never delayed).
          if (lastGroup >= 4 && lastCommitMs > 0.2) setTimeout(flush, 1);
          else setImmediate(flush);
        }
      });
    },
    flush,
  };
}
