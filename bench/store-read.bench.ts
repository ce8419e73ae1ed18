/**
 * Reads from the datastore over HTTP (token checked): `last/1000` latency, and a mean over
 * 1M points (whole series, and an unaligned range holding ~90% of them), against the same
 * mean in plain SQLite over the simplest schema (one rowid table, `avg(value)`) in the same
 * run. Requests come one at a time from a second process; the store is loaded over HTTP.
 *
 * Env: STORE_BENCH_POINTS (default 1000000; one a second), STORE_BENCH_REQUESTS (default 200).
 * Run: node --import tsx bench/store-read.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { benchStore, envInt, load, verdict } from './store-bench.kit';

const TOTAL = envInt('STORE_BENCH_POINTS', 1_000_000);
const REQUESTS = envInt('STORE_BENCH_REQUESTS', 200);
const START = 1_700_000_000_000;
const STEP = 1000;

interface Latency { p50: number; p99: number; mean: number; bytes: number }

function plainMean(): { ms: number; mean: number } {
  const dir = mkdtempSync(join(tmpdir(), 'databox-plain-read-'));
  try {
    const db = new Database(join(dir, 'plain.sqlite'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE readings (datasource TEXT, timestamp INTEGER, value REAL)');
    const insert = db.prepare('INSERT INTO readings VALUES (?, ?, ?)');
    db.transaction(() => { for (let i = 0; i < TOTAL; i++) insert.run('bench', START + i * STEP, Math.round(Math.sin(i) * 1000) / 100); })();
    const avg = db.prepare<[string], number>('SELECT avg(value) FROM readings WHERE datasource = ?').pluck();
    avg.get('bench');
    const times: number[] = [];
    let mean = 0;
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      mean = avg.get('bench') ?? NaN;
      times.push(performance.now() - started);
    }
    db.close();
    return { ms: times.sort((a, b) => a - b)[2], mean };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`store reads over HTTP: ${TOTAL} points one a second, ${REQUESTS} sequential requests per form`);
  const bench = await benchStore();
  let last: Latency;
  let whole: Latency;
  let range: Latency;
  let storeMean: number;
  try {
    await load({ mode: 'batch', url: bench.store.url, path: '/ts/bench/batch', token: bench.token('/ts/bench/batch', 'POST'), total: TOTAL, batchSize: 10_000, concurrency: 2, startTs: START, columns: true, step: STEP });
    const token = bench.token('/ts/bench/*', 'GET');
    const get = (path: string, requests = REQUESTS): Promise<Latency> => load<Latency>({ mode: 'latency', url: bench.store.url, path, token, requests, warmup: 10 });
    last = await get('/ts/bench/last/1000');
    whole = await get('/ts/bench/mean');
    const from = START + Math.floor(TOTAL * 0.05) + 123;
    const to = START + Math.floor(TOTAL * 0.95) - 77;
    range = await get(`/ts/bench/range/${from}/${to}/mean`);
    const response = await fetch(`${bench.store.url}/ts/bench/mean`, { headers: { 'x-api-key': token } });
    storeMean = ((await response.json()) as { result: number }).result;
  } finally {
    await bench.close();
  }
  const plain = plainMean();
  console.log(`  last/1000 over HTTP:              p50 ${last.p50.toFixed(2)} ms  p99 ${last.p99.toFixed(2)} ms  (${last.bytes} bytes)`);
  console.log(`  mean of ${TOTAL} over HTTP:       p50 ${whole.p50.toFixed(2)} ms  p99 ${whole.p99.toFixed(2)} ms`);
  console.log(`  mean of a 90% range over HTTP:    p50 ${range.p50.toFixed(2)} ms  p99 ${range.p99.toFixed(2)} ms`);
  console.log(`  plain SQLite avg() in-process:    ${plain.ms.toFixed(2)} ms (same mean: ${Math.abs(plain.mean - storeMean) < 1e-9 ? 'yes' : `NO ${plain.mean} vs ${storeMean}`})`);
  verdict('last/1000 over HTTP (p50)', `${last.p50.toFixed(2)} ms`, '< 2 ms', last.p50 < 2);
  verdict(`mean over ${TOTAL} points over HTTP (p50)`, `${whole.p50.toFixed(2)} ms (${(plain.ms / whole.p50).toFixed(0)}x faster than plain)`, '< 50 ms', whole.p50 < 50);
  verdict('mean over an unaligned 90% range (p50)', `${range.p50.toFixed(2)} ms`, '< 50 ms', range.p50 < 50);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
