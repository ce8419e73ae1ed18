/**
 * The studio, an app store and a personal box on one machine, introduced to each other: the
 * box knows the store, and the studio publishes to it (with GitHub sign-in, as each developer;
 * without, as the local developer with a store token kept in the studio's folder). Started
 * store first (the others point at it), stopped in reverse; a part that fails to start stops
 * the ones already running.
 *
 * @example
 * const stack = await startStack({ dataDir: './databox-data', host: '127.0.0.1', ports: { studio: 0, store: 0, box: 0 }, driver: 'process', root, log });
 * console.log(stack.studio.url, stack.store.url, stack.box.url); await stack.close();
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listenFailure } from '../core/cli';
import { DataboxError } from '../core/errors';
import { startBox, type RunningBox } from '../box/daemon/box.daemon';
import type { GithubApp } from '../editor/auth/studio.auth';
import { startStudio, type RunningStudio } from '../editor/server/studio.server';
import { hashToken, newApiToken } from '../store-app/auth/api-token';
import type { AppStoreRepository } from '../store-app/storage/repository.types';
import { startAppStore, type RunningAppStore } from '../store-app/server/app-store.server';

export interface StackOptions {
  dataDir: string;
  host: string;
  ports: { studio: number; store: number; box: number };
  driver: 'docker' | 'process';
  /** The SDK holding dist/ (the studio's workspaces, the box's process driver). */
  root: string;
  github?: GithubApp;
  /** The owner password on the box's first start. */
  password?: string;
  /** Docker driver: more labels on everything the box makes on the engine. */
  dockerLabels?: Record<string, string>;
  log: (line: string) => void;
}

export interface RunningStack {
  studio: RunningStudio;
  store: RunningAppStore;
  box: RunningBox;
  close(): Promise<void>;
}

/** The login a studio without GitHub signs its one developer in as (editor/auth/studio.auth.ts). */
const LOCAL_DEVELOPER = 'local';

export async function startStack(options: StackOptions): Promise<RunningStack> {
  const dir = (part: string) => {
    const folder = path.join(path.resolve(options.dataDir), part);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    return folder;
  };
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const stop of closers.splice(0).reverse()) await stop().catch((error: unknown) => options.log(`stopping: ${error instanceof Error ? error.message : String(error)}`));
  };
  try {
    const store = await startAppStore({ dataDir: dir('store'), port: options.ports.store, host: options.host }).catch(whosePort('store-port'));
    closers.push(() => store.close());
    const storeToken = options.github ? undefined : await localStoreToken(store.context.repo, path.join(dir('studio'), 'store.token'));
    // The store's URL changes with its port: the box forgets the one an earlier start introduced.
    const introduced = path.join(dir('box'), 'stack-store-url');
    const previous = existsSync(introduced) ? [readFileSync(introduced, 'utf8').trim()] : [];
    const box = await startBox({
      dataDir: dir('box'), port: options.ports.box, host: options.host, driver: options.driver, stores: [store.url], forgetStores: previous,
      ...(options.password ? { password: options.password } : {}), ...(options.dockerLabels ? { dockerLabels: options.dockerLabels } : {}),
    }, (line) => options.log(`box: ${line}`)).catch(whosePort('box-port'));
    closers.push(() => box.close());
    writeFileSync(introduced, `${new URL(store.url).origin}\n`);
    const studio = await startStudio({
      dataDir: dir('studio'), port: options.ports.studio, host: options.host, root: options.root, storeUrl: store.url,
      ...(options.github ? { github: options.github } : {}), ...(storeToken ? { storeToken } : {}),
      log: options.log,
    }).catch(whosePort('studio-port'));
    closers.push(() => studio.close());
    return { studio, store, box, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A port in use is said with the flag of the part that wanted it. */
function whosePort(flag: 'store-port' | 'box-port' | 'studio-port'): (error: unknown) => never {
  return (error) => {
    const known = error instanceof DataboxError ? error : listenFailure(error);
    if (known?.code === 'port-in-use') throw new DataboxError('port-in-use', known.message, { hint: `Stop that program, or give another --${flag} (0 lets the OS pick a free one)`, cause: error });
    throw error;
  };
}

/**
 * The local developer's store API token: the one kept in `file` while the store still knows
 * it, else a new one (only its hash goes in the store; the file is the owner's only).
 */
export async function localStoreToken(repo: AppStoreRepository, file: string): Promise<string> {
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (await repo.findApiToken(hashToken(kept)) === LOCAL_DEVELOPER) return kept;
  }
  const issued = newApiToken();
  await repo.saveApiToken(issued.hash, LOCAL_DEVELOPER);
  writeFileSync(file, `${issued.token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return issued.token;
}
