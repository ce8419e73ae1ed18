// Idle memory of an installed app: the resident memory (VmRSS of the container's main process,
// read from this machine's /proc) of an app installed on a docker-driver box and left idle,
// against plain Node-RED 4.1 running the same flow with its editor (its own npm install, the same
// Databox nodes, Node.js and base image), measured in the same run the same way.
//
// Env: BENCH_IDLE_S (default 20) seconds idle before sampling; BENCH_SAMPLES (default 5).
// Run: node --import tsx bench/box-app-memory.bench.ts   (needs `npm run build` and Docker)
import { docker, median, plainNodeRed, rssMb, startBoxBench, type PlainNodeRed } from './box-bench.kit';

const IDLE_S = Math.max(1, Number(process.env.BENCH_IDLE_S ?? 20) || 20);
const SAMPLES = Math.max(1, Number(process.env.BENCH_SAMPLES ?? 5) || 5);

async function sample(pid: number): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    values.push(await rssMb(pid));
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return median(values);
}

async function main(): Promise<void> {
  const bench = await startBoxBench('memory');
  let peer: PlainNodeRed | undefined;
  try {
    await bench.publish('bench-memory');
    await bench.install('bench-memory');
    const [info] = await docker.listContainers({ filters: { label: ['io.databox.test=1', 'io.databox.component=bench-memory'] } });
    if (!info) throw new Error('the app has no container');
    const app = await docker.getContainer(info.Id).inspect();
    peer = await plainNodeRed('memory', { freshNpmCache: false });
    console.log(`  both running; idle ${IDLE_S} s`);
    await new Promise((resolve) => setTimeout(resolve, IDLE_S * 1000));
    const [oursMb, peerMb] = [await sample(app.State.Pid), await sample(peer.pid)];
    console.log(`idle app on the box (flow runtime, headless): ${oursMb.toFixed(1)} MB resident (target < 64 MB: ${oursMb < 64 ? 'met' : 'NOT met'})`);
    console.log(`plain Node-RED 4.1 with its editor, same flow and image: ${peerMb.toFixed(1)} MB resident`);
    console.log(`ratio: ${(oursMb / peerMb).toFixed(2)}x (target <= 0.8x: ${oursMb / peerMb <= 0.8 ? 'met' : 'NOT met'})`);
  } finally {
    await peer?.close();
    await bench.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
