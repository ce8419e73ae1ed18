/**
 * Observe latency: the time from sending a write to the store until a WebSocket subscriber
 * (token-checked, `observe = data`) receives it, p50/p99, with the write committed (fsync)
 * before it is pushed. Peer in the same run: a bare node:http + ws server that pushes each
 * POST body to its subscribers as soon as it has read it (no token, no storage). Writer and
 * subscriber are one second process, so both ends use the same clock.
 *
 * Env: STORE_BENCH_WRITES (default 2000), STORE_BENCH_RATE (writes per second, default 400).
 * Run: node --import tsx bench/store-observe.bench.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { benchStore, commitLatencyMs, envInt, load, verdict } from './store-bench.kit';

const WRITES = envInt('STORE_BENCH_WRITES', 2000);
const RATE = envInt('STORE_BENCH_RATE', 400);

interface Observed { received: number; failed: number; p50: number; p99: number; max: number }

async function bare(): Promise<Observed> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = `{"path":"/ts/bench","timestamp":${Date.now()},"data":${Buffer.concat(chunks).toString()}}`;
      for (const client of wss.clients) client.send(text);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  const wss = new WebSocketServer({ server, path: '/ws' });
  wss.on('connection', (ws) => ws.on('message', (data) => ws.send(JSON.stringify({ subscribed: (JSON.parse(data.toString()) as { subscribe: string }).subscribe }))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await load<Observed>({ mode: 'observe', url: `http://127.0.0.1:${port}`, path: '/ts/bench', writeToken: 'none', observeToken: 'none', subscribe: '/ts/bench', writes: WRITES, perSecond: RATE });
  } finally {
    for (const client of wss.clients) client.terminate();
    wss.close();
    server.close();
  }
}

async function store(sync: 'full' | 'normal'): Promise<Observed> {
  const bench = await benchStore({ sync });
  try {
    return await load<Observed>({
      mode: 'observe', url: bench.store.url, path: '/ts/bench', writeToken: bench.token('/ts/bench', 'POST'),
      observeToken: bench.token('/ts/*', 'GET', true), subscribe: '/ts/*', writes: WRITES, perSecond: RATE,
    });
  } finally {
    await bench.close();
  }
}

async function main(): Promise<void> {
  console.log(`observe latency: ${WRITES} writes at ${RATE}/s, one wildcard subscriber`);
  const peer = await bare();
  const ours = await store('full');
  const normal = await store('normal');
  const line = (name: string, r: Observed): void => console.log(`  ${name.padEnd(44)} received ${r.received}/${WRITES}  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  max ${r.max.toFixed(2)} ms`);
  line('bare node:http + ws push (peer)', peer);
  line('store, synchronous=FULL (fsync, then push)', ours);
  line('store, synchronous=NORMAL', normal);
  console.log(`  one fsync'd commit on this disk now: ${commitLatencyMs().toFixed(2)} ms (median)`);
  verdict('observe write -> subscriber p99 (FULL)', `${ours.p99.toFixed(2)} ms (peer ${peer.p99.toFixed(2)} ms)`, '< 10 ms', ours.p99 < 10 && ours.received === WRITES);
  verdict('observe write -> subscriber p99 (NORMAL)', `${normal.p99.toFixed(2)} ms`, '< 10 ms', normal.p99 < 10 && normal.received === WRITES);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
