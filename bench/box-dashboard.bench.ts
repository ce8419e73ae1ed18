// The box dashboard's pages with BENCH_APPS installed apps (default 50) and BENCH_EVENTS audit
// entries (default 100,000): a real box (process driver, its audit log a process of its own,
// the drivers running), the apps' records as the install writes them (manifests the builder
// made from one flow under 50 names; not started, so each status is looked up and answers
// "not running"), the audit entries sent to the audit log over HTTP as the services send
// them. Each page is fetched BENCH_RUNS times (default 30) over keep-alive loopback by the
// signed-in owner, after 3 warm-ups: median and p90 of the time to the whole page (the
// server's time plus a loopback round trip), with the page's size. Target: under 100 ms per
// page, filters included. The audit log's own share is printed first. Needs `npm run build`
// (the process driver runs the box's services from dist/).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compile } from '../builder/compile';
import { AUDIT } from '../box/daemon/box.layout';
import { SLA_VERSION } from '../box/state/sla.types';
import { OWNER_PASSWORD, startTestBox } from '../test/support/personal-box.fixture';

const APPS = Number(process.env.BENCH_APPS ?? 50);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const KINDS = ['token-mint', 'export', 'export-delivered', 'request-refused', 'grant', 'token-refused'];

function flows(label: string): unknown[] {
  const z = 'tab-bench';
  return [
    { id: z, type: 'tab', label, info: 'Charts the load and sends a summary' },
    { id: 'load', type: 'databox-datasource', z, x: 120, y: 80, datasourceType: 'loadavg1', clientid: 'load', mode: 'observe', required: true, wires: [['chart', 'out']] },
    { id: 'chart', type: 'databox-chart', z, x: 300, y: 60, label: 'Load', chart: 'line', unit: '', points: 60, wires: [] },
    { id: 'out', type: 'databox-export', z, x: 300, y: 100, url: 'https://example.org/in', description: 'the load', wires: [[]] },
  ];
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'databox-bench-dashboard-'));
  const box = await startTestBox({ dataDir: path.join(dir, 'box'), driver: 'process', stores: [] });
  try {
    const rt = box.running.runtime;
    const names = Array.from({ length: APPS }, (_v, i) => `bench-app-${String(i).padStart(2, '0')}`);
    for (const name of names) {
      const { manifest } = compile(flows(name), undefined, { name, version: '1.0.0', author: 'bench', license: 'MIT' });
      rt.db.saveComponent({
        'sla-version': SLA_VERSION, name, kind: 'app', manifest, bindings: { load: 'loadavg1' }, origin: { kind: 'local', unsigned: true },
        contentHash: '0'.repeat(64), installedAt: Date.now(),
        grants: [{ target: 'os-monitor-store', path: '/ts/loadavg1/*', method: 'GET' }, { target: 'export-service', path: '/export', method: 'POST', destination: 'https://example.org/in' }],
      }, 'installed');
    }
    const auditUrl = await rt.driver.boxUrl(AUDIT);
    const started = performance.now();
    const now = Date.now();
    for (let sent = 0; sent < EVENTS; sent += 1000) {
      const events = Array.from({ length: Math.min(1000, EVENTS - sent) }, (_v, i) => {
        const n = sent + i;
        const kind = KINDS[n % KINDS.length] ?? 'export';
        return {
          id: randomUUID(), time: now - Math.floor(((EVENTS - n) / EVENTS) * 7 * 86_400_000), component: names[n % APPS] ?? 'x', kind, source: 'bench',
          ...(kind.startsWith('export') ? { destination: 'https://example.org/in', bytes: 100 + (n % 900) } : { target: 'os-monitor-store', path: '/ts/loadavg1/last/10', method: 'GET' }),
          status: kind.endsWith('refused') ? 403 : 200,
        };
      });
      const response = await fetch(`${auditUrl}/events`, { method: 'POST', headers: { 'x-api-key': rt.keys.auditServiceKey, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
      if (!response.ok) throw new Error(`the audit log refused a batch: ${response.status} ${await response.text()}`);
    }
    console.log(`box dashboard: ${APPS} apps recorded, ${EVENTS.toLocaleString('en-US')} audit entries sent in ${((performance.now() - started) / 1000).toFixed(1)} s (over 7 days)`);

    // The audit log's own share of the audit pages: its two queries, asked directly.
    for (const [label, query] of [['events, last 24 h', `/events?newest=1&limit=200&from=${Date.now() - 86_400_000}`], ['summary, last 24 h', `/summary?from=${Date.now() - 86_400_000}`], ['events, one kind', '/events?newest=1&limit=200&kind=request-refused'], ['summary, all time', '/summary']] as const) {
      const times: number[] = [];
      for (let run = 0; run < 13; run++) {
        const t0 = performance.now();
        await (await fetch(`${auditUrl}${query}`, { headers: { 'x-api-key': rt.keys.auditAdminKey } })).text();
        if (run >= 3) times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      console.log(`  the audit log alone, ${label.padEnd(20)} median ${percentile(times, 0.5).toFixed(1)} ms`);
    }
    const signIn = await fetch(`${box.url}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: OWNER_PASSWORD }) });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    if (!cookie.startsWith('databox_session=')) throw new Error(`no session: ${signIn.status}`);
    const pages: [string, string][] = [
      ['home (apps and drivers)', '/'],
      ['audit, last 24 h', '/audit'],
      ['audit, one app, 7 days', `/audit?app=${names[7]}&period=week`],
      ['audit, one app and kind, all time', `/audit?app=${names[7]}&kind=export-delivered&period=all`],
      ['audit, one kind, all time', '/audit?kind=request-refused&period=all'],
      ['audit CSV, one app, 7 days', `/audit.csv?app=${names[7]}&period=week`],
      ['an app\'s page', `/apps/${names[3]}`],
    ];
    for (const [label, route] of pages) {
      const times: number[] = [];
      let bytes = 0;
      for (let run = 0; run < RUNS + 3; run++) {
        const t0 = performance.now();
        const response = await fetch(`${box.url}${route}`, { headers: { cookie } });
        const body = await response.text();
        const ms = performance.now() - t0;
        if (response.status !== 200) throw new Error(`${route} answered ${response.status}: ${body.slice(0, 200)}`);
        bytes = body.length;
        // The app's page streams its log (a held connection) from its script, not the page itself.
        if (run >= 3) times.push(ms);
      }
      times.sort((a, b) => a - b);
      const median = percentile(times, 0.5);
      console.log(`  ${label.padEnd(36)} median ${median.toFixed(1)} ms, p90 ${percentile(times, 0.9).toFixed(1)} ms, ${(bytes / 1024).toFixed(0)} KB (target < 100 ms: ${median < 100 ? 'met' : 'NOT met'})`);
    }
  } finally {
    await box.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => { console.error(error); process.exitCode = 1; });
