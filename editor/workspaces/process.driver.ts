/**
 * Workspaces as child processes of the studio on 127.0.0.1 (`npm start`'s default, for one
 * developer on their own machine). Each is its own Node-RED, behind its gate secret, but a
 * flow's function code runs as the studio's user and can read the studio's files: the studio
 * says so at start and on its pages. Several developers need the docker driver.
 *
 * @example
 * const driver = processDriver({ root: repoRoot, dataDir, memoryMb: 256 });
 * const running = await driver.start({ developerId, config });
 */
import { STOP_WITH_PARENT } from '../../runtime/process/orphan.watch';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DataboxError } from '../../core/errors';
import type { RunningWorkspace, WorkspaceDriver, WorkspaceLaunch } from './workspace.types';

const READY = /^databox workspace ready on (http:\/\/[^/\s]+)\//;

export interface ProcessDriverOptions {
  /** The SDK holding dist/ (the compiled workspace program and nodes). */
  root: string;
  /** The studio's data folder: run/ (the workspaces' working folder, owner-only) and logs/. */
  dataDir: string;
  /** V8's heap limit for each workspace. */
  memoryMb: number;
  readyMs?: number;
}

export function processDriver(options: ProcessDriverOptions): WorkspaceDriver {
  const program = path.join(options.root, 'dist', 'editor', 'workspace', 'main.js');
  const runDir = path.join(options.dataDir, 'run');
  const logDir = path.join(options.dataDir, 'logs');
  return {
    kind: 'process',
    isolated: false,
    storageHost: '127.0.0.1',
    storageUrl: (port) => `http://127.0.0.1:${port}/internal/storage`,
    async logs(developerId, tail) {
      return lastLines(path.join(logDir, `${developerId}.log`), tail);
    },
    async start(launch: WorkspaceLaunch): Promise<RunningWorkspace> {
      if (!fs.existsSync(program)) throw new DataboxError('studio-dist-missing', `${program} is missing`, { status: 500, hint: 'Build the SDK first: npm run build' });
      fs.mkdirSync(runDir, { recursive: true, mode: 0o700 });
      fs.mkdirSync(logDir, { recursive: true, mode: 0o700 });
      const log = fs.createWriteStream(path.join(logDir, `${launch.developerId}.log`), { flags: 'a', mode: 0o600 });
      // Only what Node-RED needs: never the studio's environment (its GitHub secret, say).
      // Fewer malloc arenas and a small young generation: an idle editor keeps less resident (bench/studio-workspace).
      const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', NODE_ENV: 'production', TZ: process.env.TZ ?? 'UTC', HOME: runDir, MALLOC_ARENA_MAX: '2', [STOP_WITH_PARENT]: '1' };
      const child = spawn(process.execPath, [`--max-old-space-size=${options.memoryMb}`, '--max-semi-space-size=2', program, '--config', '-'], {
        cwd: runDir, env, stdio: ['pipe', 'pipe', 'pipe'],
      });
      // Its secrets go on stdin, then stdin closes: never in a file, its environment or arguments.
      child.stdin.end(JSON.stringify({ ...launch.config, host: '127.0.0.1', port: 0 }));
      let stopping = false;
      const tail: string[] = [];
      const ended = new Promise<{ crashed: boolean; detail: string }>((resolve) => {
        child.once('exit', (code, signal) => {
          log.end();
          resolve({ crashed: !stopping, detail: `exited with ${signal ?? `code ${code}`}` });
        });
      });
      const target = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(notReady(`did not start within ${(options.readyMs ?? 60_000) / 1000} s`, tail));
        }, options.readyMs ?? 60_000);
        let rest = '';
        const onData = (chunk: Buffer): void => {
          log.write(chunk);
          const lines = (rest + chunk.toString('utf8')).split('\n');
          rest = lines.pop() ?? '';
          for (const line of lines) {
            tail.push(line);
            if (tail.length > 20) tail.shift();
            const ready = READY.exec(line);
            if (ready?.[1]) {
              clearTimeout(timer);
              resolve(ready[1]);
            }
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        void ended.then(({ detail }) => {
          clearTimeout(timer);
          reject(notReady(detail, tail));
        });
      });
      return {
        target,
        ...(child.pid ? { pid: child.pid } : {}),
        ended,
        async stop() {
          if (child.exitCode !== null || child.signalCode !== null) return;
          stopping = true;
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await ended;
          clearTimeout(killer);
        },
      };
    },
  };
}

/** The last `tail` lines of a log file, read from its last 64 KB only. */
function lastLines(file: string, tail: number): string[] {
  let fd: number;
  try { fd = fs.openSync(file, 'r'); } catch { return []; }
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n').filter((l) => l !== '');
    return lines.slice(length < size ? 1 : 0).slice(-tail);
  } finally {
    fs.closeSync(fd);
  }
}

function notReady(detail: string, tail: string[]): DataboxError {
  return new DataboxError('workspace-start-failed', `the workspace ${detail}`, {
    status: 503, hint: `Its last output:\n${tail.slice(-8).join('\n') || '(none)'}`,
  });
}
