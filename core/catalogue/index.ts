export * from './catalogue';
export * from './catalogue.types';
export { seededRng, seedFrom, type Rng } from './rng';
