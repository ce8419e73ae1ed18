/**
 * The load side of the store benchmarks, run as a separate process so the store under test
 * has its own core: `node --import tsx bench/store-load.child.ts '<json config>'` prints one
 * JSON line of results. Modes: `batch` (POST pre-built batches), `latency` (sequential GETs),
 * `observe` (write at a steady rate and time each write until a WebSocket subscriber sees it).
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

type Config =
  | { mode: 'batch'; url: string; path: string; token: string; total: number; batchSize: number; concurrency: number; startTs: number; columns: boolean; step?: number }
  | { mode: 'latency'; url: string; path: string; token: string; requests: number; warmup: number }
  | { mode: 'observe'; url: string; path: string; writeToken: string; observeToken: string; subscribe: string; writes: number; perSecond: number };

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function send(url: string, method: string, path: string, token: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = request({ agent, host: target.hostname, port: target.port, method, path, headers: { 'x-api-key': token, ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function batch(config: Extract<Config, { mode: 'batch' }>): Promise<object> {
  const bodies: string[] = [];
  for (let at = 0; at < config.total; at += config.batchSize) {
    const points = [];
    for (let i = at; i < Math.min(config.total, at + config.batchSize); i++) points.push({ timestamp: config.startTs + i * (config.step ?? 1), value: Math.round(Math.sin(i) * 1000) / 100 });
    bodies.push(JSON.stringify(config.columns ? { timestamps: points.map((p) => p.timestamp), values: points.map((p) => p.value) } : points));
  }
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: config.concurrency }, async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const response = await send(config.url, 'POST', config.path, config.token, body);
      if (response.status !== 200) throw new Error(`batch answered ${response.status}: ${response.text.slice(0, 200)}`);
    }
  }));
  return { points: config.total, seconds: (performance.now() - started) / 1000 };
}

async function latency(config: Extract<Config, { mode: 'latency' }>): Promise<object> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < config.warmup + config.requests; i++) {
    const started = performance.now();
    const response = await send(config.url, 'GET', config.path, config.token);
    const elapsed = performance.now() - started;
    if (response.status !== 200) throw new Error(`${config.path} answered ${response.status}: ${response.text.slice(0, 200)}`);
    if (i >= config.warmup) times.push(elapsed);
    bytes = response.text.length;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), mean: times.reduce((a, b) => a + b, 0) / times.length, bytes };
}

async function observe(config: Extract<Config, { mode: 'observe' }>): Promise<object> {
  const ws = new WebSocket(`${config.url.replace(/^http/, 'ws')}/ws`, { headers: { 'x-api-key': config.observeToken } });
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => { done = resolve; });
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { subscribed?: string; data?: { value: number } };
      if (message.subscribed) return resolve();
      const id = message.data?.value;
      const at = id === undefined ? undefined : sentAt.get(id);
      if (id !== undefined && at !== undefined) {
        latencies.push(performance.now() - at);
        sentAt.delete(id);
        if (latencies.length === config.writes) done();
      }
    });
    ws.once('open', () => ws.send(JSON.stringify({ subscribe: config.subscribe })));
  });
  let failed = 0;
  const gap = 1000 / config.perSecond;
  const started = performance.now();
  for (let i = 0; i < config.writes; i++) {
    const due = started + i * gap;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sentAt.set(i, performance.now());
    send(config.url, 'POST', config.path, config.writeToken, `{"value":${i}}`).then((r) => { if (r.status !== 200) failed++; }, () => { failed++; });
  }
  await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  ws.close();
  latencies.sort((a, b) => a - b);
  return { received: latencies.length, failed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] };
}

async function run(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as Config;
  const result = config.mode === 'batch' ? await batch(config) : config.mode === 'latency' ? await latency(config) : await observe(config);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  agent.destroy();
}

run().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
