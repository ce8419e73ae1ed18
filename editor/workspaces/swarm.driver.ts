/**
 * Workspaces as Docker Swarm services, for a studio that runs as a service itself (deploy/):
 * Swarm schedules each developer's Node-RED on a node of the cluster, not a scheduler of ours.
 * One service per running workspace, one task, never restarted by Swarm (the manager restarts
 * it on the developer's next request, as with the other drivers), with memory, CPU and process
 * limits, a read-only root, no capabilities, as uid 1000, on the workspaces' **internal**
 * overlay network, which the studio shares: no route off the cluster, nor to any node.
 *
 * Its configuration (gate secret, storage token) is a Docker secret, a file in memory only its
 * task can read (`/run/secrets/...`), removed with the service: a service has no stdin, and the
 * secrets stay out of its spec, environment and command line. The studio reaches it at its
 * service name (DNS round robin, `dnsrr`: no virtual IP), it reaches the studio's storage API
 * at the studio's address on that network. Every object is labelled `io.databox.studio=<id>`.
 *
 * The overlay network lets workspaces address one another (Swarm has no inter-container switch
 * like the bridge driver's `enable_icc`): each workspace refuses every request without its own
 * gate secret, and keeps no flow of its own (decision 0025).
 *
 * @example
 * const driver = swarmDriver({ studioId: 'main', image: 'databox/studio-workspace:0.1.0', network: 'databox-workspaces', memoryMb: 256 });
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type Docker from 'dockerode';
import { DataboxError } from '../../core/errors';
import { dockerClient, ensureDocker, isNotFound } from '../../builder/image/docker.client';
import { demuxFrames } from '../../box/containers/docker/docker.logs';
import { STUDIO_LABEL, WORKSPACE_LABEL } from './docker.driver';
import { IMAGE_ROOT } from './workspace.image';
import { untilHealthy } from './workspace.health';
import type { RunningWorkspace, WorkspaceDriver, WorkspaceLaunch } from './workspace.types';

const PORT = 1880;
const CONFIG_FILE = 'workspace-config';
/** A Docker secret holds at most 500 KB. */
const SECRET_LIMIT = 500 * 1024;
/** Task states after which it never runs again (Swarm's task lifecycle). */
const ENDED_STATES = new Set(['complete', 'failed', 'shutdown', 'rejected', 'orphaned', 'remove']);

export interface SwarmDriverOptions {
  /** Labels this studio's services and secrets (several studios may share a cluster). */
  studioId: string;
  /** The workspace image (`databox/studio-workspace:<version>`), in a registry every node reaches. */
  image: string;
  /** The internal overlay network the studio's own container is on (the stack names it). */
  network: string;
  /** V8's heap limit; the task may use half as much again (buffers, code). */
  memoryMb: number;
  /** Where the SDK is in the studio's own image (nodesDirs are passed as they are under it). */
  root?: string;
  docker?: Docker;
  /** More labels on every object (tests mark theirs `io.databox.test=1`). */
  labels?: Record<string, string>;
  readyMs?: number;
}

