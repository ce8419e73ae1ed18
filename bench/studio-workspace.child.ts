/**
 * The studio of bench/studio-workspace.bench.ts, run as a process of its own as
 * `databox studio` runs (the benchmark's Playwright, which handles every Chromium event in the
 * process that launched it, would otherwise share the studio's event loop; plain Node-RED has
 * its own). Local-developer sign-in, process workspaces. Forked with an IPC channel:
 * `node --import tsx bench/studio-workspace.child.ts <data dir>` sends `{ url }` once it serves,
 * then answers each `{ n, op, ... }` with `{ n, value }` or `{ n, error }`:
 *   stop { developer }       stops that developer's workspace (studio.manager.stop)
 *   running { developer }    its workspace's pid, target and gate secret, or null
 *   ensure { login }         a developer of that login (studio.db.upsertDeveloper), their workspace started
 *   rss                      the studio's own VmRSS in MB
 *   close                    closes the studio (its workspaces with it) and exits
 */
import { readFileSync } from 'node:fs';
import type { Entry } from '../editor/workspaces/workspace.manager';
import { startStudio } from '../editor/server/studio.server';
import { ROOT } from '../test/support/studio.fixture';

export type StudioOp =
  | { op: 'stop'; developer: string }
  | { op: 'running'; developer: string }
  | { op: 'ensure'; login: string }
  | { op: 'rss' }
  | { op: 'close' };

export interface WorkspaceFacts {
  developer: string;
  pid: number;
  target: string;
  gateSecret: string;
}

const facts = (entry: Entry | undefined): WorkspaceFacts | null => (entry?.running.pid
  ? { developer: entry.developerId, pid: entry.running.pid, target: entry.running.target, gateSecret: entry.gateSecret }
  : null);

async function main(dataDir: string): Promise<void> {
  const studio = await startStudio({ dataDir, port: 0, host: '127.0.0.1', root: ROOT, log: () => undefined });
  const send = (message: object): void => { process.send?.(message); };
  const answer = async (request: StudioOp): Promise<unknown> => {
    switch (request.op) {
      case 'stop': await studio.manager.stop(request.developer); return null;
      case 'running': return facts(studio.manager.running(request.developer));
      case 'ensure': return facts(await studio.manager.ensure(studio.db.upsertDeveloper({ login: request.login, provider: 'local', name: request.login })));
      case 'rss': return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN) / 1024;
      case 'close': await studio.close(); setImmediate(() => process.exit(0)); return null;
    }
  };
  process.on('message', (message: StudioOp & { n: number }) => {
    answer(message).then(
      (value) => send({ n: message.n, value }),
      (error: unknown) => send({ n: message.n, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  process.on('disconnect', () => { void studio.close().finally(() => process.exit(0)); });
  send({ url: studio.url });
}

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('Usage: node --import tsx bench/studio-workspace.child.ts <data dir>   (forked by bench/studio-workspace.bench.ts)');
  process.exit(2);
}
main(dataDir).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
