/**
 * Batch ingest into the datastore over HTTP (token checked, validated, summaries kept,
 * acknowledged after an fsync'd commit), against plain SQLite inserts of the same points in
 * the simplest schema (one rowid table, one INSERT per point, one transaction per batch, same
 * WAL + synchronous=FULL) in the same run. Load comes from a second process.
 *
 * Env: STORE_BENCH_POINTS (default 1000000), STORE_BENCH_BATCH (points per request, default
 * 10000), STORE_BENCH_CONCURRENCY (requests in flight, default 2).
 * Run: node --import tsx bench/store-batch.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { benchStore, envInt, load, verdict } from './store-bench.kit';

const TOTAL = envInt('STORE_BENCH_POINTS', 1_000_000);
const BATCH = envInt('STORE_BENCH_BATCH', 10_000);
const CONCURRENCY = envInt('STORE_BENCH_CONCURRENCY', 2);

function plainSqlite(): number {
  const dir = mkdtempSync(join(tmpdir(), 'databox-plain-'));
  try {
    const db = new Database(join(dir, 'plain.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE readings (datasource TEXT, timestamp INTEGER, value REAL)');
    const insert = db.prepare('INSERT INTO readings (datasource, timestamp, value) VALUES (?, ?, ?)');
    const batch = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) insert.run('bench', 1_700_000_000_000 + i, Math.round(Math.sin(i) * 1000) / 100);
    });
    const started = performance.now();
    for (let at = 0; at < TOTAL; at += BATCH) batch(at, Math.min(TOTAL, at + BATCH));
    const seconds = (performance.now() - started) / 1000;
    db.close();
    return TOTAL / seconds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`store batch ingest: ${TOTAL} points, ${BATCH} per request, ${CONCURRENCY} in flight`);
  const rates: Record<'rows' | 'columns', number> = { rows: 0, columns: 0 };
  for (const form of ['rows', 'columns'] as const) {
    const bench = await benchStore();
    try {
      const result = await load<{ points: number; seconds: number }>({
        mode: 'batch', url: bench.store.url, path: '/ts/bench/batch', token: bench.token('/ts/bench/batch', 'POST'),
        total: TOTAL, batchSize: BATCH, concurrency: CONCURRENCY, startTs: 1_700_000_000_000, columns: form === 'columns',
      });
      rates[form] = result.points / result.seconds;
    } finally {
      await bench.close();
    }
  }
  const plainRate = plainSqlite();
  console.log(`  store over HTTP, [{timestamp, value}] rows:        ${Math.round(rates.rows).toLocaleString('en')} points/s`);
  console.log(`  store over HTTP, {timestamps, values} columns:     ${Math.round(rates.columns).toLocaleString('en')} points/s`);
  console.log(`  plain SQLite in-process (simplest schema, FULL):   ${Math.round(plainRate).toLocaleString('en')} points/s`);
  verdict('batch ingest over HTTP, row form', `${Math.round(rates.rows / 1000)}k points/s (${(rates.rows / plainRate).toFixed(2)}x plain)`, '>= 300k/s', rates.rows >= 300_000);
  verdict('batch ingest over HTTP, columnar form', `${Math.round(rates.columns / 1000)}k points/s (${(rates.columns / plainRate).toFixed(2)}x plain)`, '>= 300k/s', rates.columns >= 300_000);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
