import type { Rng } from './rng';

/** How a store keeps a source: numeric time series, blob time series, or key-value. */
export type StoreType = 'ts' | 'ts/blob' | 'kv';

/** A JSON-schema subset, enough to describe a reading and to validate one. */
export type ValueSchema =
  | { type: 'number'; minimum?: number; maximum?: number }
  | { type: 'boolean' }
  | { type: 'string'; enum?: string[] }
  | { type: 'object'; properties: Record<string, ValueSchema>; required?: string[] };

/** A model that makes realistic readings for preview: `next(t)` at increasing times (ms). */
export interface Simulator {
  next(timeMs: number): unknown;
}

export interface DatasourceType {
  /** The `hasType` a driver provides and a manifest's datasource asks for, e.g. `loadavg1`. */
  id: string;
  description: string;
  /** Unit of a reading ('' when it has none), e.g. `%`, `°C`. */
  unit: string;
  storeType: StoreType;
  /** True for sources that take writes to act on a device (a light, a thermostat). */
  actuator: boolean;
  schema: ValueSchema;
  /** The driver that provides this type on a real box. */
  vendor: string;
  /** Typical interval between readings in preview, ms. */
  periodMs: number;
  /** Makes a simulator for this type, from a seeded random source. */
  simulate(rng: Rng): Simulator;
}
