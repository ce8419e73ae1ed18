/**
 * Shared pieces of the store benchmarks: a store on a temporary directory with a token
 * minter, the load child (bench/store-load.child.ts) as a second process, autocannon as
 * another, and the one-line verdict against a target.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { mintToken } from '../box/tokens/token.mint';
import { createDataStore, type RunningDataStore, type DataStoreOptions } from '../box/datastore/datastore.server';

export const ROOT = resolve(__dirname, '..');

export interface BenchStore {
  store: RunningDataStore;
  dir: string;
  token(path: string, method: 'GET' | 'POST', observe?: boolean): string;
  close(): Promise<void>;
}

/** A store on a fresh temporary directory; removed at close. */
export async function benchStore(options: Partial<DataStoreOptions> = {}): Promise<BenchStore> {
  const dir = mkdtempSync(join(tmpdir(), 'databox-store-bench-'));
  const secret = randomBytes(24).toString('hex');
  const store = await createDataStore({ ...options, dataDir: dir, secret, name: 'bench-store', port: 0, host: '127.0.0.1' });
  return {
    store, dir,
    token: (path, method, observe = false) => mintToken({ secret, target: 'bench-store', path, method, component: 'bench', generation: 0, expiresAt: Date.now() + 3_600_000, ...(observe ? { observe: 'data' as const } : {}) }),
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs the load child with a config; resolves with its JSON result. */
export function load<T>(config: object): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    execFile(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/store-load.child.ts'), JSON.stringify(config)], { cwd: ROOT, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`load child failed: ${stderr || error.message}`));
      resolvePromise(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as T);
    });
  });
}

export interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}

/** Runs autocannon (as its own process) against a URL. */
export function autocannon(url: string, options: { method: string; body?: string; headers?: Record<string, string>; connections: number; seconds: number }): Promise<CannonResult> {
  const args = [join(ROOT, 'node_modules/autocannon/autocannon.js'), '--json', '-c', String(options.connections), '-d', String(options.seconds), '-m', options.method];
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push('-H', `${name}=${value}`);
  if (options.body !== undefined) args.push('-b', options.body);
  args.push(url);
  return new Promise((resolvePromise, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`autocannon failed: ${stderr || error.message}`));
      resolvePromise(JSON.parse(stdout) as CannonResult);
    });
  });
}

/** `name: figure (target): MET|MISSED`. */
export function verdict(name: string, figure: string, target: string, met: boolean): void {
  console.log(`${name.padEnd(44)} ${figure.padEnd(34)} target ${target.padEnd(14)} ${met ? 'MET' : 'MISSED'}`);
}

/**
 * The disk's fsync'd commit latency right now (ms, median of 200 one-row commits in WAL +
 * synchronous=FULL): what every FULL acknowledgement waits for at least once.
 */
export function commitLatencyMs(): number {
  const dir = mkdtempSync(join(tmpdir(), 'databox-fsync-'));
  try {
    const db = new Database(join(dir, 'probe.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (v INTEGER)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      insert.run(i);
      times.push(performance.now() - started);
    }
    db.close();
    return times.sort((a, b) => a - b)[100];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An integer from the environment, with a default. */
export function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}
