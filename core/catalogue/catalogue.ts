/**
 * The catalogue of data-source types known to Databox: one list shared by the nodes (what a
 * datasource node can pick, how preview simulates it), the builder (manifest `datasources`
 * and `provides`) and the box's drivers (the Hypercat items they register).
 *
 * @example
 * const type = findDatasourceType('loadavg1');   // { unit: '', storeType: 'ts', ... }
 * const sim = type!.simulate(seededRng(42));
 * sim.next(Date.now());                          // 0.73
 */
import type { DatasourceType } from './catalogue.types';
import { counter, dailyCycle, flag, lightState, locationWalk, meanReverting } from './models';

const number = { type: 'number' } as const;

export const DATASOURCE_TYPES: readonly DatasourceType[] = [
  {
    id: 'loadavg1', description: 'Host load average over 1 minute', unit: '', storeType: 'ts', actuator: false,
    schema: { type: 'number', minimum: 0 }, vendor: 'databox-driver-os-monitor', periodMs: 1000,
    simulate: (rng) => meanReverting(rng, { mean: 0.8, sd: 0.3, min: 0, max: 16, decimals: 2 }),
  },
  {
    id: 'loadavg5', description: 'Host load average over 5 minutes', unit: '', storeType: 'ts', actuator: false,
    schema: { type: 'number', minimum: 0 }, vendor: 'databox-driver-os-monitor', periodMs: 5000,
    simulate: (rng) => meanReverting(rng, { mean: 0.7, sd: 0.12, min: 0, max: 16, decimals: 2 }),
  },
  {
    id: 'loadavg15', description: 'Host load average over 15 minutes', unit: '', storeType: 'ts', actuator: false,
    schema: { type: 'number', minimum: 0 }, vendor: 'databox-driver-os-monitor', periodMs: 15000,
    simulate: (rng) => meanReverting(rng, { mean: 0.65, sd: 0.05, min: 0, max: 16, decimals: 2 }),
  },
  {
    id: 'memory-used', description: 'Host memory in use', unit: '%', storeType: 'ts', actuator: false,
    schema: { type: 'number', minimum: 0, maximum: 100 }, vendor: 'databox-driver-os-monitor', periodMs: 1000,
    simulate: (rng) => meanReverting(rng, { mean: 55, sd: 4, min: 0, max: 100, decimals: 1 }),
  },
  {
    id: 'cpu-usage', description: 'Host CPU busy time', unit: '%', storeType: 'ts', actuator: false,
    schema: { type: 'number', minimum: 0, maximum: 100 }, vendor: 'databox-driver-os-monitor', periodMs: 1000,
    simulate: (rng) => meanReverting(rng, { mean: 22, sd: 10, min: 0, max: 100, decimals: 1 }),
  },
  {
    id: 'disk-used', description: 'Host disk space in use', unit: '%', storeType: 'ts', actuator: false,
    schema: { type: 'number', minimum: 0, maximum: 100 }, vendor: 'databox-driver-os-monitor', periodMs: 10000,
    // A disk fills and frees slowly: a small wander around a typical level, never a jump.
    simulate: (rng) => meanReverting(rng, { mean: 42, sd: 0.3, min: 0, max: 100, decimals: 1 }),
  },
  {
    id: 'temperature', description: 'Room temperature from a home sensor', unit: '°C', storeType: 'ts', actuator: false,
    schema: number, vendor: 'databox-driver-sensingkit', periodMs: 2000,
    simulate: (rng) => dailyCycle(rng, { mean: 20.5, amplitude: 2.5, noise: 0.15, peakHour: 16, min: -30, max: 50, decimals: 2 }),
  },
  {
    id: 'humidity', description: 'Relative humidity from a home sensor', unit: '%', storeType: 'ts', actuator: false,
    schema: { type: 'number', minimum: 0, maximum: 100 }, vendor: 'databox-driver-sensingkit', periodMs: 2000,
    simulate: (rng) => dailyCycle(rng, { mean: 48, amplitude: 8, noise: 0.8, peakHour: 6, min: 0, max: 100, decimals: 1 }),
  },
  {
    id: 'energy-consumption', description: 'Household electricity meter reading', unit: 'kWh', storeType: 'ts', actuator: false,
    schema: { type: 'number', minimum: 0 }, vendor: 'databox-driver-smart-meter', periodMs: 5000,
    simulate: (rng) => counter(rng, { rate: 0.004, decimals: 3 }),
  },
  {
    id: 'steps', description: 'Steps counted by the phone', unit: 'steps', storeType: 'ts', actuator: false,
    schema: { type: 'number', minimum: 0 }, vendor: 'databox-driver-mobile', periodMs: 5000,
    simulate: (rng) => counter(rng, { rate: 6, decimals: 0 }),
  },
  {
    id: 'location', description: 'Phone location (latitude, longitude, accuracy in m)', unit: '', storeType: 'ts/blob', actuator: false,
    schema: { type: 'object', properties: { lat: number, lon: number, accuracy: number }, required: ['lat', 'lon'] },
    vendor: 'databox-driver-mobile', periodMs: 5000,
    simulate: (rng) => locationWalk(rng, { lat: 52.2053, lon: 0.1218 }),
  },
  {
    id: 'motion', description: 'Motion detected by a home sensor', unit: '', storeType: 'ts/blob', actuator: false,
    schema: { type: 'boolean' }, vendor: 'databox-driver-sensingkit', periodMs: 3000,
    simulate: (rng) => flag(rng, 0.15),
  },
  {
    id: 'light-state', description: 'State of a smart light (on, brightness 0-254, hue)', unit: '', storeType: 'ts/blob', actuator: false,
    schema: { type: 'object', properties: { on: { type: 'boolean' }, brightness: { type: 'number', minimum: 0, maximum: 254 }, hue: number }, required: ['on'] },
    vendor: 'databox-driver-phillips-hue', periodMs: 3000,
    simulate: (rng) => lightState(rng),
  },
  {
    id: 'set-light-on', description: 'Switch a smart light on or off', unit: '', storeType: 'ts/blob', actuator: true,
    schema: { type: 'boolean' }, vendor: 'databox-driver-phillips-hue', periodMs: 3000,
    simulate: (rng) => flag(rng, 0.5),
  },
  {
    id: 'set-light-brightness', description: 'Set a smart light\'s brightness (0-254)', unit: '', storeType: 'ts/blob', actuator: true,
    schema: { type: 'number', minimum: 0, maximum: 254 }, vendor: 'databox-driver-phillips-hue', periodMs: 3000,
    simulate: (rng) => meanReverting(rng, { mean: 127, sd: 40, min: 0, max: 254, decimals: 0 }),
  },
  {
    id: 'thermostat-setpoint', description: 'Set the heating target temperature', unit: '°C', storeType: 'ts', actuator: true,
    schema: { type: 'number', minimum: 5, maximum: 30 }, vendor: 'databox-driver-thermostat', periodMs: 10000,
    simulate: (rng) => meanReverting(rng, { mean: 20, sd: 1, min: 5, max: 30, decimals: 1 }),
  },
];

const byId = new Map(DATASOURCE_TYPES.map((type) => [type.id, type]));

/** The catalogue entry for a type id, or undefined for a free-text type. */
export function findDatasourceType(id: string): DatasourceType | undefined {
  return byId.get(id);
}

/**
 * A free-text type (one the catalogue does not know) still works: it is simulated as a
 * generic numeric series and stored as `ts`. This is what a node or the builder falls back on.
 */
export function datasourceTypeOrGeneric(id: string): DatasourceType {
  return byId.get(id) ?? {
    id, description: `Custom data source "${id}"`, unit: '', storeType: 'ts', actuator: false,
    schema: number, vendor: 'unknown', periodMs: 1000,
    simulate: (rng) => meanReverting(rng, { mean: 50, sd: 10, min: -1e9, max: 1e9, decimals: 2 }),
  };
}

/** A valid type id: the same alphabet as Databox's `hasType` values. */
export const DATASOURCE_TYPE_ID = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;
