/**
 * os-monitor: this host's load, memory, CPU and disk use, every few seconds. Its datasource
 * ids are the catalogue type ids (`/ts/loadavg1`, ...): apps and checks rely on that.
 */
import { driverManifest, provided } from '../driver.manifest';

export const OS_MONITOR_TYPES = ['loadavg1', 'loadavg5', 'loadavg15', 'memory-used', 'cpu-usage', 'disk-used'] as const;

export type OsMonitorType = (typeof OS_MONITOR_TYPES)[number];

export const OS_MONITOR_MANIFEST = driverManifest({
  name: 'os-monitor',
  displayName: 'Host monitor',
  description: 'This box\'s own load averages, memory, CPU and disk use, sampled every few seconds',
  tags: ['host', 'system', 'metrics'],
  provides: OS_MONITOR_TYPES.map((type) => provided(type)),
});