export function swarmDriver(options: SwarmDriverOptions): WorkspaceDriver {
  const docker = options.docker ?? dockerClient();
  const labels = { ...options.labels, [STUDIO_LABEL]: options.studioId };
  let address = '';

  const byLabel = (developerId?: string): { label: string[] } => ({ label: [`${STUDIO_LABEL}=${options.studioId}`, ...(developerId ? [`${WORKSPACE_LABEL}=${developerId}`] : [])] });
  const removeService = async (id: string): Promise<void> => {
    await docker.getService(id).remove().catch((error: unknown) => { if (!isNotFound(error)) throw error; });
  };
  const removeSecret = async (id: string): Promise<void> => {
    // In use for a moment after its service went (the task is still shutting down): try again.
    for (let attempt = 0; ; attempt++) {
      try {
        await docker.getSecret(id).remove();
        return;
      } catch (error) {
        if (isNotFound(error)) return;
        if (attempt >= 50) throw error;
        await sleep(200);
      }
    }
  };
  const removeAll = async (developerId?: string): Promise<void> => {
    for (const service of await docker.listServices({ filters: byLabel(developerId) })) await removeService(service.ID);
    for (const secret of await docker.listSecrets({ filters: byLabel(developerId) }) as Array<{ ID: string }>) await removeSecret(secret.ID);
  };

  return {
    kind: 'swarm',
    isolated: true,
    get storageHost() { return address; },
    storageUrl: (port) => `http://${address}:${port}/internal/storage`,
    async prepare(progress) {
      await ensureDocker(docker);
      const info = await docker.info() as { Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean } };
      if (info.Swarm?.LocalNodeState !== 'active' || !info.Swarm.ControlAvailable) {
        throw new DataboxError('swarm-unavailable', 'the swarm driver needs a Swarm manager\'s Docker engine', { status: 500, hint: 'Run the studio on a manager node (deploy/stack.yml places it there), with its Docker socket mounted.' });
      }
      const network = await docker.getNetwork(options.network).inspect().catch((error: unknown) => {
        if (!isNotFound(error)) throw error;
        throw new DataboxError('swarm-network-missing', `there is no network ${options.network}`, { status: 500, hint: 'The stack creates it (deploy/stack.yml, networks.workspaces); set DATABOX_SWARM_NETWORK to its name.' });
      }) as Docker.NetworkInspectInfo;
      const subnet = network.IPAM?.Config?.[0]?.Subnet;
      address = subnet ? addressIn(subnet) ?? '' : '';
      if (!address) throw new DataboxError('swarm-network-unattached', `the studio has no address on ${options.network}`, { status: 500, hint: 'Attach the studio\'s service to that network (deploy/stack.yml does).' });
      // Services a crashed studio left behind hold no state: the flows are in the studio's database.
      await removeAll();
      progress(`swarm workspaces: image ${options.image}, network ${options.network} (studio at ${address})`);
    },
    async start(launch: WorkspaceLaunch): Promise<RunningWorkspace> {
      if (!address) throw new DataboxError('studio-driver-unprepared', 'the swarm driver was not prepared', { status: 500 });
      await removeAll(launch.developerId);
      const name = `databox-ws-${launch.developerId}-${randomBytes(3).toString('hex')}`.slice(0, 63);
      const root = options.root ?? IMAGE_ROOT;
      const nodesDirs = launch.config.nodesDirs.map((dir) => dir.startsWith(`${root}/`) ? `${IMAGE_ROOT}${dir.slice(root.length)}` : dir);
      const config = Buffer.from(JSON.stringify({ ...launch.config, nodesDirs, host: '0.0.0.0', port: PORT }));
      if (config.length > SECRET_LIMIT) {
        throw new DataboxError('workspace-config-too-large', `the workspace's configuration is ${Math.ceil(config.length / 1024)} KB, more than a Docker secret holds (500 KB)`, {
          status: 413, hint: 'Replay fewer uploaded readings (remove a CSV on the studio\'s home page): Swarm workspaces take theirs in a Docker secret.' });
      }
      const ownLabels = { ...labels, [WORKSPACE_LABEL]: launch.developerId };
      const secret = await docker.createSecret({ Name: name, Labels: ownLabels, Data: config.toString('base64') }) as { id: string };
      const memory = Math.round(options.memoryMb * 1.5) * 1024 * 1024;
      let serviceId = '';
      let stopping = false;
      try {
        const created = await docker.createService({
          Name: name,
          Labels: ownLabels,
          TaskTemplate: {
            ContainerSpec: {
              Image: options.image,
              Args: ['--config', `/run/secrets/${CONFIG_FILE}`],
              Env: [`NODE_OPTIONS=--max-old-space-size=${options.memoryMb} --max-semi-space-size=2`, 'MALLOC_ARENA_MAX=2', 'TZ=UTC'],
              Labels: ownLabels,
              User: '1000:1000',
              ReadOnly: true,
              Mounts: [{ Type: 'tmpfs', Target: '/tmp', TmpfsOptions: { SizeBytes: 64 * 1024 * 1024 } }],
              CapabilityDrop: ['ALL'],
              Secrets: [{ SecretID: secret.id, SecretName: name, File: { Name: CONFIG_FILE, UID: '1000', GID: '1000', Mode: 0o400 } }],
              StopGracePeriod: 10e9,
            },
            Resources: { Limits: { MemoryBytes: memory, NanoCPUs: 1e9, Pids: 256 } },
            RestartPolicy: { Condition: 'none' },
            Networks: [{ Target: options.network }],
          },
          Mode: { Replicated: { Replicas: 1 } },
          EndpointSpec: { Mode: 'dnsrr' },
        } as unknown as Docker.CreateServiceOptions) as { id: string };
        serviceId = created.id;
        const ended = taskEnded(docker, serviceId).then((detail) => ({ crashed: !stopping, detail }));
        const target = `http://${name}:${PORT}`;
        await waitHealthy(target, launch.config.gateSecret, options.readyMs ?? 120_000, ended);
        const cleanUp = async (): Promise<void> => {
          await removeService(serviceId);
          await removeSecret(secret.id);
        };
        return {
          target,
          ended: ended.then(async (end) => { await cleanUp(); return end; }),
          async stop() {
            stopping = true;
            await cleanUp();
            await ended;
          },
        };
      } catch (error) {
        stopping = true;
        if (serviceId) await removeService(serviceId);
        await removeSecret(secret.id);
        throw error;
      }
    },
    async logs(developerId, tail) {
      const [service] = await docker.listServices({ filters: byLabel(developerId) });
      if (!service) return [];
      try {
        return await serviceLogs(docker.getService(service.ID), tail);
      } catch {
        return [];
      }
    },
    async close() {
      await removeAll();
    },
  };
}

