/**
 * The bundle's flows from a tab's nodes: debug and comment nodes removed along with every
 * reference to them (wires, link targets, group members, subflow ports, catch/status/complete
 * scopes), links to nodes outside the bundle dropped, `credentials` removed, and empty
 * clientids written in. Pure:
 * the input is not changed.
 *
 * @example
 * const flows = bundleFlows(extractTab(all, 'tab1').nodes);
 */
import type { FlowNode } from '../../core/flow/flow.types';
import { STRIPPED_TYPES } from './flow.kinds';
import { sourceOf } from './node.contributions';

export function bundleFlows(nodes: readonly FlowNode[]): FlowNode[] {
  const kept = nodes.filter((n) => !STRIPPED_TYPES.has(n.type));
  const keep = new Set(kept.map((n) => n.id));
  const ids = (value: unknown): unknown => (Array.isArray(value) ? value.filter((id) => typeof id === 'string' && keep.has(id)) : value);
  /** A subflow port `{wires: [{id, port}]}` without wires to removed nodes. */
  const port = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null || !('wires' in value) || !Array.isArray(value.wires)) return value;
    return { ...value, wires: value.wires.filter((w: unknown) => typeof w === 'object' && w !== null && 'id' in w && typeof w.id === 'string' && keep.has(w.id)) };
  };
  const ports = (value: unknown): unknown => (Array.isArray(value) ? value.map(port) : value);

  return kept.map((original) => {
    const node: FlowNode = structuredClone(original);
    // Secrets never travel: Node-RED keeps credentials in flows_cred.json, but an export
    // "with credentials" puts them on the nodes, and a bundle ends up in an image.
    delete node.credentials;
    if (Array.isArray(node.wires)) node.wires = node.wires.map((port) => (Array.isArray(port) ? port.filter((id) => keep.has(id)) : port));
    if ('links' in node) node.links = ids(node.links);
    if (node.type === 'group' && 'nodes' in node) node.nodes = ids(node.nodes);
    if (Array.isArray(node.scope)) node.scope = ids(node.scope);
    if (node.type === 'subflow') {
      node.in = ports(node.in);
      node.out = ports(node.out);
      if (node.status !== undefined) node.status = port(node.status);
    }
    if (node.z !== undefined && node.z !== '' && !keep.has(node.z)) delete node.z;
    const source = sourceOf(original);
    if (source) node.clientid = source.clientid;
    return node;
  });
}
