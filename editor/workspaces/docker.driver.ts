/**
 * Workspaces as containers (dockerode), for a studio several developers share. Each is its
 * own container of `databox/studio-workspace`, as uid 1000 with a read-only root, no
 * capabilities, memory, CPU and process limits, on the studio's **internal** network (no route
 * off the machine) with inter-container traffic off: a flow's code in one workspace reaches
 * neither another workspace nor anything outside, and holds no file of the studio (no
 * database, no key, no other developer's flows). It reaches only the studio's storage API, at
 * the network's gateway address, with its own token; the host firewall drops anything else
 * it sends to this machine (box/containers/docker/host.firewall.ts). Every object is labelled
 * `io.databox.studio=<id>` and found by label.
 *
 * @example
 * const driver = dockerDriver({ studioId: 'main', root, memoryMb: 256 });
 * await driver.prepare(console.log);
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type Docker from 'dockerode';
import { DataboxError } from '../../core/errors';
import { dockerClient, ensureDocker, isNotFound } from '../../builder/image/docker.client';
import { dockerLogs } from '../../box/containers/docker/docker.logs';
import { bridgeOf } from '../../box/containers/docker/docker.networks';
import { hostFirewall, type HostFirewall } from '../../box/containers/docker/host.firewall';
import { IMAGE_ROOT, buildWorkspaceImage } from './workspace.image';
import { untilHealthy } from './workspace.health';
import type { RunningWorkspace, WorkspaceDriver, WorkspaceLaunch } from './workspace.types';

export const STUDIO_LABEL = 'io.databox.studio';
export const WORKSPACE_LABEL = 'io.databox.workspace';
const PORT = 1880;

export interface DockerDriverOptions {
  /** Names this studio's network and labels its objects (several studios may share an engine). */
  studioId: string;
  /** The SDK holding dist/ and node_modules/ (the image is staged from it). */
  root: string;
  /** V8's heap limit; the container may use half as much again (buffers, code). */
  memoryMb: number;
  docker?: Docker;
  /** More labels on every object (tests mark theirs `io.databox.test=1`). */
  labels?: Record<string, string>;
  firewall?: HostFirewall;
  readyMs?: number;
}

