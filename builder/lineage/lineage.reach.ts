/**
 * The graph's edges and reachability: add an edge, and every vertex reachable from some
 * starts. Pure.
 *
 * @example
 * reach({ edges: new Map([['a', new Set(['b'])]]), sources: new Map(), sinks: new Map() }, ['a']) // Set {'a', 'b'}
 */
import type { LineageGraph } from './lineage.types';

/** Adds the edge from -> to. */
export function addEdge(graph: LineageGraph, from: string, to: string): void {
  const set = graph.edges.get(from) ?? new Set<string>();
  set.add(to);
  graph.edges.set(from, set);
}

/**
 * Every vertex reachable from the starts (the starts included).
 *
 * @example
 * reach(lineageGraph(flows), ['ds1']).has('export1') // true when ds1's data can reach export1
 */
export function reach(graph: LineageGraph, starts: Iterable<string>): Set<string> {
  const seen = new Set<string>(starts);
  const queue = [...seen];
  for (let at = queue.pop(); at !== undefined; at = queue.pop()) {
    for (const next of graph.edges.get(at) ?? []) if (!seen.has(next)) { seen.add(next); queue.push(next); }
  }
  return seen;
}
