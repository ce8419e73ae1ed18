export * from './catalogue';
export * from './catalogue.types';
export { valueProblem } from './catalogue.value';
export { parseReplayCsv, REPLAY_LIMITS } from './replay.csv';
export { seededRng, seedFrom, type Rng } from './rng';
