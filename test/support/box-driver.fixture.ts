/**
 * A built-in driver on the real control plane (test/support/box-control.fixture.ts), set up as
 * the box does it: its own datastore `<driver>-store` (registered at the arbiter, following
 * revocations, recording to the audit log), the driver registered as a `driver` and granted
 * GET, POST and DELETE on `/*` of that store and `observe = data` on `/*`, its arbiter key in
 * a file, and `box/drivers/main.ts` started as a child process with the box's environment.
 *
 * @example
 * const driver = await startDriver(box, 'os-monitor', { DATABOX_INTERVAL_MS: '200' });
 * await driver.read('/ts/loadavg1/latest');
 * await driver.close();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createAuditClient } from '../../box/audit/audit.client';
import type { StoredAuditEvent } from '../../box/audit/audit.types';
import type { Registration } from '../../box/arbiter/arbiter.types';
import { createDataStore } from '../../box/datastore/datastore.server';
import { createRevocationClient } from '../../box/tokens/revocation.client';
import { SERVICE_KEY, type BoxControl } from './box-control.fixture';
import { eventually } from './eventually';

const ROOT = path.resolve(__dirname, '../..');

export interface DriverUnderTest {
  name: string;
  storeName: string;
  storeUrl: string;
  driver: Registration;
  /** The line the driver printed when it ran. */
  line: string;
  stdout: string[];
  stderr: string[];
  /** GET from the driver's store with a token of the driver's own; the answer's status and JSON. */
  read(p: string): Promise<{ status: number; json: unknown }>;
  /** The audit log, after this store's events are flushed. */
  events(query?: Record<string, string>): Promise<StoredAuditEvent[]>;
  /** Whether the driver process is still running. */
  alive(): boolean;
  /** SIGTERM; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Stops the driver (if running), then its store. */
  close(): Promise<void>;
}

export async function startDriver(box: BoxControl, name: string, env: Record<string, string> = {}): Promise<DriverUnderTest> {
  const storeName = `${name}-store`;
  const registered = await box.admin('POST', '/components', { name: storeName, type: 'store', endpoint: `http://${storeName}:8080` });
  if (registered.status !== 201) throw new Error(`registering ${storeName}: ${registered.status} ${await registered.text()}`);
  const storeReg = await registered.json() as Registration;
  const revocation = createRevocationClient(box.arbiterUrl, { key: storeReg.key });
  await revocation.ready();
  const audit = createAuditClient(box.auditUrl, { key: SERVICE_KEY, source: storeName, flushDelayMs: 10 });
  const store = await createDataStore({ name: storeName, dataDir: path.join(box.dir, storeName), secret: storeReg.secret ?? '', currentGeneration: revocation.currentGeneration, audit, port: 0 });

  const driver = await box.register(name, 'driver');
  for (const method of ['GET', 'POST', 'DELETE'] as const) await box.grant(name, { target: storeName, path: '/*', method });
  await box.grant(name, { target: storeName, path: '/*', method: 'GET', observe: 'data' });
  const keyFile = path.join(box.dir, `${name}.key`);
  writeFileSync(keyFile, `${driver.key}\n`, { mode: 0o600 });

  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'box/drivers/main.ts'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '',
      DATABOX_ARBITER_ENDPOINT: box.arbiterUrl, DATABOX_ARBITER_TOKEN_FILE: keyFile,
      DATABOX_STORE_ENDPOINT: store.url, DATABOX_STORE_NAME: storeName, DATABOX_LOCAL_NAME: name, ...env,
    },
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  let exit: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => { exit = code; resolve(code); }));
  const lines = (into: string[]) => (chunk: Buffer) => into.push(...chunk.toString().split('\n').filter((l) => l !== ''));
  child.stdout?.on('data', lines(stdout));
  child.stderr?.on('data', lines(stderr));

  const stop = async (): Promise<number | null> => {
    if (exit === undefined) child.kill('SIGTERM');
    return exited;
  };
  const closeStore = async () => {
    await store.close();
    await revocation.close();
    await audit.close();
  };
  try {
    await eventually(() => stdout.length > 0 || exit !== undefined, `${name} printed that it runs`, { timeoutMs: 30_000, seen: () => stderr });
    if (stdout.length === 0) throw new Error(`${name} exited with ${exit}: ${stderr.join('\n')}`);
  } catch (error) {
    await stop();
    await closeStore();
    throw error;
  }

  return {
    name, storeName, storeUrl: store.url, driver, line: stdout[0] ?? '', stdout, stderr,
    async read(p) {
      const token = await (await box.token(driver.key, { target: storeName, path: '/*', method: 'GET' })).text();
      const response = await fetch(`${store.url}${p}`, { headers: { 'x-api-key': token } });
      const text = await response.text();
      return { status: response.status, json: text === '' ? undefined : JSON.parse(text) };
    },
    async events(query = {}) {
      await audit.flush();
      return box.events(query);
    },
    alive: () => exit === undefined,
    stop,
    async close() {
      await stop();
      await closeStore();
    },
  };
}
