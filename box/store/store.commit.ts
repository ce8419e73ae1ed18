/**
 * Group commit: writes that arrive in the same turn of the event loop share one transaction,
 * and each is acknowledged only after that transaction commits (with `synchronous = FULL`,
 * after the WAL is on disk). Each write runs in its own savepoint, so one failing write
 * refuses only itself. Under load this turns N fsyncs into one without delaying a lone write.
 */
import type Database from 'better-sqlite3';

export interface CommitQueue {
  /** Runs `work` in the next group transaction; resolves with its result once committed. */
  submit<T>(work: () => T): Promise<T>;
  /** Commits what is queued now (used at close). */
  flush(): void;
}

interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * @example
 * const queue = createCommitQueue(db);
 * await queue.submit(() => writer.writePoints(sid, points)); // durable now
 */
export function createCommitQueue(db: Database.Database): CommitQueue {
  let pending: Job[] = [];
  let scheduled = false;
  const savepoint = db.transaction((work: () => unknown) => work());
  const group = db.transaction((jobs: Job[], outcomes: { ok: boolean; value: unknown }[]) => {
    for (const job of jobs) {
      try {
        outcomes.push({ ok: true, value: savepoint(job.work) });
      } catch (error) {
        outcomes.push({ ok: false, value: error });
      }
    }
  });

  const flush = (): void => {
    scheduled = false;
    if (pending.length === 0) return;
    const jobs = pending;
    pending = [];
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      group(jobs, outcomes);
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    jobs.forEach((job, i) => (outcomes[i].ok ? job.resolve(outcomes[i].value) : job.reject(outcomes[i].value)));
  };

  return {
    submit<T>(work: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        pending.push({ work, resolve: (value) => resolve(value as T), reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    flush,
  };
}
