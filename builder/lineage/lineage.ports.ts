/**
 * Subflow ports and link returns in the lineage graph. Pure.
 *
 * @example
 * portList([{ wires: [{ id: 'n1', port: 1 }] }]) // [[{ id: 'n1', port: 1 }]]
 */
import type { FlowNode } from '../../core/flow/flow.types';
import { subflowIdOf } from '../compile/flow.kinds';
import { addEdge, reach } from './lineage.reach';
import type { LineageGraph } from './lineage.types';

/** A return-mode link out sends back to every link call that reaches it; repeated until stable. */
export function linkReturns(graph: LineageGraph, calls: { vertex: string; targets: string[] }[], returns: Set<string>): void {
  let changed = returns.size > 0;
  while (changed) {
    changed = false;
    for (const call of calls) {
      const back = `${call.vertex}#return`;
      for (const reached of reach(graph, call.targets)) {
        if (returns.has(reached) && !graph.edges.get(reached)?.has(back)) {
          addEdge(graph, reached, back);
          changed = true;
        }
      }
    }
  }
}

/** Where a node's output port p starts: a nested instance's port vertex, else the node itself (any port). */
export function outputOf(vertex: string, node: FlowNode | undefined, port: number): string {
  if (node && subflowIdOf(node) !== undefined) return `${vertex}#out${port}`;
  return node?.type === 'link call' ? `${vertex}#return` : vertex;
}

/** A subflow's `in`/`out` ports: `[{wires: [{id, port}]}]`. */
export function portList(value: unknown): { id: string; port: number }[][] {
  if (!Array.isArray(value)) return [];
  return value.map((port: unknown) => {
    if (typeof port !== 'object' || port === null || !('wires' in port) || !Array.isArray(port.wires)) return [];
    return port.wires.flatMap((w: unknown) => (typeof w === 'object' && w !== null && 'id' in w && typeof w.id === 'string'
      ? [{ id: w.id, port: 'port' in w && typeof w.port === 'number' ? w.port : 0 }] : []));
  });
}
