// POST /token on the arbiter over keep-alive HTTP (grant check, mint, audit record into a real
// audit log running as its own process), driven by the autocannon CLI in a second process,
// against a bare node:http server that answers the same request with a pre-minted token, in
// the same run. The arbiter runs twice: its audit client without a spool, and with the local
// spool `databox box arbiter` uses (each mint in the spool before its token is sent).
// Sizes: BENCH_SECONDS (default 5) per run, BENCH_CONNECTIONS (default 10).
import { execFile, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startArbiter } from '../box/arbiter/arbiter.server';
import { createAuditClient } from '../box/audit/audit.client';
import type { Registration } from '../box/arbiter/arbiter.types';

const run = promisify(execFile);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const autocannon = path.resolve(__dirname, '..', 'node_modules', '.bin', 'autocannon');
const ADMIN = 'bench-admin-key-0123456789abcdefgh';
const SERVICE = 'bench-service-key-0123456789abcdef';

interface Load { rps: number; p50: number; p99: number; bad: number }

async function load(url: string, key: string, body: string): Promise<Load> {
  const { stdout } = await run(autocannon, ['-j', '-c', String(CONNECTIONS), '-d', String(SECONDS), '-m', 'POST', '-H', `x-api-key=${key}`, '-H', 'content-type=application/json', '-b', body, url], { maxBuffer: 64 * 1024 * 1024 });
  const r = JSON.parse(stdout) as { requests: { average: number }; latency: { p50: number; p99: number }; errors: number; non2xx: number };
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, bad: r.errors + r.non2xx };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'arbiter-bench-'));
  writeFileSync(path.join(dir, 'service.key'), SERVICE, { mode: 0o600 });
  writeFileSync(path.join(dir, 'admin.key'), ADMIN, { mode: 0o600 });
  const child = spawn(process.execPath, [path.resolve(__dirname, '..', 'cli', 'databox.js'), 'box', 'audit', '--data', path.join(dir, 'audit'), '--port', '0',
    '--service-key-file', path.join(dir, 'service.key'), '--admin-key-file', path.join(dir, 'admin.key')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
  const audit = { url: /listening on (\S+)/.exec(line)?.[1] ?? '' };
  const startOne = async (name: string, spool?: string) => {
    const recorder = createAuditClient(audit.url, { key: SERVICE, source: 'arbiter', ...(spool ? { spool } : {}) });
    const arbiter = await startArbiter({ dataDir: path.join(dir, name), port: 0, adminKeys: [ADMIN], audit: recorder });
    const admin = (p: string, body: unknown) => fetch(`${arbiter.url}/admin${p}`, { method: 'POST', headers: { 'x-api-key': ADMIN, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await admin('/components', { name: 'os-monitor-store', type: 'store' });
    const app = await (await admin('/components', { name, type: 'app' })).json() as Registration;
    for (let i = 0; i < 20; i++) await admin(`/components/${name}/grants`, { target: 'os-monitor-store', path: `/ts/source${i}*`, method: 'GET' });
    return { recorder, arbiter, app };
  };
  const body = JSON.stringify({ target: 'os-monitor-store', path: '/ts/source19/*', method: 'GET' });
  const plain = await startOne('bench-app');
  const spooled = await startOne('bench-spooled', path.join(dir, 'audit-spool.db'));
  const token = await (await fetch(`${plain.arbiter.url}/token`, { method: 'POST', headers: { 'x-api-key': plain.app.key, 'content-type': 'application/json' }, body })).text();
  const bare = createServer((req, res) => { req.resume(); req.on('end', () => { res.setHeader('content-type', 'text/plain'); res.end(token); }); });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/token`;

  const peer = await load(bareUrl, plain.app.key, body);
  const mint = await load(`${plain.arbiter.url}/token`, plain.app.key, body);
  const mintSpooled = await load(`${spooled.arbiter.url}/token`, spooled.app.key, body);
  const audited = async (run: Awaited<ReturnType<typeof startOne>>): Promise<number> => {
    await run.recorder.flush(60_000);
    const summary = await (await fetch(`${audit.url}/summary?component=${run.app.name}`, { headers: { 'x-api-key': ADMIN } })).json() as { components: { tokensMinted: number }[] };
    return summary.components[0]?.tokensMinted ?? 0;
  };
  const minted = [await audited(plain), await audited(spooled)];
  const show = (label: string, l: Load) => `  ${label.padEnd(46)} ${l.rps.toFixed(0).padStart(7)} req/s  p50 ${l.p50} ms  p99 ${l.p99} ms${l.bad ? `  ERRORS ${l.bad}` : ''}`;
  console.log(`arbiter POST /token (${CONNECTIONS} connections, ${SECONDS} s per run, autocannon in a second process; load average ${loadavg()[0]?.toFixed(1)})`);
  console.log(show('arbiter: grant check + mint + audit', mint));
  console.log(show('arbiter: the same, audit through a local spool', mintSpooled));
  console.log(show('peer: bare node:http, fixed token', peer));
  console.log(`  ratio ${(mint.rps / peer.rps).toFixed(2)}x (spooled ${(mintSpooled.rps / peer.rps).toFixed(2)}x) the bare server; audit log holds ${minted[0]} + ${minted[1]} mints`);
  bare.close();
  for (const run of [plain, spooled]) {
    await run.arbiter.close();
    await run.recorder.close();
  }
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => { console.error(error); process.exitCode = 1; });
