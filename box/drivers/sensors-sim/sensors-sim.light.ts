/**
 * The simulated smart light: it starts as the catalogue's light model says and then changes
 * only when an app acts on it, as a light with nobody at the switch does. `set-light-on`
 * switches it; `set-light-brightness` dims it (1-254 also switches it on, 0 switches it off
 * and keeps the level for the next switch on). A reading says brightness 0 while it is off,
 * as the catalogue model does. A value its actuator's schema refuses changes nothing. Pure.
 *
 * @example
 * const light = simulatedLight({ on: true, brightness: 200, hue: 8418 });
 * light.apply('set-light-on', false);      // undefined (applied)
 * light.reading();                         // { on: false, brightness: 0, hue: 8418 }
 * light.apply('set-light-on', 'banana');   // 'value must be true or false'
 */
import { findDatasourceType } from '../../../core/catalogue/catalogue';
import { valueProblem } from '../../../core/catalogue/catalogue.value';
import type { ActuatorType } from './sensors-sim.manifest';

export interface LightReading {
  on: boolean;
  brightness: number;
  hue: number;
}

export interface SimulatedLight {
  reading(): LightReading;
  /** Acts on the light; answers what was wrong with the value when it was not applied. */
  apply(actuator: ActuatorType, value: unknown): string | undefined;
}

const DEFAULT_LEVEL = 127;

export function simulatedLight(initial: LightReading): SimulatedLight {
  let on = initial.on;
  let level = initial.brightness > 0 ? initial.brightness : DEFAULT_LEVEL;
  const hue = initial.hue;
  return {
    reading: () => ({ on, brightness: on ? level : 0, hue }),
    apply(actuator, value) {
      const schema = findDatasourceType(actuator)?.schema;
      const problem = schema ? valueProblem(schema, value) : `${actuator} is not an actuator of this light`;
      if (problem !== undefined) return problem;
      if (actuator === 'set-light-on') on = value === true;
      else if (typeof value === 'number') {
        const brightness = Math.round(value);
        if (brightness === 0) on = false;
        else { on = true; level = brightness; }
      }
      return undefined;
    },
  };
}
