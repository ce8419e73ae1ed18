/**
 * Docker Swarm for tests, on this machine's engine: swarm mode (started here, and left again,
 * only when it was not already on), a stack deployed from a file and removed with everything it
 * made, and the two ways across between this machine's loopback and the stack's overlay networks:
 * - `hostRelay`: a TCP relay in this process on the docker bridge's gateway, an address of this
 *   machine that containers reach and the outside does not, to a server on loopback (the test
 *   PostgreSQL);
 * - `overlayPort`: a small container on an attachable overlay network relaying a port on
 *   127.0.0.1 to a name or address on that network (a service's task, which the machine itself
 *   cannot route to).
 */
import { execFile } from 'node:child_process';
import net from 'node:net';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import { TEST_LABELS } from './personal-box.fixture';

const run = promisify(execFile);

/** Swarm mode on; `leave()` turns it off again if this call turned it on. */
export async function ensureSwarm(docker: Docker): Promise<{ leave(): Promise<void> }> {
  const info = await docker.info() as { Swarm?: { LocalNodeState?: string } };
  if (info.Swarm?.LocalNodeState === 'active') return { leave: async () => undefined };
  await docker.swarmInit({ ListenAddr: '127.0.0.1:2377', AdvertiseAddr: '127.0.0.1' });
  return { leave: async () => { await docker.swarmLeave({ force: true }); } };
}

/** The docker bridge's gateway: this machine, as every container (a Swarm task too) reaches it. */
export async function bridgeGateway(docker: Docker): Promise<string> {
  const bridge = await docker.getNetwork('bridge').inspect() as Docker.NetworkInspectInfo;
  const gateway = bridge.IPAM?.Config?.[0]?.Gateway;
  if (!gateway) throw new Error('the docker bridge has no gateway address');
  return gateway;
}

/** Relays `listenHost:<port>` to `target` (a server on loopback), in this process. */
export async function hostRelay(listenHost: string, target: { host: string; port: number }): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      socket.on('error', () => { client.destroy(); upstream.destroy(); });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, listenHost, resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

const RELAY = `const net = require('node:net');
const [host, port] = process.argv.slice(1);
net.createServer((client) => {
  const upstream = net.connect(Number(port), host);
  const end = () => { client.destroy(); upstream.destroy(); };
  client.on('error', end); upstream.on('error', end);
  client.pipe(upstream).pipe(client);
}).listen(9000);`;

/** `http://127.0.0.1:<port>` relayed to `host:port` on `network`, by a container on it. */
export async function overlayPort(docker: Docker, options: { image: string; network: string; host: string; port: number; hostPort?: number }): Promise<{ url: string; close(): Promise<void> }> {
  const container = await docker.createContainer({
    Image: options.image,
    // Its own entrypoint: the image's may be anything (databox/server's is `node` already).
    Entrypoint: ['node', '-e', RELAY],
    Cmd: [options.host, String(options.port)],
    Labels: TEST_LABELS,
    User: '1000:1000',
    ExposedPorts: { '9000/tcp': {} },
    HostConfig: {
      NetworkMode: options.network,
      PortBindings: { '9000/tcp': [{ HostIp: '127.0.0.1', HostPort: options.hostPort ? String(options.hostPort) : '' }] },
      ReadonlyRootfs: true, CapDrop: ['ALL'],
    },
  });
  await container.start();
  const info = await container.inspect();
  const bound = info.NetworkSettings.Ports['9000/tcp']?.[0]?.HostPort;
  if (!bound) throw new Error('the relay container has no published port');
  return {
    url: `http://127.0.0.1:${bound}`,
    close: async () => { await container.remove({ force: true }).catch(() => undefined); },
  };
}

/** A port nothing listens on now, on loopback (for a URL a service must know before it starts). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `docker stack <args...>` with `env` added to this process's environment; its output. */
export async function dockerStack(args: string[], env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await run('docker', ['stack', ...args], { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/** Removes a stack and waits until its services, containers and networks are gone. */
export async function removeStack(docker: Docker, name: string): Promise<void> {
  await run('docker', ['stack', 'rm', name]).catch(() => undefined);
  const mine = { label: [`com.docker.stack.namespace=${name}`] };
  for (let i = 0; i < 150; i++) {
    const networks = await docker.listNetworks({ filters: mine });
    if ((await docker.listContainers({ all: true, filters: mine })).length + networks.length === 0) break;
    // `stack rm` gives up on a network still in use (by the studio's workspaces as it stops them): again.
    for (const network of networks) await docker.getNetwork(network.Id).remove().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  for (const volume of (await docker.listVolumes({ filters: mine })).Volumes ?? []) await docker.getVolume(volume.Name).remove().catch(() => undefined);
}

/** The addresses of a service's running tasks on one of its networks. */
export async function taskAddresses(docker: Docker, service: string, network: string): Promise<string[]> {
  const tasks = await docker.listTasks({ filters: { service: [service], 'desired-state': ['running'] } }) as Array<{
    Status?: { State?: string }; NetworksAttachments?: Array<{ Network?: { Spec?: { Name?: string } }; Addresses?: string[] }>;
  }>;
  return tasks.filter((task) => task.Status?.State === 'running').flatMap((task) => task.NetworksAttachments ?? [])
    .filter((attachment) => attachment.Network?.Spec?.Name === network)
    .flatMap((attachment) => attachment.Addresses ?? []).map((address) => address.split('/')[0] ?? '');
}

/** The last lines a service's tasks logged (`docker service logs`), for a failure's message. */
export async function serviceLogs(service: string, lines = 80): Promise<string> {
  const { stdout, stderr } = await run('docker', ['service', 'logs', '--no-task-ids', '--tail', String(lines), service], { maxBuffer: 16 * 1024 * 1024 })
    .catch((error: unknown) => ({ stdout: '', stderr: String(error) }));
  return `${stdout}${stderr}`;
}
