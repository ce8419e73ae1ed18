/**
 * The box's protocols, one implementation for the services and their clients: the datastore
 * API (read types, paths, answers, aggregations, tag filters, and the in-memory reference
 * preview mode serves) and the export service's answers.
 */
export * from './datastore.types';
export { addValue, aggregateValues, emptyMoments, fromMoments, mergeMoments, type Moments } from './datastore.aggregate';
export { matchesFilter } from './datastore.filter';
export { numericValue, readRows, selectRows } from './datastore.rows';
export { readPath, seriesPath } from './datastore.paths';
export { parseReadAnswer } from './datastore.answer';
export { parseExportAnswer, type ExportResult, type ExportState } from './export.types';
