/**
 * The docker driver, the real box: every component in a container of its own, run as uid 1000
 * with a read-only root, no capabilities, memory and CPU limits, its secrets mounted read-only
 * at /run/secrets and its data in a named volume. The box's services and datastores share an
 * internal core network; each app and driver gets an internal network of its own, joined only
 * by the components that serve it (the arbiter, the export service, the datastores it was
 * granted), and the host drops what those networks send to it (host.firewall.ts). Only the
 * export service has a way out. Docker restarts a crashed component (on-failure, with its
 * backoff); the box watches the engine's events and stops a crash loop. Everything is found by
 * the box's labels.
 *
 * @example
 * const driver = dockerDriver({ dataDir: '/var/lib/databox', boxId: '3f2a9c1b', pkiDir: '/var/lib/databox/pki' });
 * await driver.prepare(console.log);
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import type Docker from 'dockerode';
import { Agent, setGlobalDispatcher } from 'undici';
import { DataboxError } from '../../../core/errors';
import { readBundleDir } from '../../../builder/bundle';
import { buildAppImage, buildRuntimeImage, dockerClient } from '../../../builder/image';
import { ensureDocker, inspectImage } from '../../../builder/image/docker.client';
import { bundleContentHash } from '../../../core/bundle';
import { appImageTag } from '../../../builder/image/image.labels';
import { RUNTIME_VERSION } from '../../../builder/compile/runtime-version';
import type { ComponentEvent, ComponentPlan, ComponentStatus, ContainerDriver, Placement } from '../containers.types';
import { serviceCommand } from '../process/process.driver';
import { crashPolicy } from '../supervisor.policy';
import { SECRET } from '../../daemon/box.layout';
import { writeSecret } from '../../daemon/box.secrets';
import { ensureBoxPki } from '../../pki';
import { dockerLogs } from './docker.logs';
import { dockerNames, PORT, COMPONENT_LABEL } from './docker.names';
import { dockerNetworks } from './docker.networks';
import { hostFirewall, type HostFirewall } from './host.firewall';
import { buildServicesImage, DRIVER_ENTRY, SERVICE_ENTRY } from './services.image';

export interface DockerDriverOptions {
  /** The box's data folder: each component's secrets folder is mounted from under it. */
  dataDir: string;
  /** The box's id: every object on the engine is labelled with it. */
  boxId: string;
  docker?: Docker;
  /** More labels for every object the box makes on the engine. */
  labels?: Record<string, string>;
  /**
   * The box's PKI directory (box/pki): services and datastores serve HTTPS with a certificate
   * for their name, every component trusts the box CA, and so does the box. Without it, HTTP.
   */
  pkiDir?: string;
  firewall?: HostFirewall;
  readyMs?: number;
}

/** Empties /data, then copies /from into it, keeping modes and times (node: the image has no shell). */
const COPY_VOLUME = "const fs=require('fs');for(const f of fs.readdirSync('/data'))fs.rmSync('/data/'+f,{recursive:true,force:true});fs.cpSync('/from','/data',{recursive:true,preserveTimestamps:true})";
/** Every component runs as this user, and owns its secret files. */
const OWNER = { uid: 1000, gid: 1000 };
const USER = `${OWNER.uid}:${OWNER.gid}`;
/** The content hash of the bundle an app image was built from. */
const BUNDLE_LABEL = 'io.databox.bundle-hash';

