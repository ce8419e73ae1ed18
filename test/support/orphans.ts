/**
 * For the tests that kill a parent outright (SIGKILL) and expect its children to stop by
 * themselves: start a `databox` command, wait for its ready line, list its children, wait for
 * them to go.
 */
import { execFile, spawn, type ChildProcessByStdio } from 'node:child_process';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '..', '..');
const run = promisify(execFile);

export const alive = (pid: number): boolean => {
  try { process.kill(pid, 0); return true; } catch { return false; }
};

/** `node cli/databox.js <args>` without the caller's DATABOX_ variables, resolved with its output once `ready` matches it. */
export function startDatabox(args: string[], ready: RegExp, env: Record<string, string> = {}): Promise<{ child: ChildProcessByStdio<null, Readable, Readable>; match: RegExpExecArray }> {
  return startAndWait(process.execPath, [path.join(ROOT, 'cli', 'databox.js'), ...args], ready, env);
}

/** A bash script of the repository (e.g. scripts/start.sh, which execs the bin), the same way. */
export function startScript(script: string, args: string[], ready: RegExp, env: Record<string, string> = {}): Promise<{ child: ChildProcessByStdio<null, Readable, Readable>; match: RegExpExecArray }> {
  return startAndWait('bash', [script, ...args], ready, env);
}

async function startAndWait(command: string, args: string[], ready: RegExp, env: Record<string, string>): Promise<{ child: ChildProcessByStdio<null, Readable, Readable>; match: RegExpExecArray }> {
  const clean = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DATABOX_'))), ...env };
  const child = spawn(command, args, { cwd: ROOT, env: clean, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = ready.exec(output);
      if (found) resolve(found);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${path.basename(args[0] ?? command)} ${args.slice(1).join(' ')} exited (${code}): ${output}`)));
  });
  return { child, match };
}

/** The process ids of `parent`'s children whose command line matches `pattern` (all, without one). */
export async function childrenOf(parent: number, pattern?: string): Promise<number[]> {
  const { stdout } = await run('pgrep', ['-P', String(parent), ...(pattern ? ['-f', pattern] : [])]).catch(() => ({ stdout: '' }));
  return stdout.trim().split('\n').map(Number).filter((pid) => pid > 0);
}

/** Waits up to `ms` for every one of `pids` to have exited; answers those still running. */
export async function stillRunning(pids: readonly number[], ms = 30_000): Promise<number[]> {
  for (let waited = 0; waited < ms && pids.some(alive); waited += 200) await new Promise((resolve) => setTimeout(resolve, 200));
  return pids.filter(alive);
}
