import { gaussian, type Rng } from './rng';
import type { Simulator } from './catalogue.types';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Mean-reverting random walk (Ornstein-Uhlenbeck), clamped: load, memory, CPU. */
export function meanReverting(rng: Rng, opts: { mean: number; sd: number; min: number; max: number; decimals: number }): Simulator {
  let value = opts.mean + gaussian(rng) * opts.sd;
  return {
    next() {
      value += 0.2 * (opts.mean - value) + gaussian(rng) * opts.sd * 0.5;
      value = Math.min(opts.max, Math.max(opts.min, value));
      return round(value, opts.decimals);
    },
  };
}

/** A daily cycle plus noise: temperature, humidity, light level. */
export function dailyCycle(rng: Rng, opts: { mean: number; amplitude: number; noise: number; peakHour: number; min: number; max: number; decimals: number }): Simulator {
  const offset = gaussian(rng) * opts.noise;
  return {
    next(timeMs) {
      const phase = ((timeMs % DAY_MS) / DAY_MS - opts.peakHour / 24) * 2 * Math.PI;
      const value = opts.mean + offset + opts.amplitude * Math.cos(phase) + gaussian(rng) * opts.noise;
      return round(Math.min(opts.max, Math.max(opts.min, value)), opts.decimals);
    },
  };
}

/** A walk around a home position: phone location. */
export function locationWalk(rng: Rng, home: { lat: number; lon: number }): Simulator {
  let lat = home.lat;
  let lon = home.lon;
  return {
    next() {
      lat += gaussian(rng) * 0.0004 + (home.lat - lat) * 0.05;
      lon += gaussian(rng) * 0.0006 + (home.lon - lon) * 0.05;
      return { lat: round(lat, 6), lon: round(lon, 6), accuracy: round(5 + rng() * 20, 1) };
    },
  };
}

/** A smart light that is switched now and then and dimmed while on. */
export function lightState(rng: Rng): Simulator {
  let on = rng() < 0.5;
  let brightness = Math.round(rng() * 254);
  return {
    next() {
      if (rng() < 0.08) on = !on;
      if (on && rng() < 0.3) brightness = Math.min(254, Math.max(1, brightness + Math.round(gaussian(rng) * 30)));
      return { on, brightness: on ? brightness : 0, hue: 8418 };
    },
  };
}

/** A cumulative counter with a noisy rate: steps, energy. */
export function counter(rng: Rng, opts: { rate: number; decimals: number }): Simulator {
  let total = 0;
  return {
    next() {
      total += Math.max(0, opts.rate * (1 + gaussian(rng) * 0.5));
      return round(total, opts.decimals);
    },
  };
}

/** Occasional events: a motion sensor, a door. */
export function flag(rng: Rng, probability: number): Simulator {
  return { next: () => rng() < probability };
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
