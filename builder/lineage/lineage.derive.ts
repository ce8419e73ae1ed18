/**
 * Lineage: for every export and actuator in a bundle's flows, the clientids of the
 * datasources whose data can reach it (see lineage.graph.ts for what counts as a path).
 * Sorted by kind, sink and source, so the same flow always gives the same lineage. Pure.
 *
 * @example
 * deriveLineage(flows)
 * // [{ kind: 'export', sink: 'https://example.org/in', sources: ['loadavg1_ab12cd34'] }]
 */
import type { FlowNode } from '../../core/flow/flow.types';
import type { LineageEntry } from '../../core/manifest/manifest.types';
import { lineageGraph, reach } from './lineage.graph';

export function deriveLineage(flows: readonly FlowNode[]): LineageEntry[] {
  const graph = lineageGraph(flows);
  const bySink = new Map<string, LineageEntry>();
  const entry = (kind: LineageEntry['kind'], sink: string): LineageEntry => {
    const key = `${kind}\u0000${sink}`;
    const found = bySink.get(key) ?? { kind, sink, sources: [] };
    bySink.set(key, found);
    return found;
  };
  for (const { kind, sink } of graph.sinks.values()) entry(kind, sink);
  for (const [vertex, clientid] of graph.sources) {
    const starts = graph.edges.get(vertex) ?? new Set<string>();
    for (const reached of reach(graph, starts)) {
      const sink = graph.sinks.get(reached);
      if (sink) entry(sink.kind, sink.sink).sources.push(clientid);
    }
  }
  return [...bySink.values()]
    .map((e) => ({ ...e, sources: [...new Set(e.sources)].sort() }))
    .sort((a, b) => compare(a.kind, b.kind) || compare(a.sink, b.sink));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