export function dockerDriver(options: DockerDriverOptions): WorkspaceDriver {
  const docker = options.docker ?? dockerClient();
  const network = `databox-studio-${options.studioId}`;
  const labels = { ...options.labels, [STUDIO_LABEL]: options.studioId };
  const firewall = options.firewall ?? hostFirewall();
  let image = '';
  let gateway = '';
  let bridge = '';
  let guarded: number | undefined;

  const containersOf = async (developerId?: string): Promise<Docker.ContainerInfo[]> => docker.listContainers({
    all: true, filters: { label: [`${STUDIO_LABEL}=${options.studioId}`, ...(developerId ? [`${WORKSPACE_LABEL}=${developerId}`] : [])] },
  });
  const remove = async (id: string): Promise<void> => {
    await docker.getContainer(id).remove({ force: true }).catch((error: unknown) => {
      // Gone already, or on its way out (its end and a stop both remove it).
      if (!isNotFound(error) && (error as { statusCode?: number }).statusCode !== 409) throw error;
    });
  };

  return {
    kind: 'docker',
    isolated: true,
    get storageHost() { return gateway; },
    storageUrl: (port) => `http://${gateway}:${port}/internal/storage`,
    async prepare(progress) {
      await ensureDocker(docker);
      const built = await buildWorkspaceImage({ docker, root: options.root, onProgress: (line) => { if (!/^\s/.test(line)) progress(line); } });
      image = built.tag;
      const found = await docker.listNetworks({ filters: { label: [`${STUDIO_LABEL}=${options.studioId}`], name: [network] } });
      const existing = found.find((n) => n.Name === network);
      const info = existing ? await docker.getNetwork(existing.Id).inspect() as Docker.NetworkInspectInfo : await docker.createNetwork({
        Name: network, Driver: 'bridge', Internal: true, CheckDuplicate: true, Labels: labels,
        // Workspaces on this bridge cannot reach one another, only the studio at the gateway.
        Options: { 'com.docker.network.bridge.enable_icc': 'false' },
      }).then((n) => n.inspect() as Promise<Docker.NetworkInspectInfo>);
      gateway = info.IPAM?.Config?.[0]?.Gateway ?? '';
      bridge = bridgeOf(info);
      if (!gateway) throw new DataboxError('studio-network-failed', `the network ${network} has no gateway address`, { status: 500 });
      // Containers a crashed studio left behind hold no state: the flows are in the studio's database.
      for (const stale of await containersOf()) await remove(stale.Id);
      progress(`docker workspaces: image ${image}, internal network ${network} (studio at ${gateway})`);
    },
    async guard(storagePort) {
      // Docker puts this machine on the bridge (the gateway): without this, a flow's code could
      // reach any service here that listens on all addresses.
      await firewall.isolate(bridge, storagePort);
      guarded = storagePort;
    },
    async start(launch: WorkspaceLaunch): Promise<RunningWorkspace> {
      if (!image) throw new DataboxError('studio-driver-unprepared', 'the docker driver was not prepared', { status: 500 });
      for (const stale of await containersOf(launch.developerId)) await remove(stale.Id);
      const nodesDirs = launch.config.nodesDirs.map((dir) => path.posix.join(IMAGE_ROOT, path.relative(options.root, dir).split(path.sep).join('/')));
      const memory = Math.round(options.memoryMb * 1.5) * 1024 * 1024;
      const container = await docker.createContainer({
        name: `databox-ws-${launch.developerId}-${randomBytes(3).toString('hex')}`,
        Image: image,
        Cmd: ['--config', '-'],
        Env: [`NODE_OPTIONS=--max-old-space-size=${options.memoryMb} --max-semi-space-size=2`, 'MALLOC_ARENA_MAX=2', 'TZ=UTC'],
        Labels: { ...labels, [WORKSPACE_LABEL]: launch.developerId },
        OpenStdin: true, StdinOnce: true, AttachStdin: true, AttachStdout: false, AttachStderr: false,
        ExposedPorts: { [`${PORT}/tcp`]: {} },
        HostConfig: {
          NetworkMode: network,
          Memory: memory, MemorySwap: memory, NanoCpus: 1e9, PidsLimit: 256,
          ReadonlyRootfs: true, Tmpfs: { '/tmp': 'rw,size=64m' },
          CapDrop: ['ALL'], SecurityOpt: ['no-new-privileges'],
          RestartPolicy: { Name: 'no' },
        },
      });
      let stopping = false;
      try {
        // The configuration (secrets included) goes on stdin, then stdin closes: never in env or a file.
        const stdin = await container.attach({ stream: true, stdin: true, hijack: true });
        await container.start();
        stdin.end(JSON.stringify({ ...launch.config, nodesDirs, host: '0.0.0.0', port: PORT }));
        const info = await container.inspect();
        const address = info.NetworkSettings.Networks[network]?.IPAddress;
        if (!address) throw new DataboxError('workspace-start-failed', 'the workspace container has no address', { status: 503 });
        const target = `http://${address}:${PORT}`;
        const ended = container.wait().then((result: { StatusCode?: number }) => ({ crashed: !stopping, detail: `exited with code ${result.StatusCode ?? '?'}` }), () => ({ crashed: !stopping, detail: 'vanished' }));
        await waitHealthy(target, launch.config.gateSecret, options.readyMs ?? 60_000, ended, container);
        return {
          target,
          ...(info.State.Pid ? { pid: info.State.Pid } : {}),
          ended: ended.then(async (end) => { await remove(container.id); return end; }),
          async stop() {
            stopping = true;
            await container.stop({ t: 10 }).catch(() => undefined);
            await ended;
            await remove(container.id);
          },
        };
      } catch (error) {
        await remove(container.id);
        throw error;
      }
    },
    async logs(developerId, tail) {
      // A container goes when its workspace stops, its output with it: the running one's only.
      const [running] = await containersOf(developerId);
      if (!running) return [];
      const lines: string[] = [];
      try {
        for await (const line of dockerLogs(docker.getContainer(running.Id), { follow: false, tail })) lines.push(line);
      } catch {
        // removed meanwhile
      }
      return lines;
    },
    async close() {
      for (const left of await containersOf()) await remove(left.Id);
      // A removal already under way (a workspace's own end) finishes first: the network goes after.
      for (let i = 0; i < 50 && (await containersOf()).length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 200));
      if (guarded !== undefined) await firewall.release(bridge, guarded);
      await docker.getNetwork(network).remove().catch((error: unknown) => { if (!isNotFound(error)) throw error; });
    },
  };
}

async function waitHealthy(target: string, secret: string, timeoutMs: number, ended: Promise<{ detail: string }>, container: Docker.Container): Promise<void> {
  const gone = await untilHealthy(target, secret, timeoutMs, ended, 200);
  if (gone === true) return;
  const output: string[] = [];
  try {
    for await (const line of dockerLogs(container, { follow: false, tail: 8 })) output.push(line);
  } catch {
    // gone with its output
  }
  throw new DataboxError('workspace-start-failed', `the workspace container ${gone ?? 'did not become ready'}`, { status: 503, hint: `Its last output:\n${output.join('\n') || '(none)'}` });
}
