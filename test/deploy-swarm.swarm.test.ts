// Past one machine (deploy/stack.yml) on this machine's engine in swarm mode: the store as two
// replicas on one PostgreSQL (the test cluster, relayed to the docker bridge's gateway), a
// bundle the builder made published through one replica and read, downloaded and found through
// the other; the studio as a service whose developers' workspaces are Swarm services it creates,
// signed in through the GitHub OAuth flow (a local server) and its editor opened in Chromium.
//
// What is deployed is the file as `docker stack config` renders it, with one change: this
// machine's kernel has no IPVS, which Swarm's routing mesh and virtual IPs need, so the test's
// copy has no published ports and DNS round robin; the test reaches each replica and the studio
// through a relay container on the stack's overlay network, on 127.0.0.1 only.
//
// Runs in the test command's last phase, alone (scripts/test.sh): swarm mode adds and removes
// network interfaces, which aborts other tests' Chromium page loads.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import yaml from 'js-yaml';
import type Docker from 'dockerode';
import type { Browser } from 'playwright-core';
import { packBundle } from '../core/bundle';
import { dockerClient } from '../builder/image/docker.client';
import { buildServerImage } from '../deploy/server.image';
import { developerId } from '../editor/db/studio.db';
import { STUDIO_LABEL, WORKSPACE_LABEL } from '../editor/workspaces/docker.driver';
import { buildWorkspaceImage } from '../editor/workspaces/workspace.image';
import { main as storeMain } from '../store-app/cli/app-store.cli';
import { publishBundle } from '../store-app/client/publish.client';
import { newKeyPem } from '../store-app/testing/app-store.fixture';
import { startFakeGithub, type FakeGithub } from '../store-app/testing/fake-github.server';
import { dropTestSchema, testDatabaseUrl, testSchemaName } from '../store-app/testing/postgres.fixture';
import { builtBundle } from './support/built-bundle';
import { eventually } from './support/eventually';
import { TEST_LABELS } from './support/personal-box.fixture';
import { launchChromium, openEditor, ROOT, signIn } from './support/studio.fixture';
import { bridgeGateway, dockerStack, ensureSwarm, freePort, hostRelay, overlayPort, removeStack, serviceLogs, taskAddresses } from './support/swarm.fixture';

const docker = dockerClient();
const stack = `dbxtest${randomBytes(3).toString('hex')}`;
const CLIENT_ID = 'Iv1.swarm-test';
const CLIENT_SECRET = `swarm-test-${randomBytes(8).toString('hex')}`;
const schema = testSchemaName();
const dir = mkdtempSync(path.join(tmpdir(), 'deploy-swarm-'));
const closers: Array<() => Promise<unknown>> = [];
let swarm: { leave(): Promise<void> } | undefined;
let github: FakeGithub;
let env: Record<string, string>;
let rendered: Record<string, unknown>;
let serverImage = '';
let studioUrl = '';
let browser: Browser | undefined;

interface Service {
  image?: string; command?: string[]; environment?: Record<string, string>; ports?: unknown[]; networks?: Record<string, unknown>;
  secrets?: Array<{ source: string; target: string }>; user?: string; read_only?: boolean;
  deploy?: { replicas?: number; endpoint_mode?: string; placement?: { constraints?: string[] } };
}
const services = (): Record<string, Service> => rendered.services as Record<string, Service>;

