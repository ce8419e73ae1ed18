/**
 * sensors-sim: simulated home sensors and a simulated smart light, for trying apps on a box
 * without hardware. Its datasource ids are the catalogue type ids.
 */
import { driverManifest, provided } from '../driver.manifest';

export const SENSOR_TYPES = ['temperature', 'humidity', 'motion', 'light-state'] as const;
export const ACTUATOR_TYPES = ['set-light-on', 'set-light-brightness'] as const;

export type ActuatorType = (typeof ACTUATOR_TYPES)[number];

export const SENSORS_SIM_MANIFEST = driverManifest({
  name: 'sensors-sim',
  displayName: 'Simulated home sensors',
  description: 'Simulated room temperature, humidity, motion and a smart light that apps can switch and dim: try apps without hardware',
  tags: ['home', 'sensors', 'simulated'],
  provides: [...SENSOR_TYPES, ...ACTUATOR_TYPES].map((type) => provided(type)),
});
