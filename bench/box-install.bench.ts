// Install on a box, bundle -> app page serving: an app published to a real store is installed
// by name through the box API (download, signature, validation, grants, the app image FROM the
// warm databox/flow-runtime, its network, its container) until its page answers through the
// box, docker driver. The peer, measured in the same run, is the original Databox path: each
// app's image made with its own `npm install` of Node-RED (a fresh npm cache, as on a box that
// has not installed it before), the Databox nodes copied in, the same base image, started
// until Node-RED answers.
//
// Env: BENCH_RUNS (default 4) installs; BENCH_PEER_RUNS (default 1) naive installs.
// Run: node --import tsx bench/box-install.bench.ts   (needs `npm run build`, Docker, the npm registry)
import { median, NODE_RED_VERSION, plainNodeRed, startBoxBench } from './box-bench.kit';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 4) || 4);
const PEER_RUNS = Math.max(1, Number(process.env.BENCH_PEER_RUNS ?? 1) || 1);

async function main(): Promise<void> {
  const bench = await startBoxBench('install');
  const ours: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const name = `bench-install-${i}`;
      await bench.publish(name);
      const start = performance.now();
      await bench.install(name);
      ours.push(performance.now() - start);
      console.log(`  install ${i + 1}/${RUNS}: ${(ours.at(-1)! / 1000).toFixed(2)} s`);
    }
  } finally {
    await bench.close();
  }
  const peer: { ms: number; npmMs: number }[] = [];
  for (let i = 0; i < PEER_RUNS; i++) {
    const start = performance.now();
    const naive = await plainNodeRed(`install-${i}`, { freshNpmCache: true });
    peer.push({ ms: performance.now() - start, npmMs: naive.npmMs });
    await naive.close();
    console.log(`  naive install ${i + 1}/${PEER_RUNS}: ${(peer.at(-1)!.ms / 1000).toFixed(2)} s (npm install ${(peer.at(-1)!.npmMs / 1000).toFixed(1)} s)`);
  }
  const oursMs = median(ours);
  const peerMs = median(peer.map((p) => p.ms));
  console.log(`box install, bundle -> page serving through the box (docker driver, warm runtime image): median ${(oursMs / 1000).toFixed(2)} s of ${RUNS} (target < 5 s: ${oursMs < 5000 ? 'met' : 'NOT met'})`);
  console.log(`naive install (npm install of node-red ${NODE_RED_VERSION} per app, image, start): median ${(peerMs / 1000).toFixed(1)} s of ${PEER_RUNS}`);
  console.log(`ratio: ours is ${(peerMs / oursMs).toFixed(1)}x faster`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
