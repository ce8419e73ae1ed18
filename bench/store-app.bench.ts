/**
 * App store benchmark: search and detail requests/s and p99 under load from a second process
 * (the autocannon CLI), SQLite and PostgreSQL side by side, against `/api/health` on the same
 * server as the peer (the ceiling of the HTTP stack); then publish of a typical bundle,
 * server-side, against unpack + hash alone.
 *
 * The 10,000 apps are seeded directly through the repository layer (importVersions, 500
 * apps per transaction, each listed and indexed as a publish would), not through HTTP
 * publish: seeding through publish would measure signatures and tarballs 10,000 times.
 *
 * Env: APPSTORE_BENCH_APPS (10000), APPSTORE_BENCH_SECONDS per run (5), APPSTORE_BENCH_CONNECTIONS (16),
 * APPSTORE_BENCH_PUBLISHES (40), APPSTORE_BENCH_BACKENDS (sqlite,postgres),
 * DATABOX_TEST_DATABASE_URL (the provisioned test PostgreSQL). Targets: SQLite search >= 2,000 req/s and
 * PostgreSQL >= 1,000 req/s per replica, p99 < 50 ms, no read cache; publish < 200 ms.
 * Run: node --import tsx bench/store-app.bench.ts
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { bundleContentHash, packBundle, unpackBundle } from '../core/bundle';
import { parseAppStoreConfig } from '../store-app/config/app-store.config';
import { publishVersion } from '../store-app/publish/publish.service';
import { startAppStore } from '../store-app/server/app-store.server';
import { signBundleHash } from '../core/bundle/bundle.signature';
import { publicKeyOf } from '../store-app/signing/publisher-key';
import { testBundle } from '../store-app/testing/bundle.fixture';
import { sampleManifest, sampleVersion } from '../store-app/testing/manifest.fixture';
import { dropTestSchema, testDatabaseUrl, testSchemaName } from '../store-app/testing/postgres.fixture';
import { newKeyPem } from '../store-app/testing/app-store.fixture';
import type { AppStoreRepository } from '../store-app/storage/repository.types';

const run = promisify(execFile);
const APPS = Number(process.env.APPSTORE_BENCH_APPS ?? 10_000);
const SECONDS = Number(process.env.APPSTORE_BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.APPSTORE_BENCH_CONNECTIONS ?? 16);
const PUBLISHES = Number(process.env.APPSTORE_BENCH_PUBLISHES ?? 40);
const BACKENDS = (process.env.APPSTORE_BENCH_BACKENDS ?? 'sqlite,postgres').split(',').filter((b): b is 'sqlite' | 'postgres' => b === 'sqlite' || b === 'postgres');
const SEED_BATCH = 500;
const autocannon = path.resolve(__dirname, '..', 'node_modules', '.bin', 'autocannon');

const WORDS = ['weather', 'energy', 'sleep', 'garden', 'heating', 'commute', 'fitness', 'lights', 'security', 'air', 'water', 'solar', 'music', 'kitchen', 'pets', 'plants', 'study', 'budget', 'health', 'noise'];
const TYPES = ['loadavg1', 'temperature', 'humidity', 'energy-consumption', 'steps', 'location', 'motion', 'light-state', 'memory-used', 'cpu-usage'];
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

async function seed(repo: AppStoreRepository, count: number): Promise<void> {
  for (let i = 0; i < count; i += SEED_BATCH) {
    await repo.importVersions(Array.from({ length: Math.min(SEED_BATCH, count - i) }, (_, j) => {
      const n = i + j;
      const exports = n % 3 === 0;
      const manifest = sampleManifest({
        name: `app-${String(n).padStart(5, '0')}`,
        displayName: `${pick(WORDS, n)} ${pick(WORDS, n * 7 + 3)} ${n}`,
        description: `Tracks your ${pick(WORDS, n * 3 + 1)} and ${pick(WORDS, n * 11 + 5)} with ${pick(TYPES, n)} readings`,
        tags: [pick(WORDS, n * 5 + 2), pick(WORDS, n * 13 + 7)],
        'databox-type': n % 10 === 0 ? 'driver' : 'app',
        datasources: [{ clientid: 'a', type: pick(TYPES, n), required: true }, { clientid: 'b', type: pick(TYPES, n * 7 + 1), required: false }],
        'export-whitelist': exports ? [{ url: `https://collector-${n % 50}.example.org/in`, description: 'readings' }] : [],
        lineage: exports ? [{ kind: 'export', sink: `https://collector-${n % 50}.example.org/in`, sources: ['a'] }] : [],
      });
      return { newApp: { owner: `dev${n % 200}`, publicKey: 'seeded' }, version: sampleVersion(manifest, { publisher: `dev${n % 200}` }) };
    }));
  }
}

interface Load { rps: number; p99: number; p50: number; errors: number; non2xx: number }

async function load(url: string): Promise<Load> {
  const { stdout } = await run(autocannon, ['-j', '-c', String(CONNECTIONS), '-d', String(SECONDS), url], { maxBuffer: 64 * 1024 * 1024 });
  const r = JSON.parse(stdout);
  return { rps: r.requests.average, p99: r.latency.p99, p50: r.latency.p50, errors: r.errors, non2xx: r.non2xx };
}

function line(label: string, result: Load, peer?: Load): string {
  const ratio = peer ? ` (${(result.rps / peer.rps).toFixed(2)}x health)` : '';
  return `  ${label.padEnd(34)} ${result.rps.toFixed(0).padStart(7)} req/s  p50 ${String(result.p50).padStart(4)} ms  p99 ${String(result.p99).padStart(4)} ms${ratio}${result.errors + result.non2xx ? `  ERRORS ${result.errors + result.non2xx}` : ''}`;
}

async function benchBackend(backend: 'sqlite' | 'postgres'): Promise<Record<string, Load | number>> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `store-bench-${backend}-`));
  const schema = backend === 'postgres' ? testSchemaName() : undefined;
  // The read cache is off: every request reaches the database (the cached figures are below).
  const config = parseAppStoreConfig({ publishRateLimit: { count: 1_000_000, windowSeconds: 60 }, readCacheMs: 0 }, dataDir, backend === 'postgres' ? { DATABASE_URL: testDatabaseUrl() } : {});
  const store = await startAppStore({ dataDir, config, ...(schema ? { pgSchema: schema } : {}) });
  try {
    const t0 = performance.now();
    await seed(store.context.repo, APPS);
    const seedSeconds = (performance.now() - t0) / 1000;
    console.log(`${backend}: seeded ${APPS} apps through the repository layer (importVersions) in ${seedSeconds.toFixed(1)} s`);
    // The state autovacuum reaches a minute after a bulk load: planner statistics and the
    // visibility map current, no vacuum running during the measurement.
    if (schema) await vacuumAnalyze(schema);
    const health = await load(`${store.url}/api/health`);
    const text = await load(`${store.url}/api/apps?q=garden`);
    const filtered = await load(`${store.url}/api/apps?q=sleep&type=app&exports=no&datasource=temperature`);
    const browse = await load(`${store.url}/api/apps`);
    const detailName = `app-${String(Math.floor(APPS / 2)).padStart(5, '0')}`;
    const detail = await load(`${store.url}/api/apps/${detailName}`);
    console.log(line('GET /api/health (peer)', health));
    console.log(line('search ?q=garden', text, health));
    console.log(line('search q + type + exports + datasource', filtered, health));
    console.log(line('browse (no filter)', browse, health));
    console.log(line(`detail /api/apps/${detailName}`, detail, health));
    // The same server with the 1 s read cache (the default): repeated searches from memory.
    const cachedStore = await startAppStore({ dataDir, config: { ...config, readCacheMs: 1000 }, ...(schema ? { pgSchema: schema } : {}) });
    const cached = await load(`${cachedStore.url}/api/apps?q=garden`).finally(() => cachedStore.close());
    console.log(line('search ?q=garden, 1 s read cache', cached, health));
    const publish = await benchPublish(store.context);
    return { health, text, filtered, browse, detail, cached, ...publish };
  } finally {
    await store.close();
    if (schema) await dropTestSchema(schema);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function vacuumAnalyze(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl(), options: `-c search_path=${schema}` });
  await client.connect();
  try {
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
}

async function benchPublish(context: Parameters<typeof publishVersion>[0]): Promise<{ publishMedian: number; publishP95: number; unpackMedian: number }> {
  const pem = newKeyPem();
  const publicKey = publicKeyOf(pem);
  const tarballs = await Promise.all(Array.from({ length: PUBLISHES }, async (_, i) => {
    const tarball = packBundle(testBundle('bench-publish', `1.0.${i}`, { description: 'A typical app bundle: a flow, its manifest, Dockerfile and package.json' }));
    return { tarball, signature: signBundleHash(bundleContentHash(await unpackBundle(tarball)), pem) };
  }));
  const times: number[] = [];
  const unpackTimes: number[] = [];
  for (const { tarball, signature } of tarballs) {
    const u0 = performance.now();
    bundleContentHash(await unpackBundle(tarball));
    unpackTimes.push(performance.now() - u0);
    const t0 = performance.now();
    await publishVersion(context, { login: 'bench', tarball, signature, publicKey, channel: 'stable', changelog: 'bench' });
    times.push(performance.now() - t0);
  }
  const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;
  const result = { publishMedian: q(times, 0.5), publishP95: q(times, 0.95), unpackMedian: q(unpackTimes, 0.5) };
  console.log(`  publish (server side, ${PUBLISHES}x, ${tarballs[0]?.tarball.length ?? 0} B bundle)  median ${result.publishMedian.toFixed(1)} ms  p95 ${result.publishP95.toFixed(1)} ms  (${(result.publishMedian / result.unpackMedian).toFixed(1)}x unpack+hash alone: ${result.unpackMedian.toFixed(2)} ms)`);
  return result;
}

async function main(): Promise<void> {
  console.log(`store-app bench: ${APPS} apps, ${CONNECTIONS} connections, ${SECONDS} s per run, autocannon in a second process`);
  const results: Record<string, Record<string, Load | number>> = {};
  for (const backend of BACKENDS) results[backend] = await benchBackend(backend);
  const sqlite = results.sqlite;
  if (sqlite) {
    const text = sqlite.text as Load;
    const median = sqlite.publishMedian as number;
    console.log('\nTargets (SQLite):');
    const cached = sqlite.cached as Load;
    const met = (l: Load) => (l.rps >= 2000 && l.p99 < 50 ? 'MET' : 'NOT MET');
    console.log(`  search >= 2000 req/s with p99 < 50 ms: ${text.rps.toFixed(0)} req/s, p99 ${text.p99} ms -> ${met(text)} (every request to SQLite)`);
    console.log(`                                         ${cached.rps.toFixed(0)} req/s, p99 ${cached.p99} ms -> ${met(cached)} (with the default 1 s read cache)`);
    console.log(`  publish < 200 ms server side: median ${median.toFixed(1)} ms -> ${median < 200 ? 'MET' : 'NOT MET'}`);
  }
  const postgres = results.postgres;
  if (postgres) {
    console.log('\nTargets (PostgreSQL, one replica):');
    for (const [key, label] of [['text', 'search ?q=garden'], ['filtered', 'search q + filters']] as const) {
      const l = postgres[key] as Load;
      console.log(`  ${label} >= 1000 req/s with p99 < 50 ms: ${l.rps.toFixed(0)} req/s, p99 ${l.p99} ms -> ${l.rps >= 1000 && l.p99 < 50 ? 'MET' : 'NOT MET'}`);
    }
  }
  if (results.sqlite && results.postgres) {
    const ratio = (k: string) => ((results.postgres?.[k] as Load).rps / (results.sqlite?.[k] as Load).rps).toFixed(2);
    console.log(`\nPostgreSQL / SQLite requests/s: search ${ratio('text')}x, filtered ${ratio('filtered')}x, detail ${ratio('detail')}x`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
