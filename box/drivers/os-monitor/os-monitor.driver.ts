/**
 * The os-monitor program: registers its six sources, then every `DATABOX_INTERVAL_MS` writes
 * one sample of this host (cpu-usage from the second sample on: it is the time between two)
 * in one batch to its datastore.
 */
import { statfs } from 'node:fs/promises';
import { DataboxError } from '../../../core/errors';
import { every } from '../driver.loop';
import { catalogueSource } from '../driver.source';
import type { DriverProgram } from '../driver.types';
import { OS_MONITOR_MANIFEST, OS_MONITOR_TYPES } from './os-monitor.manifest';
import { sampleHost, type HostSample } from './os-monitor.sample';

const sources = OS_MONITOR_TYPES.map((type) => ({ type, source: catalogueSource(type, 'os-monitor') }));

export const osMonitor: DriverProgram = {
  name: 'os-monitor',
  manifest: OS_MONITOR_MANIFEST,
  async start({ env, client, log }) {
    try {
      await statfs(env.diskPath);
    } catch (error) {
      throw new DataboxError('disk-path-unreadable', `cannot read the filesystem of DATABOX_DISK_PATH ${env.diskPath}`, { status: 500, hint: 'Set DATABOX_DISK_PATH to a directory on the disk to report (default /).', cause: error });
    }
    for (const { source } of sources) await client.register(source);
    let previous: HostSample | undefined;
    const loop = every(env.intervalMs, async () => {
      const sample = await sampleHost(env.diskPath, previous?.cpu);
      previous = sample;
      await client.writeBatch(sources.flatMap(({ type, source }) => {
        const value = sample.values[type];
        return value === undefined ? [] : [{ source, value }];
      }));
    }, { log, what: 'os-monitor: writing a host sample' });
    return { summary: `sampling ${OS_MONITOR_TYPES.join(', ')} of ${env.diskPath} every ${env.intervalMs} ms`, stop: () => loop.stop() };
  },
};
