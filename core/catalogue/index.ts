export * from './catalogue';
export * from './catalogue.types';
export { valueProblem } from './catalogue.value';
export { seededRng, seedFrom, type Rng } from './rng';