before(async () => {
  swarm = await ensureSwarm(docker);
  serverImage = (await buildServerImage({ onProgress: () => undefined })).tag;
  const workspaceImage = (await buildWorkspaceImage({ onProgress: () => undefined })).tag;
  const gateway = await bridgeGateway(docker);
  const database = new URL(testDatabaseUrl());
  const relay = await hostRelay(gateway, { host: database.hostname, port: Number(database.port || 5432) });
  closers.push(() => relay.close());
  database.hostname = gateway;
  database.port = String(relay.port);
  github = await startFakeGithub({}, { host: gateway });
  closers.push(() => github.close());
  const databaseSecret = await docker.createSecret({ Name: `${stack}-database-url`, Labels: TEST_LABELS, Data: Buffer.from(database.toString()).toString('base64') }) as { id: string };
  const githubSecret = await docker.createSecret({ Name: `${stack}-github`, Labels: TEST_LABELS, Data: Buffer.from(CLIENT_SECRET).toString('base64') }) as { id: string };
  closers.push(() => docker.getSecret(databaseSecret.id).remove(), () => docker.getSecret(githubSecret.id).remove());
  const studioPort = await freePort();
  studioUrl = `http://127.0.0.1:${studioPort}`;
  github.addClient(CLIENT_ID, CLIENT_SECRET, `${studioUrl}/auth/github/callback`);
  env = {
    DATABOX_SERVER_IMAGE: serverImage, DATABOX_WORKSPACE_IMAGE: workspaceImage,
    DATABOX_STORE_SCHEMA: schema, DATABOX_STORE_DATABASE_SECRET: `${stack}-database-url`, DATABOX_GITHUB_SECRET: `${stack}-github`,
    DOCKER_GID: String(statSync('/var/run/docker.sock').gid),
    DATABOX_GITHUB_CLIENT_ID: CLIENT_ID, DATABOX_GITHUB_URL: github.webUrl, DATABOX_GITHUB_API_URL: github.apiUrl,
    DATABOX_STUDIO_URL: studioUrl, DATABOX_WORKSPACES_NETWORK: `${stack}-workspaces`,
  };
  rendered = yaml.load(await dockerStack(['config', '-c', path.join(ROOT, 'deploy', 'stack.yml')], env)) as Record<string, unknown>;

  // This machine's copy: no routing mesh (no IPVS in its kernel), so no published ports.
  const copy = structuredClone(rendered) as { services: Record<string, Service> };
  for (const service of Object.values(copy.services)) {
    delete service.ports;
    service.deploy = { ...service.deploy, endpoint_mode: 'dnsrr' };
  }
  const file = path.join(dir, 'stack.yml');
  writeFileSync(file, yaml.dump(copy));
  closers.push(() => removeStack(docker, stack));
  await dockerStack(['deploy', '--resolve-image', 'never', '-c', file, stack]);
  const relayStudio = await overlayPort(docker, { image: serverImage, network: `${stack}_edge`, host: 'studio', port: 8070, hostPort: studioPort });
  closers.push(() => relayStudio.close());
});

after(async () => {
  await browser?.close();
  const studioId = createHash('sha256').update(`swarm\n${stack}-workspaces`).digest('hex').slice(0, 10);
  // Closers run newest first: the relays, then the stack (the studio stops its workspaces as it goes).
  for (const close of closers.reverse()) await close().catch((error: unknown) => console.error(`cleanup: ${String(error)}`));
  const left = await docker.listServices({ filters: { label: [`${STUDIO_LABEL}=${studioId}`] } });
  for (const service of left) await docker.getService(service.ID).remove().catch(() => undefined);
  const secretsLeft = await docker.listSecrets({ filters: { label: [`${STUDIO_LABEL}=${studioId}`] } }) as Array<{ ID: string }>;
  for (const secret of secretsLeft) await docker.getSecret(secret.ID).remove().catch(() => undefined);
  await dropTestSchema(schema);
  await swarm?.leave();
  rmSync(dir, { recursive: true, force: true });
  assert.deepEqual(left.map((s) => s.Spec?.Name), [], 'the studio removed its workspaces\' services when the stack stopped it');
  assert.equal(secretsLeft.length, 0, 'and their configuration secrets');
});

