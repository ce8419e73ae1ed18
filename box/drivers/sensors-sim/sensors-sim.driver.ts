/**
 * The sensors-sim program: registers its sources (described as simulated), then every
 * `DATABOX_INTERVAL_MS` writes a temperature, humidity, motion and light-state reading from the
 * catalogue's seeded models on the wall clock. It observes its two actuator series: a value an
 * app writes there changes the simulated light and a light-state reading follows at once; a
 * value the actuator's schema refuses is logged and ignored.
 */
import { findDatasourceType } from '../../../core/catalogue/catalogue';
import { seededRng, seedFrom } from '../../../core/catalogue/rng';
import type { Simulator } from '../../../core/catalogue/catalogue.types';
import { every } from '../driver.loop';
import { catalogueSource, type DriverSource } from '../driver.source';
import type { DriverProgram } from '../driver.types';
import { simulatedLight, type LightReading } from './sensors-sim.light';
import { ACTUATOR_TYPES, SENSOR_TYPES, SENSORS_SIM_MANIFEST } from './sensors-sim.manifest';

const sourceOf = (type: string): DriverSource => {
  const source = catalogueSource(type, 'sensors-sim');
  return { ...source, description: `Simulated: ${source.description}` };
};

export const sensorsSim: DriverProgram = {
  name: 'sensors-sim',
  manifest: SENSORS_SIM_MANIFEST,
  async start({ env, client, log }) {
    const seed = env.localName ?? 'sensors-sim';
    const simulator = (type: string): Simulator => {
      const known = findDatasourceType(type);
      if (!known) throw new Error(`${type} is not in the catalogue`);
      return known.simulate(seededRng(seedFrom(`${seed}/${type}`)));
    };
    const sensors = (['temperature', 'humidity', 'motion'] as const).map((type) => ({ source: sourceOf(type), sim: simulator(type) }));
    const lightSource = sourceOf('light-state');
    const light = simulatedLight(asLightReading(simulator('light-state').next(Date.now())));
    for (const type of [...SENSOR_TYPES, ...ACTUATOR_TYPES]) await client.register(sourceOf(type));

    // light-state writes go one after another, each with the light as it is when it is sent:
    // no reading from before an actuation lands after the one that shows it.
    let lightWrites: Promise<unknown> = Promise.resolve();
    const writeLight = (): Promise<number> => {
      const next = lightWrites.then(() => client.write(lightSource, light.reading()));
      lightWrites = next.catch(() => undefined);
      return next;
    };
    const observers: (() => void)[] = [];
    try {
      for (const type of ACTUATOR_TYPES) {
        observers.push(await client.observe(sourceOf(type), (value) => {
          const problem = light.apply(type, value);
          if (problem !== undefined) {
            log(`sensors-sim: ignored ${type} ${JSON.stringify(value)?.slice(0, 100)}: ${problem}`);
            return;
          }
          writeLight().catch((error: unknown) => log(`sensors-sim: writing light-state after ${type} failed: ${error instanceof Error ? error.message : String(error)}`));
        }, (error) => log(`sensors-sim: observing ${type}: ${error.message}`)));
      }
    } catch (error) {
      for (const stop of observers) stop();
      throw error;
    }

    const loop = every(env.intervalMs, async () => {
      const now = Date.now();
      await Promise.all([client.writeBatch(sensors.map(({ source, sim }) => ({ source, value: sim.next(now) }))), writeLight()]);
    }, { log, what: 'sensors-sim: writing simulated readings' });
    return {
      summary: `simulating ${SENSOR_TYPES.join(', ')} every ${env.intervalMs} ms, observing ${ACTUATOR_TYPES.join(', ')}`,
      async stop() {
        for (const stop of observers) stop();
        await loop.stop();
        await lightWrites;
      },
    };
  },
};

/** The catalogue light model's first reading, as the fields the simulated light keeps. */
function asLightReading(value: unknown): LightReading {
  const field = (name: string): unknown => (typeof value === 'object' && value !== null ? Reflect.get(value, name) : undefined);
  const brightness = field('brightness');
  const hue = field('hue');
  return { on: field('on') === true, brightness: typeof brightness === 'number' ? brightness : 0, hue: typeof hue === 'number' ? hue : 8418 };
}