export function dockerDriver(options: DockerDriverOptions): ContainerDriver {
  const docker = options.docker ?? dockerClient();
  const names = dockerNames(options.boxId, options.labels);
  const networks = dockerNetworks(docker, names, options.firewall ?? hostFirewall());
  const policy = crashPolicy();
  const listeners: ((event: ComponentEvent) => void)[] = [];
  const emit = (event: ComponentEvent): void => { for (const l of listeners) l(event); };
  /** Each component's container now (its id): events of replaced containers are ignored. */
  const current = new Map<string, string>();
  /** Components the box is stopping: their exit is no crash. */
  const stopping = new Set<string>();
  /** Crashed components Docker is restarting. */
  const restarting = new Set<string>();
  const crashLoops = new Set<string>();
  const kinds = new Map<string, ComponentPlan['kind']>();
  /** The app and driver networks each service or datastore serves: a re-created container joins them again. */
  const serves = new Map<string, Set<string>>();
  let images: { services: string } | undefined;
  let events: NodeJS.ReadableStream | undefined;
  const tls = Boolean(options.pkiDir);
  const scheme = tls ? 'https' : 'http';
  const servesTls = (name: string): boolean => tls && (kinds.get(name) === 'service' || kinds.get(name) === 'datastore');
  const secretsDir = (name: string): string => path.join(options.dataDir, 'components', name, 'secrets');
  /** The component's copies of the box CA and (services, datastores) of its own certificate, owned by the user it runs as. */
  const writeTlsFiles = async (plan: ComponentPlan): Promise<void> => {
    if (!options.pkiDir) return;
    const serves = plan.kind === 'service' || plan.kind === 'datastore';
    const pki = await ensureBoxPki(options.pkiDir, serves ? [plan.name] : []);
    writeSecret(secretsDir(plan.name), SECRET.ca, readFileSync(pki.caCertFile, 'utf8'), OWNER);
    const own = pki.components[plan.name];
    if (!own) return;
    writeSecret(secretsDir(plan.name), SECRET.cert, readFileSync(own.certFile, 'utf8'), OWNER);
    writeSecret(secretsDir(plan.name), SECRET.key, readFileSync(own.keyFile, 'utf8'), OWNER);
  };

  const placement: Placement = {
    listen: () => ({ host: '0.0.0.0', port: PORT }),
    endpoint: (name) => `${scheme}://${name}:${PORT}`,
    secretPath: (_name, secret) => `/run/secrets/${secret}`,
    dataDir: () => '/data',
  };

  const containerOf = async (name: string): Promise<Docker.ContainerInfo | undefined> => (await docker.listContainers({ all: true, filters: names.filter(name) }))[0];
  const inspect = async (name: string): Promise<Docker.ContainerInspectInfo | undefined> => {
    const info = await containerOf(name);
    return info ? docker.getContainer(info.Id).inspect() : undefined;
  };
  /** The component's address on the network the box reaches it by (the core network, else its own). */
  const addressOf = async (name: string): Promise<string> => {
    const info = await inspect(name);
    const nets = info?.NetworkSettings.Networks ?? {};
    const address = nets[names.core]?.IPAddress || Object.values(nets).find((n) => n.IPAddress)?.IPAddress;
    if (!address) throw new DataboxError('component-unreachable', `${name} is not running`, { status: 503, hint: `See databox box status, and databox box logs ${name}` });
    return address;
  };

  const snapshotVolume = (name: string): string => `${names.volume(name)}-previous`;
  const volumeExists = async (volume: string): Promise<boolean> => (await docker.listVolumes({ filters: { name: [volume] } })).Volumes?.some((v) => v.Name === volume) ?? false;
  /**
   * Copies one volume's files over another's with a short-lived container of the services
   * image: no network, no capabilities, as the components' user. The target is mounted on the
   * image's /data, so a new volume starts owned by that user.
   */
  const copyVolume = async (from: string, to: string, component: string): Promise<void> => {
    if (!images) throw new DataboxError('box-not-prepared', 'the docker driver copies data only once it is prepared', { status: 500, hint: 'This is a bug in the box.' });
    const copier = await docker.createContainer({
      Image: images.services, Cmd: ['-e', COPY_VOLUME], User: USER, Labels: { ...names.labels(), 'io.databox.kind': 'data-copy' },
      HostConfig: {
        NetworkMode: 'none', CapDrop: ['ALL'], SecurityOpt: ['no-new-privileges'],
        Mounts: [{ Type: 'volume', Source: from, Target: '/from', ReadOnly: true }, { Type: 'volume', Source: to, Target: '/data' }],
      },
    });
    try {
      await copier.start();
      const { StatusCode } = await copier.wait() as { StatusCode: number };
      if (StatusCode !== 0) throw new DataboxError('data-copy-failed', `the copy of ${component}'s data failed (exit code ${StatusCode})`, { status: 500, hint: 'See the Docker engine\'s log; free disk space if it is full.' });
    } finally {
      await copier.remove({ force: true }).catch(() => undefined);
    }
  };

  const removeContainer = async (name: string): Promise<void> => {
    for (const c of await docker.listContainers({ all: true, filters: names.filter(name) })) {
      stopping.add(name);
      await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
    }
  };

  const command = (plan: ComponentPlan): { image: string; cmd?: string[] } => {
    const services = images?.services ?? `databox/box-services:${RUNTIME_VERSION}`;
    switch (plan.program.kind) {
      case 'box-service': return { image: services, cmd: [SERVICE_ENTRY, serviceCommand(plan.program.service), ...plan.program.args, ...(tls ? ['--tls-cert-file', placement.secretPath(plan.name, SECRET.cert), '--tls-key-file', placement.secretPath(plan.name, SECRET.key)] : [])] };
      case 'driver': return { image: services, cmd: [DRIVER_ENTRY, plan.program.driver] };
      case 'app': {
        if (!plan.program.image) throw new DataboxError('app-image-missing', `${plan.name} has no image`, { status: 500, hint: 'The box builds it when it installs the app; reinstall it.' });
        return { image: plan.program.image };
      }
    }
  };

  const watchEvents = async (): Promise<void> => {
    const stream = await docker.getEvents({ filters: { type: ['container'], event: ['die', 'start'], label: names.filter().label } });
    events = stream;
    let rest = '';
    stream.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) void onEvent(JSON.parse(line) as EngineEvent);
    });
  };
  type EngineEvent = { status?: string; id?: string; Actor?: { ID?: string; Attributes?: Record<string, string> } };
  const onEvent = async (event: EngineEvent): Promise<void> => {
    const name = event.Actor?.Attributes?.[COMPONENT_LABEL];
    // Only the component's current container counts: a replaced one dying is the box's doing.
    if (!name || current.get(name) !== (event.id ?? event.Actor?.ID)) return;
    if (event.status === 'start') {
      if (restarting.delete(name)) emit({ name, kind: 'restarted', detail: 'Docker restarted it' });
      return;
    }
    if (event.status !== 'die' || stopping.has(name)) return;
    const decision = policy.crashed(name, Date.now());
    const code = event.Actor?.Attributes?.exitCode ?? '?';
    const detail = `exited with code ${code} (${decision.crashes} crash${decision.crashes === 1 ? '' : 'es'} in the last minute)`;
    if (decision.action === 'stop') {
      crashLoops.add(name);
      stopping.add(name);
      const id = current.get(name);
      if (id) {
        await docker.getContainer(id).update({ RestartPolicy: { Name: 'no' } }).catch(() => undefined);
        await docker.getContainer(id).stop({ t: 5 }).catch(() => undefined);
      }
      emit({ name, kind: 'crash-loop', detail: `${detail}: stopped; start it again when it is fixed` });
      return;
    }
    restarting.add(name);
    emit({ name, kind: 'crashed', detail: `${detail}; Docker restarts it` });
  };

  const waitReady = async (plan: ComponentPlan, id: string): Promise<void> => {
    const deadline = Date.now() + (options.readyMs ?? 90_000);
    const last: string[] = [];
    if (plan.ready.kind === 'line') {
      const pattern = plan.ready.pattern;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), deadline - Date.now());
      try {
        for await (const line of dockerLogs(docker.getContainer(id), { follow: true, tail: 100, signal: controller.signal })) {
          last.push(line);
          if (pattern.test(line)) return;
        }
      } finally {
        clearTimeout(timer);
      }
    } else {
      while (Date.now() < deadline) {
        const state = (await docker.getContainer(id).inspect()).State;
        if (crashLoops.has(plan.name) || (!state.Running && state.Status === 'exited')) break;
        try {
          const response = await fetch(`${await boxUrl(plan.name)}${plan.ready.path}`, { signal: AbortSignal.timeout(2000) });
          if (response.ok) return;
        } catch {
          // not up yet
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    for await (const line of dockerLogs(docker.getContainer(id), { follow: false, tail: 8 })) last.push(line);
    throw new DataboxError('component-not-ready', `${plan.name} did not become ready; its last output: ${last.slice(-8).join(' | ').slice(0, 800)}`, {
      status: 502, hint: `See its whole output with \`databox box logs ${plan.name}\``,
    });
  };

  const boxUrl = async (name: string): Promise<string> => (servesTls(name) ? placement.endpoint(name) : `http://${await addressOf(name)}:${PORT}`);

  return {
    kind: 'docker',
    isolated: true,
    tls,
    placement,
    secretOwner: OWNER,
    async prepare(progress) {
      await ensureDocker(docker);
      progress('docker driver: each component in its own container; apps on internal networks with no route off the box or to this machine');
      const onProgress = (line: string): void => { if (!/^(\s|Removing intermediate|Successfully built)/.test(line)) progress(line); };
      const runtime = await buildRuntimeImage({ docker, onProgress });
      const services = await buildServicesImage({ docker, onProgress });
      images = { services: services.tag };
      progress(`images: ${runtime.tag}, ${services.tag}`);
      await networks.ensureCore();
      const caPem = options.pkiDir ? readFileSync((await ensureBoxPki(options.pkiDir, [])).caCertFile, 'utf8') : undefined;
      // The box reaches its services by name over HTTPS: names resolve to their containers, and the box CA is trusted.
      setGlobalDispatcher(new Agent({
        connect: {
          ...(caPem ? { ca: [...rootCertificates, caPem] } : {}),
          lookup: (hostname: string, lookupOptions: object, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void) => {
            if (!kinds.has(hostname)) return dnsLookup(hostname, lookupOptions, callback);
            addressOf(hostname).then((address) => ('all' in lookupOptions && lookupOptions.all ? callback(null, [{ address, family: 4 }]) : callback(null, address, 4)), (error: Error) => callback(error, ''));
          },
        },
      }));
      await watchEvents();
    },
    async prepareApp(name, bundleDir, progress) {
      const bundle = await readBundleDir(bundleDir);
      const tag = appImageTag(bundle.manifest);
      const hash = bundleContentHash(bundle);
      // Built already from this very bundle (a restart): nothing to do.
      if ((await inspectImage(docker, tag))?.Config.Labels?.[BUNDLE_LABEL] === hash) return tag;
      const image = await buildAppImage(bundle, { docker, tag, labels: { ...names.labels(name), [BUNDLE_LABEL]: hash }, onProgress: (line) => progress(`${name}: ${line}`) });
      return image.tag;
    },
    async start(plan, progress) {
      kinds.set(plan.name, plan.kind);
      await removeContainer(plan.name);
      policy.reset(plan.name);
      crashLoops.delete(plan.name);
      const own = plan.kind === 'app' || plan.kind === 'driver';
      const first = own ? await networks.ensureOwn(plan.name) : names.core;
      if (own) {
        for (const peer of plan.peers) {
          await networks.connect(peer, names.network(plan.name));
          serves.set(peer, (serves.get(peer) ?? new Set()).add(names.network(plan.name)));
        }
      }
      await writeTlsFiles(plan);
      const { image, cmd } = command(plan);
      progress(`${plan.name}: starting`);
      // Made with the box's labels (a volume Docker makes for a mount has none).
      if (plan.keepsData) await docker.createVolume({ Name: names.volume(plan.name), Labels: names.labels(plan.name) });
      const container = await docker.createContainer({
        name: names.container(plan.name), Image: image, ...(cmd ? { Cmd: cmd } : {}), User: USER,
        Env: Object.entries(plan.env).map(([k, v]) => `${k}=${v}`),
        Labels: { ...names.labels(plan.name), 'io.databox.kind': plan.kind },
        HostConfig: {
          Binds: [`${secretsDir(plan.name)}:/run/secrets:ro`],
          ...(plan.keepsData ? { Mounts: [{ Type: 'volume', Source: names.volume(plan.name), Target: '/data' }] } : {}),
          Memory: plan.limits.memoryMb * 1024 * 1024, MemorySwap: plan.limits.memoryMb * 1024 * 1024, NanoCpus: Math.round(plan.limits.cpus * 1e9),
          RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 0 }, ReadonlyRootfs: true, Tmpfs: { '/tmp': 'rw,size=32m' },
          CapDrop: ['ALL'], SecurityOpt: ['no-new-privileges'], PidsLimit: 256, NetworkMode: first,
        },
        NetworkingConfig: { EndpointsConfig: { [first]: { Aliases: [plan.name] } } },
      });
      if (plan.egress) await docker.getNetwork(names.egress).connect({ Container: container.id });
      for (const network of serves.get(plan.name) ?? []) await networks.connect(plan.name, network).catch(() => undefined);
      current.set(plan.name, container.id);
      stopping.delete(plan.name);
      restarting.delete(plan.name);
      await container.start();
      await waitReady(plan, container.id);
      emit({ name: plan.name, kind: 'started', detail: `running (${image})` });
      progress(`${plan.name}: running`);
    },
    async stop(name) {
      stopping.add(name);
      const info = await containerOf(name);
      if (info) await docker.getContainer(info.Id).stop({ t: 10 }).catch(() => undefined);
    },
    async hasData(name) {
      return (await docker.listVolumes({ filters: { name: [names.volume(name)] } })).Volumes?.some((v) => v.Name === names.volume(name)) ?? false;
    },
    async snapshotData(name) {
      await docker.getVolume(snapshotVolume(name)).remove().catch(() => undefined);
      await docker.createVolume({ Name: snapshotVolume(name), Labels: names.labels(name) });
      if (await volumeExists(names.volume(name))) await copyVolume(names.volume(name), snapshotVolume(name), name);
    },
    async restoreData(name) {
      if (!(await volumeExists(snapshotVolume(name)))) return false;
      await docker.createVolume({ Name: names.volume(name), Labels: names.labels(name) });
      await copyVolume(snapshotVolume(name), names.volume(name), name);
      return true;
    },
    async dropSnapshot(name) {
      await docker.getVolume(snapshotVolume(name)).remove().catch(() => undefined);
    },
    async remove(name, { deleteData }) {
      await removeContainer(name);
      await docker.getVolume(snapshotVolume(name)).remove().catch(() => undefined);
      for (const set of serves.values()) set.delete(names.network(name));
      current.delete(name);
      await networks.removeOwn(name);
      kinds.delete(name);
      policy.reset(name);
      if (deleteData) await docker.getVolume(names.volume(name)).remove().catch(() => undefined);
      for (const image of await docker.listImages({ filters: names.filter(name) })) await docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
    },
    async status(name): Promise<ComponentStatus> {
      const info = await inspect(name);
      if (!info) return 'missing';
      if (crashLoops.has(name)) return 'crash-loop';
      if (info.State.Restarting) return 'restarting';
      if (info.State.Running) return 'running';
      if (info.State.Status === 'created') return 'starting';
      if (stopping.has(name)) return 'stopped';
      return info.State.ExitCode === 0 ? 'stopped' : 'crashed';
    },
    async *logs(name, opts) {
      const info = await containerOf(name);
      if (!info) return;
      yield* dockerLogs(docker.getContainer(info.Id), opts);
    },
    boxUrl,
    onEvent(listener) {
      listeners.push(listener);
    },
    async close() {
      (events as (NodeJS.ReadableStream & { destroy?: () => void }) | undefined)?.destroy?.();
      // The box leaves nothing running: its data stays in volumes, and it starts everything again from its SLAs.
      const all = await docker.listContainers({ all: true, filters: names.filter() });
      for (const c of all) stopping.add(c.Labels[COMPONENT_LABEL] ?? '');
      await Promise.all(all.map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
      await networks.removeAll();
    },
  };
}