test('the stack file parses: store replicas on PostgreSQL behind the routing mesh, the studio on a manager with Swarm workspaces, secrets as files', async () => {
  const { store, studio } = services();
  assert.ok(store && studio);
  assert.equal(store.deploy?.replicas, 2);
  assert.equal(store.deploy?.endpoint_mode, 'vip');
  assert.deepEqual(store.ports, [{ mode: 'ingress', target: 8080, published: 8090, protocol: 'tcp' }]);
  assert.equal(store.environment?.DATABASE_URL_FILE, '/run/secrets/store-database-url');
  assert.equal(store.environment?.DATABASE_URL, undefined, 'the database URL, with its password, is never in the environment');
  assert.equal(store.read_only, true);
  assert.deepEqual(studio.command?.slice(-2), ['--driver', 'swarm']);
  assert.deepEqual(studio.deploy?.placement?.constraints, ['node.role == manager']);
  assert.equal(studio.deploy?.replicas, 1);
  assert.equal(studio.environment?.DATABOX_GITHUB_CLIENT_SECRET_FILE, '/run/secrets/github-client-secret');
  assert.equal(studio.environment?.DATABOX_SWARM_NETWORK, `${stack}-workspaces`);
  assert.deepEqual(Object.keys(studio.networks ?? {}).sort(), ['edge', 'workspaces']);
  const networks = rendered.networks as Record<string, { internal?: boolean; name?: string }>;
  assert.equal(networks.workspaces?.internal, true, 'workspaces have no route off their network');
  // Without what it needs, the file says what to set.
  await assert.rejects(dockerStack(['config', '-c', path.join(ROOT, 'deploy', 'stack.yml')], { ...env, DOCKER_GID: '' }), /set DOCKER_GID to the group id of the Docker socket/);
});

test('two store replicas on one PostgreSQL: a bundle published through one is found, read and downloaded through the other', { timeout: 240_000 }, async () => {
  let replicas: string[] = [];
  await eventually(async () => {
    replicas = await taskAddresses(docker, `${stack}_store`, `${stack}_edge`);
    return replicas.length === 2;
  }, 'two store tasks running', { timeoutMs: 120_000 });
  const [first, second] = replicas as [string, string];
  assert.notEqual(first, second);
  const one = await overlayPort(docker, { image: serverImage, network: `${stack}_edge`, host: first, port: 8080 });
  const other = await overlayPort(docker, { image: serverImage, network: `${stack}_edge`, host: second, port: 8080 });
  closers.push(() => one.close(), () => other.close());
  for (const replica of [one, other]) {
    await eventually(async () => (await fetch(`${replica.url}/api/health`).catch(() => undefined))?.ok === true, 'the replica answers', { timeoutMs: 60_000 });
    assert.deepEqual(await (await fetch(`${replica.url}/api/health`)).json(), { ok: true, storage: 'postgres', mode: 'open' });
  }

  // An API token, from the store's own command, in the shared database.
  const printed: string[] = [];
  const code = await storeMain(['token', '--data', path.join(dir, 'token'), '--user', 'octo-dev'], {
    out: (text) => printed.push(text), err: (text) => printed.push(text), env: { DATABASE_URL: testDatabaseUrl(), DATABOX_DATABASE_SCHEMA: schema },
  });
  assert.equal(code, 0, printed.join('\n'));
  const token = printed[0] ?? '';

  const bundle = builtBundle({ name: `swarm-${randomBytes(3).toString('hex')}`, version: '1.0.0' });
  const tarball = packBundle(bundle);
  const published = await publishBundle({ storeUrl: one.url, token, tarball, privateKeyPem: newKeyPem(), changelog: 'through the first replica' });
  assert.equal(published.publisher, 'octo-dev');

  const name = bundle.manifest.name;
  const detail = await (await fetch(`${other.url}/api/apps/${name}`)).json() as { owner: string; versions: Array<{ version: string }> };
  assert.equal(detail.owner, 'octo-dev');
  assert.deepEqual(detail.versions.map((v) => v.version), ['1.0.0']);
  const download = await fetch(`${other.url}/api/apps/${name}/1.0.0/bundle`);
  assert.equal(download.status, 200);
  assert.deepEqual(Buffer.from(await download.arrayBuffer()), tarball, 'the second replica serves the bytes the first one stored');
  // Its read cache may hold the search from before for up to a second.
  await eventually(async () => ((await (await fetch(`${other.url}/api/apps?q=${name}`)).json()) as { total: number }).total === 1, 'the second replica finds it');
});

