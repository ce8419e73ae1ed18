/**
 * A component's output, as both drivers keep it for `box logs`: every line appended to
 * `<dir>/<name>.log` (rotated to `.log.1` past `maxBytes`), the last lines read back, and new
 * lines pushed to followers until they stop.
 *
 * @example
 * const logs = componentLogs('/var/lib/databox/logs');
 * logs.append('host-load', 'databox: box mode, listening on ...');
 * for await (const line of logs.read('host-load', { tail: 50, follow: false })) console.log(line);
 */
import { EventEmitter, on } from 'node:events';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export interface ComponentLogs {
  append(name: string, line: string): void;
  read(name: string, options: { tail: number; follow: boolean; signal?: AbortSignal }): AsyncIterable<string>;
  /** Deletes the component's log files (with its data, on uninstall). */
  forget(name: string): void;
}

export function componentLogs(dir: string, maxBytes = 5 * 1024 * 1024): ComponentLogs {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const lines = new EventEmitter();
  lines.setMaxListeners(0);
  const file = (name: string): string => path.join(dir, `${name}.log`);
  return {
    append(name, line) {
      const target = file(name);
      try {
        if (existsSync(target) && statSync(target).size > maxBytes) renameSync(target, `${target}.1`);
        appendFileSync(target, `${line}\n`, { mode: 0o600 });
      } catch {
        // A full disk must not stop the component: the line still reaches followers.
      }
      lines.emit(name, line);
    },
    forget(name) {
      for (const target of [file(name), `${file(name)}.1`]) rmSync(target, { force: true });
    },
    async *read(name, options) {
      const target = file(name);
      const kept = existsSync(target) ? readFileSync(target, 'utf8').split('\n').filter((l) => l !== '') : [];
      yield* kept.slice(-Math.max(0, options.tail));
      if (!options.follow) return;
      try {
        for await (const [line] of on(lines, name, options.signal ? { signal: options.signal } : {})) yield String(line);
      } catch (error) {
        if (!(error instanceof Error && error.name === 'AbortError')) throw error;
      }
    },
  };
}
