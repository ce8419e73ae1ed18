// A simulated federation (issue 12): boxes' private reports, drawn with the real mechanism
// (core/privacy, the export service's cryptographic source), sent over HTTP to the real
// collector (`databox collector serve`, its own process), for a known population: each box's
// true value uniform on [10, 30] (mean 20, sigma 20/sqrt(12)), bounds [0, 40], one report per box.
// For epsilon 0.5, 1 and 2: BENCH_TRIALS studies (default 400: the error of a root mean square over them is about 3.5%) of BENCH_BOXES boxes (default
// 1000); the collector's error (root mean square over the trials of its estimate minus the true
// mean 20) beside the standard error the mechanism allows an unbiased mean of N reports,
// sqrt((sigma^2 + 2 b^2) / N), b = (hi - lo) / epsilon, as a ratio (target within 1.1x), and how
// often the collector's 95% interval held the true mean. Then reports/s the collector takes:
// autocannon in its own process, a new export id per request (BENCH_SECONDS, default 5;
// BENCH_CONNECTIONS, default 64: many boxes send at once; reports arriving together share a commit), against the collector's own GET /api/health (the HTTP
// stack's ceiling), same run. Target >= 10,000 reports/s.
import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { Pool } from 'undici';
import { laplaceReport } from '../core/privacy/privacy.mechanism';
import { laplaceStandardError } from '../core/privacy/privacy.estimate';
import { cryptoRandom } from '../core/privacy/privacy.random';
import type { LaplacePrivacy } from '../core/privacy/privacy.types';

const run = promisify(execFile);
const TRIALS = Number(process.env.BENCH_TRIALS ?? 400);
const BOXES = Number(process.env.BENCH_BOXES ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const TRUE_MEAN = 20;
const SIGMA = 20 / Math.sqrt(12);

interface Load { rps: number; p50: number; p99: number; bad: number }

/**
 * autocannon in its own process, through its API: its CLI reads "[...]" as sub-arguments, so
 * the id placeholder (a fresh id per request, `idReplacement`) cannot be given on the command line.
 */
async function load(options: Record<string, unknown>): Promise<Load> {
  const script = "require('autocannon')(JSON.parse(process.argv[1]), (error, r) => { if (error) throw error; process.stdout.write(JSON.stringify(r)); })";
  const { stdout } = await run(process.execPath, ['-e', script, JSON.stringify({ connections: CONNECTIONS, duration: SECONDS, ...options })], { cwd: path.resolve(__dirname, '..'), maxBuffer: 64 * 1024 * 1024 });
  const r = JSON.parse(stdout) as { requests: { average: number }; latency: { p50: number; p99: number }; errors: number; non2xx: number };
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, bad: r.errors + r.non2xx };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'federation-bench-'));
  const child = spawn(process.execPath, [path.resolve(__dirname, '..', 'cli', 'databox.js'), 'collector', 'serve', '--data', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
  const url = /listening on (\S+)/.exec(line)?.[1] ?? '';
  const pool = new Pool(url, { connections: 16 });
  try {
    console.log(`federation: ${TRIALS} studies of ${BOXES} boxes per epsilon, true values uniform on [10, 30] (mean ${TRUE_MEAN}, sigma ${SIGMA.toFixed(2)}), bounds [0, 40]`);
    for (const epsilon of [0.5, 1, 2]) {
      const spec: LaplacePrivacy = { mechanism: 'laplace', epsilon, period: 'day', bounds: [0, 40] };
      let squares = 0;
      let covered = 0;
      const started = performance.now();
      for (let trial = 0; trial < TRIALS; trial++) {
        const study = `e${String(epsilon).replace('.', '_')}-t${trial}`;
        const sends: Promise<void>[] = [];
        for (let box = 0; box < BOXES; box++) {
          const report = laplaceReport(spec, 10 + 20 * cryptoRandom.next(), cryptoRandom);
          sends.push(pool.request({ path: `/studies/${study}/reports`, method: 'POST', headers: { 'content-type': 'application/json', 'databox-export-id': randomUUID() }, body: JSON.stringify(report) })
            .then(async (r) => { if (r.statusCode !== 201) throw new Error(`report answered ${r.statusCode}: ${await r.body.text()}`); await r.body.dump(); }));
        }
        await Promise.all(sends);
        const answer = await pool.request({ path: `/api/studies/${study}`, method: 'GET' });
        const view = await answer.body.json() as { reports: number; estimate: number; low: number; high: number };
        if (view.reports !== BOXES) throw new Error(`study ${study} counted ${view.reports} reports, not ${BOXES}`);
        squares += (view.estimate - TRUE_MEAN) ** 2;
        if (view.low <= TRUE_MEAN && TRUE_MEAN <= view.high) covered += 1;
      }
      const seconds = (performance.now() - started) / 1000;
      const rmse = Math.sqrt(squares / TRIALS);
      const allowed = laplaceStandardError(SIGMA, spec.bounds, epsilon, BOXES);
      const ratio = rmse / allowed;
      console.log(`epsilon ${epsilon}: collector's error ${rmse.toFixed(3)} (rms over ${TRIALS} studies), allowed ${allowed.toFixed(3)}: ${ratio.toFixed(3)}x (target <= 1.1x: ${ratio <= 1.1 ? 'met' : 'not met'}); `
        + `95% interval held the true mean in ${((100 * covered) / TRIALS).toFixed(0)}% of studies; ${Math.round((TRIALS * BOXES) / seconds)} reports/s with the mechanism in this process`);
    }

    const body = JSON.stringify({ value: 21.5, mechanism: 'laplace', epsilon: 1, period: 'day' });
    const reports = await load({ url: `${url}/studies/throughput/reports`, method: 'POST', idReplacement: true, headers: { 'content-type': 'application/json', 'databox-export-id': '[<id>]' }, body });
    const health = await load({ url: `${url}/api/health` });
    console.log(`collector: ${Math.round(reports.rps)} reports/s (p50 ${reports.p50} ms, p99 ${reports.p99} ms, ${reports.bad} not 2xx; each committed before its answer), `
      + `its GET /api/health ${Math.round(health.rps)}/s: ${(reports.rps / health.rps).toFixed(2)}x; target >= 10,000 reports/s: ${reports.rps >= 10_000 ? 'met' : 'not met'}`);
    const counted = await (await pool.request({ path: '/api/studies/throughput', method: 'GET' })).body.json() as { reports: number };
    console.log(`collector: ${counted.reports} distinct reports counted in the throughput study`);
  } finally {
    await pool.close();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => { console.error(error); process.exitCode = 1; });
