/**
 * Single-point writes over keep-alive HTTP with token checks (`POST /ts/<id>`, each verified,
 * validated, committed and acknowledged after the commit), against a bare node:http server
 * answering the same requests (reads the body, parses it, answers the same JSON) in the same
 * run. Also the store with synchronous=NORMAL, to show what FULL durability costs. Load comes
 * from autocannon in its own process.
 *
 * Env: STORE_BENCH_SECONDS (per server, default 5), STORE_BENCH_CONNECTIONS (default 10).
 * Run: node --import tsx bench/store-single.bench.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { autocannon, benchStore, commitLatencyMs, envInt, verdict, type CannonResult } from './store-bench.kit';

const SECONDS = envInt('STORE_BENCH_SECONDS', 5);
const CONNECTIONS = envInt('STORE_BENCH_CONNECTIONS', 10);
const BODY = '{"value":21.5,"room":"kitchen"}';

async function bare(): Promise<CannonResult> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body: unknown = JSON.parse(Buffer.concat(chunks).toString());
      const text = `{"timestamp":${Date.now()}}`;
      res.writeHead(body === null ? 400 : 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await autocannon(`http://127.0.0.1:${port}/ts/bench`, { method: 'POST', body: BODY, connections: CONNECTIONS, seconds: SECONDS, headers: { 'content-type': 'application/json' } });
  } finally {
    server.close();
  }
}

async function store(sync: 'full' | 'normal'): Promise<{ result: CannonResult; stored: number }> {
  const bench = await benchStore({ sync });
  try {
    const result = await autocannon(`${bench.store.url}/ts/bench`, { method: 'POST', body: BODY, connections: CONNECTIONS, seconds: SECONDS, headers: { 'content-type': 'application/json', 'x-api-key': bench.token('/ts/bench', 'POST') } });
    const response = await fetch(`${bench.store.url}/ts/bench/length`, { headers: { 'x-api-key': bench.token('/ts/bench/length', 'GET') } });
    const stored = ((await response.json()) as { result: number }).result;
    return { result, stored };
  } finally {
    await bench.close();
  }
}

async function main(): Promise<void> {
  console.log(`single-point writes: ${CONNECTIONS} keep-alive connections, ${SECONDS} s per server`);
  const peer = await bare();
  const full = await store('full');
  const normal = await store('normal');
  const line = (name: string, r: CannonResult): void => console.log(`  ${name.padEnd(40)} ${Math.round(r.requests.average).toLocaleString('en').padStart(8)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  non-2xx ${r.non2xx}`);
  line('bare node:http (peer)', peer);
  line('store, tokens + synchronous=FULL', full.result);
  line('store, tokens + synchronous=NORMAL', normal.result);
  console.log(`  stored rows equal acknowledged writes: FULL ${full.stored} / ${full.result.requests.total}, NORMAL ${normal.stored} / ${normal.result.requests.total}`);
  console.log(`  one fsync'd commit on this disk now: ${commitLatencyMs().toFixed(2)} ms (median)`);
  console.log(`  cost of FULL over NORMAL: ${((1 - full.result.requests.average / normal.result.requests.average) * 100).toFixed(1)}% of throughput`);
  const ratio = full.result.requests.average / peer.requests.average;
  const ratioNormal = normal.result.requests.average / peer.requests.average;
  verdict('single writes vs bare node:http (FULL)', `${ratio.toFixed(2)}x (${Math.round(full.result.requests.average)} req/s)`, '>= 0.7x', ratio >= 0.7 && full.result.non2xx === 0);
  verdict('single writes vs bare node:http (NORMAL)', `${ratioNormal.toFixed(2)}x (${Math.round(normal.result.requests.average)} req/s)`, '>= 0.7x', ratioNormal >= 0.7 && normal.result.non2xx === 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
