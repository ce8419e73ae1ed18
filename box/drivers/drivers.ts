/**
 * The box's built-in drivers, by name: what `main.ts` runs and what the box installs.
 *
 * @example
 * findDriver('os-monitor').manifest.provides   // [{ 'data-source-type': 'loadavg1', ... }, ...]
 */
import { DataboxError } from '../../core/errors';
import type { DriverProgram } from './driver.types';
import { osMonitor } from './os-monitor/os-monitor.driver';
import { sensorsSim } from './sensors-sim/sensors-sim.driver';
import { webhook } from './webhook/webhook.driver';

export const BUILT_IN_DRIVERS: readonly DriverProgram[] = [osMonitor, sensorsSim, webhook];

export function findDriver(name: string | undefined): DriverProgram {
  const names = BUILT_IN_DRIVERS.map((d) => d.name).join(', ');
  if (name === undefined || name === '') throw new DataboxError('driver-unnamed', 'no driver named: give one as the argument or in DATABOX_LOCAL_NAME', { hint: `One of ${names}.` });
  const found = BUILT_IN_DRIVERS.find((d) => d.name === name);
  if (!found) throw new DataboxError('driver-unknown', `there is no built-in driver "${name.slice(0, 64)}"`, { hint: `One of ${names}.` });
  return found;
}