/** This machine's (the studio container's) address inside an IPv4 subnet, e.g. `10.0.5.0/24`. */
export function addressIn(subnet: string, interfaces = os.networkInterfaces()): string | undefined {
  const [base, bits] = subnet.split('/');
  const mask = bits === undefined ? -1 : Number(bits);
  if (!base || !Number.isInteger(mask) || mask < 0 || mask > 32) return undefined;
  const toInt = (ip: string): number => ip.split('.').reduce((n, part) => (n * 256) + Number(part), 0);
  const size = 2 ** (32 - mask);
  const start = toInt(base) - (toInt(base) % size);
  for (const list of Object.values(interfaces)) {
    for (const entry of list ?? []) {
      if (entry.family === 'IPv4' && !entry.internal && toInt(entry.address) >= start && toInt(entry.address) < start + size) return entry.address;
    }
  }
  return undefined;
}

/** Resolves, with what happened, when the service's task has ended or the service is gone. */
async function taskEnded(docker: Docker, serviceId: string): Promise<string> {
  for (;;) {
    await sleep(1000);
    let tasks: Array<{ DesiredState?: string; Status?: { State?: string; Err?: string; ContainerStatus?: { ExitCode?: number } } }>;
    try {
      await docker.getService(serviceId).inspect();
      tasks = await docker.listTasks({ filters: { service: [serviceId] } });
    } catch (error) {
      if (isNotFound(error)) return 'its service was removed';
      continue;
    }
    const task = tasks[0];
    const state = task?.Status?.State ?? '';
    if (task && ENDED_STATES.has(state)) {
      return `its task is ${state}${task.Status?.ContainerStatus?.ExitCode !== undefined ? ` (exit code ${task.Status.ContainerStatus.ExitCode})` : ''}${task.Status?.Err ? `: ${task.Status.Err}` : ''}`;
    }
  }
}

async function waitHealthy(target: string, secret: string, timeoutMs: number, ended: Promise<{ detail: string }>): Promise<void> {
  // Its name resolves once the task runs on the network.
  const gone = await untilHealthy(target, secret, timeoutMs, ended, 250);
  if (gone === true) return;
  throw new DataboxError('workspace-start-failed', `the workspace service ${gone ?? `did not become ready within ${timeoutMs / 1000} s`}`, {
    status: 503, hint: 'See `docker service ps` and `docker service logs` for databox-ws-* on a manager; the image must be in a registry every node reaches.' });
}

async function serviceLogs(service: Docker.Service, tail: number): Promise<string[]> {
  const output = await service.logs({ stdout: true, stderr: true, follow: false, tail }) as unknown;
  let bytes: Buffer;
  if (Buffer.isBuffer(output)) {
    bytes = output;
  } else {
    const chunks: Buffer[] = [];
    for await (const chunk of output as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
    bytes = Buffer.concat(chunks);
  }
  const { payloads } = demuxFrames(bytes);
  return Buffer.concat(payloads).toString('utf8').split('\n').filter((line) => line !== '').map((line) => line.replace(/\r$/, ''));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
