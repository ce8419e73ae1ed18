/**
 * Runs an app image as the journeys need it: a container with the given labels (so it is
 * found and removed), port 8080 published on a random 127.0.0.1 port, started, and healthy
 * (`GET /health` answers 200; the container's logs are in the error when it never does).
 * Its removal is pushed onto the test's `cleanup` list.
 *
 * @example
 * const { container, port, health } = await startAppContainer(docker, { image, labels: { 'io.databox.test': '1' }, cleanup, healthMs: 60_000 });
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type Docker from 'dockerode';

export interface Health {
  status: string;
  mode?: string;
  widgets?: number;
}

export interface AppContainerOptions {
  image: string;
  labels: Record<string, string>;
  env?: string[];
  /** Extra host settings (capabilities, read-only root, tmpfs); the port binding is added. */
  hostConfig?: Docker.HostConfig;
  healthMs: number;
  cleanup: (() => Promise<unknown>)[];
}

/** GET a JSON body on a fresh connection; the socket timeout keeps the event loop alive while waiting. */
function getJson(url: string): Promise<{ status: number; body: Health }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, timeout: 3000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => {
        try { resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }); } catch (error) { reject(error); }
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
  });
}

/** @example await waitForHealth('http://127.0.0.1:8080/health', 60_000) // { status: 'ok', ... } */
export async function waitForHealth(url: string, limitMs: number): Promise<Health> {
  const deadline = Date.now() + limitMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      // docker-proxy may accept before the app listens: a fresh connection with a time limit.
      const { status, body } = await getJson(url);
      if (status === 200) return body;
      last = `HTTP ${status} ${JSON.stringify(body)}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} not healthy after ${limitMs} ms (${last})`);
}

export async function startAppContainer(docker: Docker, options: AppContainerOptions): Promise<{ container: Docker.Container; port: string; health: Health }> {
  const container = await docker.createContainer({
    Image: options.image, Labels: options.labels, Env: options.env ?? [], ExposedPorts: { '8080/tcp': {} },
    HostConfig: { ...options.hostConfig, PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } },
  });
  options.cleanup.push(() => container.remove({ force: true }));
  await container.start();
  const port = (await container.inspect()).NetworkSettings.Ports['8080/tcp']?.[0]?.HostPort;
  assert.ok(port, 'port published');
  const health = await waitForHealth(`http://127.0.0.1:${port}/health`, options.healthMs).catch(async (error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${String(await container.logs({ stdout: true, stderr: true }))}`);
  });
  return { container, port, health };
}
