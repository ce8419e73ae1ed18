/**
 * The nodes that travel with one tab: its own nodes, the subflows its instances use
 * (recursively, with their nodes), and the config nodes any of them refers to (recursively),
 * plus the global-config node. In the flows' original order. Pure.
 *
 * @example
 * const nodes = extractTab(flows, 'tab1');
 */
import type { FlowNode, Flows } from '../../core/flow/flow.types';
import { isConfigNode, subflowIdOf } from './flow.kinds';

export interface ExtractedTab {
  nodes: FlowNode[];
  /** Subflow instances whose subflow is not in the flows file. */
  missingSubflows: FlowNode[];
}

export function extractTab(flows: Flows, tabId: string): ExtractedTab {
  const byId = new Map(flows.map((n) => [n.id, n]));
  const included = new Set<string>([tabId]);
  const missing: FlowNode[] = [];
  const scopes = [tabId];
  for (let scope = scopes.pop(); scope !== undefined; scope = scopes.pop()) {
    for (const node of flows) {
      if (node.z !== scope || included.has(node.id)) continue;
      included.add(node.id);
      const subflowId = subflowIdOf(node);
      if (subflowId === undefined) continue;
      const subflow = byId.get(subflowId);
      if (!subflow || subflow.type !== 'subflow') missing.push(node);
      else if (!included.has(subflowId)) { included.add(subflowId); scopes.push(subflowId); }
    }
  }
  const configIds = new Set(flows.filter(isConfigNode).map((n) => n.id));
  const work = flows.filter((n) => included.has(n.id) || n.type === 'global-config');
  for (const node of work) included.add(node.id);
  for (let node = work.pop(); node !== undefined && configIds.size > 0; node = work.pop()) {
    for (const ref of referencedIds(node)) {
      const target = byId.get(ref);
      if (target && !included.has(ref) && configIds.has(ref)) { included.add(ref); work.push(target); }
    }
  }
  return { nodes: flows.filter((n) => included.has(n.id)), missingSubflows: missing };
}

/** Every string anywhere in a node's properties (config references are plain id strings). */
function referencedIds(node: FlowNode): Set<string> {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') found.add(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit);
  };
  for (const [key, value] of Object.entries(node)) if (key !== 'id' && key !== 'z') visit(value);
  return found;
}