test('the studio on Swarm: a developer signs in, and their workspace is a Swarm service of its own, hardened, that keeps their flows in the studio', { timeout: 300_000 }, async () => {
  await eventually(async () => (await fetch(`${studioUrl}/api/health`).catch(() => undefined))?.ok === true, 'the studio answers', { timeoutMs: 120_000 });
  assert.deepEqual(await (await fetch(`${studioUrl}/api/health`)).json(), { status: 'ok', signIn: 'github', workspaces: 'swarm', isolated: true });

  browser = await launchChromium();
  const context = await browser.newContext();
  const page = await signIn(context, studioUrl, 'alice');
  await openEditor(page, studioUrl).catch(async (error: unknown) => {
    // What the page and the services said, for whoever reads the failure.
    const logs = await serviceLogs(`${stack}_studio`);
    throw new Error(`${String(error)}\npage: ${(await page.locator('body').innerText().catch(() => '?')).slice(0, 2000)}\nstudio:\n${logs}`);
  });

  const developer = developerId('github', 'alice');
  const [service] = await docker.listServices({ filters: { label: [`${WORKSPACE_LABEL}=${developer}`] } });
  assert.ok(service, 'the workspace is a Swarm service');
  const spec = service.Spec as unknown as {
    TaskTemplate: { ContainerSpec: { Image: string; Args: string[]; Env: string[]; User: string; ReadOnly: boolean; CapabilityDrop: string[]; Secrets: Array<{ File: { Name: string; Mode: number } }> };
      Resources: { Limits: { MemoryBytes: number; Pids: number } }; RestartPolicy: { Condition: string }; Networks: Array<{ Target: string }> };
  };
  const container = spec.TaskTemplate.ContainerSpec;
  assert.equal(container.Image, env.DATABOX_WORKSPACE_IMAGE);
  assert.deepEqual(container.Args, ['--config', '/run/secrets/workspace-config'], 'its configuration is a Docker secret');
  assert.equal(container.Secrets[0]?.File.Mode, 0o400);
  assert.ok(!container.Env.some((entry) => /secret|token/i.test(entry)), `no secret in its environment: ${container.Env.join(' ')}`);
  assert.equal(container.User, '1000:1000');
  assert.equal(container.ReadOnly, true);
  assert.deepEqual(container.CapabilityDrop, ['ALL']);
  assert.ok(spec.TaskTemplate.Resources.Limits.MemoryBytes > 0 && spec.TaskTemplate.Resources.Limits.Pids === 256);
  assert.equal(spec.TaskTemplate.RestartPolicy.Condition, 'none', 'the studio restarts it on the next request, not Swarm');
  const workspaces = await docker.getNetwork(`${stack}-workspaces`).inspect() as Docker.NetworkInspectInfo;
  assert.deepEqual(spec.TaskTemplate.Networks.map((n) => n.Target), [workspaces.Id]);
  assert.equal(workspaces.Internal, true);

  // A deploy goes through the workspace to the studio's storage, over the internal network.
  const flows = [{ id: 'swarm-tab', type: 'tab', label: 'On Swarm' }, { id: 'swarm-inject', type: 'inject', z: 'swarm-tab', name: 'kept by the studio', wires: [] }];
  const deployed = await context.request.post(`${studioUrl}/workspace/flows`, { data: flows, headers: { 'Node-RED-API-Version': 'v1', 'Node-RED-Deployment-Type': 'full', origin: studioUrl } });
  assert.ok(deployed.ok(), `${deployed.status()} ${await deployed.text()}`);
  const versions = await (await context.request.get(`${studioUrl}/studio/api/versions`)).json() as { versions: unknown[] };
  assert.ok(versions.versions.length >= 1, 'the deploy is a version the studio keeps');
  const back = await (await context.request.get(`${studioUrl}/workspace/flows`, { headers: { 'Node-RED-API-Version': 'v1' } })).json() as Array<{ id: string }>;
  assert.ok(back.some((node) => node.id === 'swarm-inject'));
  await context.close();
});
