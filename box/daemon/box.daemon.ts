/**
 * A box, started with one call: its database and keys, the owner's password (made up and
 * shown once on the first start, or DATABOX_PASSWORD), the container driver, the box's own
 * services, every installed driver and app brought back, and its web server. Crashes and crash
 * loops of any component go to the audit log. `close()` stops the server and (process driver)
 * every component; data stays.
 *
 * @example
 * const box = await startBox({ dataDir: '/var/lib/databox', port: 8080, host: '127.0.0.1', driver: 'process', stores: [] }, console.log);
 * console.log(box.url, box.generatedPassword);
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { RUNTIME_VERSION } from '../../builder/compile/runtime-version';
import { createAuditClient } from '../audit/audit.client';
import type { ContainerDriver, Progress } from '../containers/containers.types';
import { processDriver } from '../containers/process/process.driver';
import { openBoxDb, type BoxDb } from '../state/box.db';
import { dockerDriver } from '../containers/docker/docker.driver';
import { DataboxError } from '../../core/errors';
import { serveBox } from '../api/box.app';
import { checkChosenPassword, generatePassword, hashPassword } from '../api/owner.password';
import { arbiterAdmin } from './arbiter.admin';
import { bootComponents } from './box.boot';
import { startCoreServices } from './box.core';
import { ARBITER, AUDIT, boxLayout } from './box.layout';
import type { BoxRuntime } from './box.runtime';
import { ensureBoxKeys } from './box.secrets';
import { sdkRoot } from '../../core/sdk-root';

export interface BoxOptions {
  dataDir: string;
  port: number;
  host: string;
  driver: 'docker' | 'process';
  /** App stores to add (kept in the box's database). */
  stores: string[];
  /** Stores this caller added on an earlier start and no longer runs (`databox up` on a new port): removed unless in `stores`. */
  forgetStores?: string[];
  /** The owner password, on the first start (DATABOX_PASSWORD). */
  password?: string;
  /** The SDK holding dist/ (default: this checkout). */
  root?: string;
  /** Docker driver: more labels for everything the box makes on the engine. */
  dockerLabels?: Record<string, string>;
}

export interface RunningBox {
  url: string;
  driver: ContainerDriver['kind'];
  isolated: boolean;
  /** The password the box made up on its first start: shown once, never stored in clear. */
  generatedPassword?: string;
  runtime: BoxRuntime;
  close(): Promise<void>;
}

const ROOT = sdkRoot(__dirname, 2);

export async function startBox(options: BoxOptions, progress: Progress): Promise<RunningBox> {
  const layout = boxLayout(path.resolve(options.dataDir));
  mkdirSync(layout.root, { recursive: true, mode: 0o700 });
  const db = openBoxDb(layout.db);
  const closers: (() => Promise<void> | void)[] = [() => db.close()];
  let closing = false;
  const closeAll = async () => {
    closing = true;
    for (const close of closers.splice(0).reverse()) await close();
  };
  try {
    let generatedPassword: string | undefined;
    if (!db.meta('owner-password')) {
      const password = options.password ? checkChosenPassword(options.password) : (generatedPassword = generatePassword());
      db.setMeta('owner-password', hashPassword(password));
    }
    const adding = options.stores.map((store) => new URL(store).origin);
    for (const old of options.forgetStores ?? []) if (!adding.includes(old)) db.removeStore(old);
    for (const store of adding) db.addStore(store);
    const driver = createDriver(options, layout.root, db);
    closers.push(() => driver.close());
    const keys = ensureBoxKeys(layout);
    const rt: BoxRuntime = {
      layout, db, driver, keys, plan: { placement: driver.placement, tls: driver.tls },
      ...(driver.secretOwner ? { secretOwner: driver.secretOwner } : {}),
      admin: arbiterAdmin(() => driver.boxUrl(ARBITER), keys.adminKey),
    };
    await driver.prepare(progress);
    await startCoreServices(rt, progress);
    const audit = createAuditClient(await driver.boxUrl(AUDIT), { key: keys.auditServiceKey, source: 'box', spool: path.join(layout.root, 'audit-spool.db') });
    rt.audit = audit;
    closers.push(() => audit.close());
    driver.onEvent((event) => {
      // While the box stops, components end in any order (and the audit spool is closed first):
      // nothing then is a crash to report.
      if (closing || event.kind === 'started' || event.kind === 'stopped') return;
      audit.record({ component: event.name, kind: `component-${event.kind}`, detail: event.detail.slice(0, 500) });
      progress(`${event.name}: ${event.kind}: ${event.detail}`);
    });
    await bootComponents(rt, progress);
    const server = await serveBox({ rt, version: RUNTIME_VERSION, installing: new Set() }, { port: options.port, host: options.host });
    closers.push(() => server.close());
    return {
      url: server.url, driver: driver.kind, isolated: driver.isolated, runtime: rt,
      ...(generatedPassword ? { generatedPassword } : {}), close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

function createDriver(options: BoxOptions, dataDir: string, db: BoxDb): BoxRuntime['driver'] {
  const recorded = db.meta('driver');
  if (recorded && recorded !== options.driver) {
    throw new DataboxError('box-driver-changed', `this box runs its components with the ${recorded} driver; its data (${recorded === 'docker' ? 'Docker volumes' : 'folders under its data folder'}) is not where the ${options.driver} driver looks`, {
      hint: `Start it with --driver ${recorded}, or start a new box in another --data folder.`,
    });
  }
  db.setMeta('driver', options.driver);
  if (options.driver === 'process') return processDriver({ dataDir, root: options.root ?? ROOT, ports: db });
  let boxId = db.meta('box-id');
  if (!boxId) db.setMeta('box-id', boxId = randomBytes(4).toString('hex'));
  return dockerDriver({ dataDir, boxId, pkiDir: path.join(dataDir, 'pki'), ...(options.dockerLabels ? { labels: options.dockerLabels } : {}) });
}
