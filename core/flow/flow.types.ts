/**
 * The shape of Node-RED's flows.json as the builder and tools see it: an array of nodes,
 * where tabs, subflows and config nodes are nodes too. Only the fields every node has are
 * typed; the rest stays `unknown` and is read through the helpers below.
 */
export interface FlowNode {
  id: string;
  type: string;
  name?: string;
  /** The tab or subflow the node sits in; config nodes may have none. */
  z?: string;
  /** Output ports: wires[port] = ids of the nodes that port connects to. */
  wires?: string[][];
  [property: string]: unknown;
}

export type Flows = FlowNode[];

export function stringProp(node: FlowNode, key: string): string {
  const value = node[key];
  return typeof value === 'string' ? value : '';
}

export function booleanProp(node: FlowNode, key: string, fallback: boolean): boolean {
  const value = node[key];
  return typeof value === 'boolean' ? value : fallback;
}

export function numberProp(node: FlowNode, key: string, fallback: number): number {
  const value = node[key];
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(parsed) ? parsed : fallback;
}

export function isFlowNode(value: unknown): value is FlowNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    && typeof (value as { id?: unknown }).id === 'string'
    && typeof (value as { type?: unknown }).type === 'string';
}
