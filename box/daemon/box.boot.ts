/**
 * What a box does at every start, after its own services: it finishes undoing any install a
 * crash interrupted (state `installing`), installs the built-in drivers the first time, then
 * brings back every installed driver and then every app from its saved SLA (drivers first:
 * apps read their data; a few at a time), and rolls back any update it had not seen healthy
 * (state `updating`), so a restart, or a reboot with the containers gone, ends with the same box.
 */
import type { Progress } from '../containers/containers.types';
import { BUILT_IN_DRIVERS } from '../drivers/drivers';
import { bundleDir } from '../install/install.bundles';
import { installSla, slaFor } from '../install/install.run';
import { manifestHash, removeEverything } from '../install/install.remove';
import { rollbackApp } from '../install/install.update';
import { startComponent } from './box.components';
import type { BoxRuntime } from './box.runtime';

export async function bootComponents(rt: BoxRuntime, progress: Progress): Promise<void> {
  for (const interrupted of rt.db.components().filter((c) => c.state === 'installing')) {
    progress(`${interrupted.name}: its install was interrupted; undoing it`);
    // Its data stays: it may be what an earlier install of the same name kept.
    await removeEverything(rt, interrupted.name, interrupted.sla.store, false, progress);
    rt.audit?.record({ component: interrupted.name, kind: 'install-undone', detail: 'the box stopped during its install' });
  }
  const justInstalled = new Set<string>();
  for (const driver of BUILT_IN_DRIVERS) {
    if (rt.db.component(driver.name)) continue;
    await installSla(rt, slaFor(rt, driver.manifest, {}, { kind: 'builtin' }, manifestHash(driver.manifest)), progress);
    justInstalled.add(driver.name);
  }
  const installed = rt.db.components().filter((c) => c.state === 'installed' && !justInstalled.has(c.name));
  for (const kind of ['driver', 'app'] as const) {
    // A few at a time: an app's start is mostly waiting for its runtime, and each has its own network and store.
    await inTurns(installed.filter((c) => c.kind === kind), START_AT_ONCE, async (component) => {
      const dir = kind === 'app' ? bundleDir(rt.layout, component.name, component.sla.contentHash) : '';
      try {
        const image = kind === 'app' ? await rt.driver.prepareApp(component.name, dir, progress) : undefined;
        await startComponent(rt, component.sla, dir, image, progress);
      } catch (error) {
        // One component that will not start must not keep the others down.
        progress(`${component.name}: did not start: ${error instanceof Error ? error.message : String(error)}`);
        rt.audit?.record({ component: component.name, kind: 'start-failed', detail: (error instanceof Error ? error.message : String(error)).slice(0, 500) });
      }
    });
  }
  for (const interrupted of rt.db.components().filter((c) => c.state === 'updating')) {
    progress(`${interrupted.name}: the box stopped during its update (or rollback); rolling back`);
    try {
      await rollbackApp(rt, interrupted.name, progress, 'the box stopped before the new version was healthy');
    } catch (error) {
      progress(`${interrupted.name}: could not roll back: ${error instanceof Error ? error.message : String(error)}`);
      rt.audit?.record({ component: interrupted.name, kind: 'start-failed', detail: `rollback: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500) });
    }
  }
}

/** How many components a boot starts at once. */
const START_AT_ONCE = 4;

/** Runs `work` on every item, at most `limit` at a time. */
async function inTurns<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
