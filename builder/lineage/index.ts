/** Data lineage: which datasources can reach each export and actuator of a flow. */
export { deriveLineage } from './lineage.derive';
export { lineageGraph, reach, MAX_VERTICES, type LineageGraph, type Sink } from './lineage.graph';
export { touchesContext } from './lineage.context';
