/**
 * The process driver: each component a child process of the box on loopback, for a laptop
 * without Docker. Same tokens, APIs and files as the docker driver, but no network isolation:
 * every component can reach every other and this machine (`isolated: false`, said at start
 * and in `box status`), and services talk plain HTTP on 127.0.0.1. Crashed components restart
 * with backoff; a crash loop stops them (supervisor.policy.ts). They are the box's children:
 * they stop when it stops.
 *
 * @example
 * const driver = processDriver({ dataDir: '/var/lib/databox', root: repoRoot, ports });
 * await driver.start(plan, console.log);
 */
import { STOP_WITH_PARENT } from '../../../runtime/process/orphan.watch';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { DataboxError } from '../../../core/errors';
import { componentLogs } from '../component.logs';
import type { BoxService, ComponentEvent, ComponentPlan, ComponentStatus, ContainerDriver, Placement } from '../containers.types';
import { crashPolicy } from '../supervisor.policy';
import { waitReady } from './process.ready';

export interface PortBook {
  port(name: string): number | undefined;
  setPort(name: string, port: number): void;
  forgetPort(name: string): void;
}

export interface ProcessDriverOptions {
  /** The box's data folder: components' secrets, data and logs live under it. */
  dataDir: string;
  /** The SDK checkout or installation holding dist/ (compiled box, drivers and runtime). */
  root: string;
  /** Where each component's port is kept, so a restart keeps its address. */
  ports: PortBook;
  /** How long a component has to become ready (default 60 s). */
  readyMs?: number;
}

interface Child {
  plan: ComponentPlan;
  process?: ChildProcess;
  status: ComponentStatus;
  /** Set when the box stops it: its exit is then no crash. */
  stopping: boolean;
  restart?: NodeJS.Timeout;
}

