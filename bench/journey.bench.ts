// The journey's machine steps (issue 11), timed end to end: an app the builder made from a flow
// (a datasource, a function, a line chart and a gauge) is published to a real app store (signed,
// over HTTP, with the real publish client), installed by name on a docker-driver box (download,
// signature, validation, grants, the app image FROM the warm databox/flow-runtime, its network,
// its container), and its page, opened through the box in Chromium as the owner would, draws its
// first point of the box's real load readings. A new app name each run.
//
// The peer, measured in the same run, is the original Databox path: the app's image made with
// its own `npm install` of Node-RED (a fresh npm cache, as on a box that has not installed it
// before), the Databox nodes copied in, the same base image, started until Node-RED answers.
// Its clock stops there, before any chart point, so the ratio is on the peer's side.
//
// Env: BENCH_RUNS (default 3) journeys; BENCH_PEER_RUNS (default 1) naive installs.
// Run: node --import tsx bench/journey.bench.ts   (needs `npm run build`, Docker, /usr/bin/chromium, the npm registry)
import { launchChromium } from '../test/support/studio.fixture';
import { watchAppPage } from '../test/support/app-page';
import { OWNER_PASSWORD } from '../test/support/personal-box.fixture';
import { median, NODE_RED_VERSION, plainNodeRed, startBoxBench } from './box-bench.kit';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3) || 3);
const PEER_RUNS = Math.max(1, Number(process.env.BENCH_PEER_RUNS ?? 1) || 1);

interface Journey { publish: number; install: number; firstPoint: number; total: number }

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const bench = await startBoxBench('journey');
  const browser = await launchChromium();
  const ours: Journey[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const name = `bench-journey-${i}`;
      const context = await browser.newContext({ httpCredentials: { username: 'owner', password: OWNER_PASSWORD } });
      const page = await context.newPage();
      const t0 = performance.now();
      await bench.publish(name);
      const t1 = performance.now();
      await bench.install(name);
      const t2 = performance.now();
      const appPage = watchAppPage(page);
      const opened = await page.goto(`${bench.box.url}/${name}/ui/`);
      if (opened?.status() !== 200) throw new Error(`the app's page answered ${opened?.status()}`);
      await appPage.charted({ points: 0, logs: async () => String((await bench.box.api('GET', `/api/apps/${name}/logs`)).body) });
      const t3 = performance.now();
      await context.close();
      ours.push({ publish: t1 - t0, install: t2 - t1, firstPoint: t3 - t2, total: t3 - t0 });
      const j = ours.at(-1)!;
      console.log(`  journey ${i + 1}/${RUNS}: ${seconds(j.total)} (publish ${seconds(j.publish)}, install ${seconds(j.install)}, page to first point ${seconds(j.firstPoint)})`);
    }
  } finally {
    await browser.close();
    await bench.close();
  }
  const peer: { ms: number; npmMs: number }[] = [];
  for (let i = 0; i < PEER_RUNS; i++) {
    const start = performance.now();
    const naive = await plainNodeRed(`journey-${i}`, { freshNpmCache: true });
    peer.push({ ms: performance.now() - start, npmMs: naive.npmMs });
    await naive.close();
    console.log(`  naive ${i + 1}/${PEER_RUNS}: ${seconds(peer.at(-1)!.ms)} (npm install ${seconds(peer.at(-1)!.npmMs)})`);
  }
  const step = (key: keyof Journey) => median(ours.map((j) => j[key]));
  const peerMs = median(peer.map((p) => p.ms));
  console.log(`\njourney, publish -> installed -> first chart point in Chromium (docker driver, warm runtime image), median of ${RUNS}:`);
  console.log(`  publish ${seconds(step('publish'))}, install ${seconds(step('install'))}, page to first point ${seconds(step('firstPoint'))}; total ${seconds(step('total'))}`);
  console.log(`naive (npm install of node-red ${NODE_RED_VERSION} per app, image, start until it answers; no chart point counted): median ${seconds(peerMs)} of ${PEER_RUNS}`);
  console.log(`ratio: ours is ${(peerMs / step('total')).toFixed(1)}x faster`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
