/**
 * Starts the test workspace (workspace.child.ts) in a child process with the compiled Databox
 * nodes and editor plugins (`npm run build` makes them: dist/nodes, dist/editor/plugins), and
 * waits for it to say it is ready. `stop()` ends it and waits for its exit. Its log is kept
 * for failure messages.
 *
 * @example
 * const ws = await startWorkspace({ flows: [{ id: 't1', type: 'tab', label: 'App' }], studioStub: true });
 * await page.goto(ws.url); // the editor at /workspace/
 * await ws.stop();
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { WorkspaceChildConfig } from './workspace.child';

const ROOT = path.resolve(__dirname, '..', '..', '..');
export const PLUGINS_DIR = path.join(ROOT, 'dist', 'editor', 'plugins');
export const NODES_DIR = path.join(ROOT, 'dist', 'nodes');

export interface TestWorkspace {
  /** The editor, e.g. http://127.0.0.1:<port>/workspace/ */
  url: string;
  /** The server's origin, for the studio's /studio/api. */
  origin: string;
  log(): string;
  stop(): Promise<void>;
}

export async function startWorkspace(options: { flows: Record<string, unknown>[]; studioStub?: boolean; timeoutMs?: number }): Promise<TestWorkspace> {
  for (const dir of [NODES_DIR, PLUGINS_DIR]) {
    if (!fs.existsSync(path.join(dir, 'package.json'))) throw new Error(`${dir} is not built: run \`npm run build\` first`);
  }
  const config: WorkspaceChildConfig = { nodesDirs: [NODES_DIR, PLUGINS_DIR], flows: options.flows, ...(options.studioStub ? { studioStub: true } : {}) };
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'workspace.child.ts'), JSON.stringify(config)], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the workspace was not ready within ${options.timeoutMs ?? 60_000} ms:\n${output}`)), options.timeoutMs ?? 60_000);
    const check = () => {
      const ready = /workspace ready (\S+)/.exec(output);
      if (ready?.[1]) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the workspace exited (${code}) before it was ready:\n${output}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    log: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