export function processDriver(options: ProcessDriverOptions): ContainerDriver & { reserve(names: readonly string[]): Promise<void> } {
  const children = new Map<string, Child>();
  const listeners: ((event: ComponentEvent) => void)[] = [];
  const logs = componentLogs(path.join(options.dataDir, 'logs'));
  const policy = crashPolicy();
  const emit = (event: ComponentEvent): void => { for (const listener of listeners) listener(event); };
  const componentDir = (name: string): string => path.join(options.dataDir, 'components', name);
  const snapshotDir = (name: string): string => path.join(componentDir(name), 'data.previous');
  const portOf = (name: string): number => {
    const port = options.ports.port(name);
    if (port === undefined) throw new DataboxError('box-port-missing', `no port was reserved for ${name}`, { status: 500, hint: 'The box reserves ports before it plans components; this is a bug in the box.' });
    return port;
  };
  const placement: Placement = {
    listen: (name) => ({ host: '127.0.0.1', port: portOf(name) }),
    endpoint: (name) => `http://127.0.0.1:${portOf(name)}`,
    secretPath: (name, secret) => path.join(componentDir(name), 'secrets', secret),
    dataDir: (name) => path.join(componentDir(name), 'data'),
  };

  const command = (plan: ComponentPlan): string[] => {
    const dist = path.join(options.root, 'dist');
    const heap = `--max-old-space-size=${Math.max(32, Math.floor(plan.limits.memoryMb * 0.75))}`;
    switch (plan.program.kind) {
      case 'box-service': return [heap, path.join(dist, 'box', 'cli', 'box.service.js'), serviceCommand(plan.program.service), ...plan.program.args];
      case 'driver': return [heap, path.join(dist, 'box', 'drivers', 'main.js'), plan.program.driver];
      case 'app': {
        const { host, port } = placement.listen(plan.name);
        return [heap, path.join(dist, 'runtime', 'launcher', 'main.js'), '--flows', path.join(plan.program.bundleDir, 'flows.json'), '--host', host, '--port', String(port), '--nodes', path.join(dist, 'nodes')];
      }
    }
  };

  const launch = (child: Child): void => {
    const { plan } = child;
    const args = command(plan);
    if (!existsSync(args[1] ?? '')) {
      throw new DataboxError('box-dist-missing', `${args[1]} is missing`, { status: 500, hint: 'Build the SDK first: npm run build' });
    }
    mkdirSync(placement.dataDir(plan.name), { recursive: true, mode: 0o700 });
    // Only what the component needs: never the box's own environment (its password, say).
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', NODE_ENV: 'production', TZ: process.env.TZ ?? 'UTC', ...plan.env, [STOP_WITH_PARENT]: '1' };
    const proc = spawn(process.execPath, args, { cwd: placement.dataDir(plan.name), env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.process = proc;
    child.status = 'starting';
    child.stopping = false;
    const forward = (stream: NodeJS.ReadableStream | null): void => {
      let rest = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        const parts = (rest + chunk).split('\n');
        rest = parts.pop() ?? '';
        for (const line of parts) logs.append(plan.name, line);
      });
    };
    forward(proc.stdout);
    forward(proc.stderr);
    proc.once('exit', (code, signal) => {
      child.process = undefined;
      if (child.stopping) {
        child.status = 'stopped';
        emit({ name: plan.name, kind: 'stopped', detail: 'stopped by the box' });
        return;
      }
      const decision = policy.crashed(plan.name, Date.now());
      const detail = `exited with ${signal ?? `code ${code}`} (${decision.crashes} crash${decision.crashes === 1 ? '' : 'es'} in the last minute)`;
      logs.append(plan.name, `databox box: ${plan.name} ${detail}`);
      if (decision.action === 'stop') {
        child.status = 'crash-loop';
        emit({ name: plan.name, kind: 'crash-loop', detail: `${detail}: stopped; start it again when it is fixed` });
        return;
      }
      child.status = 'restarting';
      emit({ name: plan.name, kind: 'crashed', detail: `${detail}; restarting in ${decision.delayMs} ms` });
      child.restart = setTimeout(() => {
        child.restart = undefined;
        try {
          launch(child);
          waitReady(plan, placement.endpoint(plan.name), logs, options.readyMs ?? 60_000).then(() => {
            if (child.process && child.status === 'starting') child.status = 'running';
            emit({ name: plan.name, kind: 'restarted', detail: 'running again' });
          }, () => undefined);
        } catch (error) {
          child.status = 'crashed';
          emit({ name: plan.name, kind: 'crashed', detail: error instanceof Error ? error.message : String(error) });
        }
      }, decision.delayMs);
    });
  };

  const stopChild = async (child: Child): Promise<void> => {
    if (child.restart) clearTimeout(child.restart);
    child.restart = undefined;
    const proc = child.process;
    if (!proc) {
      child.status = 'stopped';
      return;
    }
    child.stopping = true;
    // 'close', not 'exit': its last output lines are in its log before anything (forget) follows.
    const exited = new Promise<void>((resolve) => proc.once('close', () => resolve()));
    proc.kill('SIGTERM');
    const killer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  };

  return {
    kind: 'process',
    isolated: false,
    tls: false,
    placement,
    async reserve(names) {
      for (const name of names) if (options.ports.port(name) === undefined) options.ports.setPort(name, await freePort());
    },
    async prepare(progress) {
      progress('process driver: components run as child processes on 127.0.0.1, with no network isolation between them or from this machine');
    },
    async prepareApp() {
      return undefined;
    },
    async start(plan, progress) {
      const existing = children.get(plan.name);
      if (existing) await stopChild(existing);
      policy.reset(plan.name);
      const child: Child = { plan, status: 'starting', stopping: false };
      children.set(plan.name, child);
      progress(`${plan.name}: starting`);
      launch(child);
      try {
        await waitReady(plan, placement.endpoint(plan.name), logs, options.readyMs ?? 60_000, () => child.status === 'crash-loop');
      } catch (error) {
        await stopChild(child);
        child.status = 'crashed';
        throw error;
      }
      child.status = 'running';
      emit({ name: plan.name, kind: 'started', detail: `listening on ${placement.endpoint(plan.name)}` });
      progress(`${plan.name}: running`);
    },
    async stop(name) {
      const child = children.get(name);
      if (child) await stopChild(child);
    },
    async snapshotData(name) {
      rmSync(snapshotDir(name), { recursive: true, force: true });
      if (existsSync(placement.dataDir(name))) cpSync(placement.dataDir(name), snapshotDir(name), { recursive: true, preserveTimestamps: true });
      else mkdirSync(snapshotDir(name), { recursive: true, mode: 0o700 });
    },
    async restoreData(name) {
      if (!existsSync(snapshotDir(name))) return false;
      rmSync(placement.dataDir(name), { recursive: true, force: true });
      cpSync(snapshotDir(name), placement.dataDir(name), { recursive: true, preserveTimestamps: true });
      return true;
    },
    async dropSnapshot(name) {
      rmSync(snapshotDir(name), { recursive: true, force: true });
    },
    async remove(name, { deleteData }) {
      rmSync(snapshotDir(name), { recursive: true, force: true });
      const child = children.get(name);
      if (child) await stopChild(child);
      children.delete(name);
      policy.reset(name);
      // A removed component's port goes back; its log goes with its data (kept, it tells what happened).
      options.ports.forgetPort(name);
      if (deleteData) {
        rmSync(placement.dataDir(name), { recursive: true, force: true });
        logs.forget(name);
      }
    },
    async hasData(name) {
      return existsSync(placement.dataDir(name));
    },
    async status(name) {
      return children.get(name)?.status ?? 'missing';
    },
    logs: (name, opts) => logs.read(name, opts),
    async boxUrl(name) {
      return placement.endpoint(name);
    },
    onEvent(listener) {
      listeners.push(listener);
    },
    async close() {
      await Promise.all([...children.values()].map(stopChild));
    },
  };
}

/** The `databox box` sub-command that runs a service. */
export function serviceCommand(service: BoxService): string {
  return service === 'audit' ? 'audit-log' : service;
}

/** A port nothing listens on now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
