/**
 * A sampling loop that outlives its failures: runs `task` now and then every `intervalMs`
 * (never two at once; a slow sample delays the next rather than piling up). A failure is
 * logged once, not on every sample while it lasts, and its end is logged too.
 *
 * @example
 * const loop = every(5000, () => sampleAndWrite(), { log: console.error, what: 'writing a sample' });
 * await loop.stop();
 */
import { describeError, isDataboxError } from '../../core/errors';

export interface Loop {
  /** Resolves once the sample in flight (if any) is done; no other starts. */
  stop(): Promise<void>;
}

export function every(intervalMs: number, task: () => Promise<void>, report: { log(line: string): void; what: string }): Loop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let failing: string | undefined;
  const run = (): void => {
    const started = Date.now();
    running = task().then(() => {
      if (failing !== undefined) report.log(`${report.what} works again`);
      failing = undefined;
    }, (error: unknown) => {
      const line = isDataboxError(error) ? describeError(error) : error instanceof Error ? error.message : String(error);
      if (line !== failing) report.log(`${report.what} failed (retrying every ${intervalMs} ms): ${line}`);
      failing = line;
    }).then(() => {
      if (!stopped) timer = setTimeout(run, Math.max(0, started + intervalMs - Date.now()));
    });
  };
  run();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
