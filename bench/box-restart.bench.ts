// Box restart with many apps: BENCH_APPS (default 20) apps installed from a real store on a
// docker-driver box; the box is stopped (every container removed, data kept in volumes) and
// started again, timed until every app's page answers through the box, with the boot's own
// phases (images checked, core services, drivers, apps) from its progress lines. No peer: the
// target is absolute.
//
// Env: BENCH_APPS (default 20).
// Run: node --import tsx bench/box-restart.bench.ts   (needs `npm run build` and Docker)
import { docker, startBoxBench } from './box-bench.kit';

const APPS = Math.max(1, Number(process.env.BENCH_APPS ?? 20) || 20);

async function main(): Promise<void> {
  const bench = await startBoxBench('restart');
  try {
    const names = Array.from({ length: APPS }, (_, i) => `bench-restart-${i}`);
    for (const name of names) {
      await bench.publish(name);
      await bench.install(name);
    }
    console.log(`  ${APPS} apps installed`);
    const stopStart = performance.now();
    await bench.box.close();
    const stopMs = performance.now() - stopStart;
    const left = await docker.listContainers({ filters: { label: ['io.databox.test=1'] } });
    const start = performance.now();
    await bench.restartBox();
    const bootMs = performance.now() - start;
    const waiting = new Set(names);
    while (waiting.size > 0) {
      for (const name of [...waiting]) if (await bench.pageAnswers(name)) waiting.delete(name);
      if (waiting.size > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const allMs = performance.now() - start;
    console.log(`stop: ${(stopMs / 1000).toFixed(1)} s (${left.length} containers of the box left)`);
    console.log(`box restart with ${APPS} apps -> every page answering: ${(allMs / 1000).toFixed(1)} s (the box's start itself: ${(bootMs / 1000).toFixed(1)} s; target < 30 s: ${allMs < 30_000 ? 'met' : 'NOT met'})`);
  } finally {
    await bench.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
