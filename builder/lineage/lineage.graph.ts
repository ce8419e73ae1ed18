/**
 * The data-flow graph of a bundle's flows, for lineage. Each subflow instance gets its own
 * copy of the subflow's nodes (vertex ids `<instance>/<inner id>`, nested as deep as the
 * subflows go), as Node-RED itself does at run time, so data entering one instance does not
 * appear to leave another. Edges (an edge means "data at A can reach B"):
 * - wires, from every output port (function nodes, switch, change, ...);
 * - link out -> its link in targets; link call -> its link in targets (dynamic calls: every
 *   link in); a link out in "return" mode -> the outputs of each link call that reaches it;
 * - subflow instance -> the subflow's input wires; subflow output port k -> the instance's
 *   wires[k] (and the status port -> the instance's last port);
 * - catch, status and complete nodes receive from every node in their scope (the messages
 *   they emit carry the original message or the node's status text: a data path);
 * - context: every node that touches flow/global context -> every other such node;
 * - app data nodes: every app data node -> every app data node (write now, read later).
 * Pure.
 *
 * @example
 * const graph = lineageGraph(bundleFlows);
 */
import { DataboxError } from '../../core/errors';
import { stringProp, type FlowNode } from '../../core/flow/flow.types';
import { isConfigNode, subflowIdOf } from '../compile/flow.kinds';
import { contributionsOf } from '../compile/node.contributions';
import { touchesContext } from './lineage.context';
import { linkReturns, outputOf, portList } from './lineage.ports';
import { addEdge } from './lineage.reach';
import type { LineageGraph } from './lineage.types';

export type { LineageGraph, Sink } from './lineage.types';
export { reach } from './lineage.reach';

/** Most vertices a graph may have (nested subflows multiply): a hostile flow stops here. */
export const MAX_VERTICES = 200_000;
const SCOPED_TYPES: ReadonlySet<string> = new Set(['catch', 'status', 'complete']);

export function lineageGraph(flows: readonly FlowNode[]): LineageGraph {
  const byId = new Map(flows.map((n) => [n.id, n]));
  const tab = flows.find((n) => n.type === 'tab');
  const members = new Map<string, FlowNode[]>();
  for (const node of flows) {
    if (node.type === 'tab' || node.type === 'subflow' || node.type === 'group' || isConfigNode(node)) continue;
    const list = members.get(node.z ?? '') ?? [];
    list.push(node);
    members.set(node.z ?? '', list);
  }
  const graph: LineageGraph = { edges: new Map(), sources: new Map(), sinks: new Map() };
  const vertices = new Map<string, { node: FlowNode; prefix: string }>();
  const calls: { vertex: string; targets: string[] }[] = [];
  const returns = new Set<string>();
  const scoped: { vertex: string; node: FlowNode; prefix: string }[] = [];
  const edge = (from: string, to: string | undefined): void => {
    if (to !== undefined) addEdge(graph, from, to);
  };
  const rootScope = tab?.id ?? '';
  const linkInsOf = (scope: string) => (members.get(scope) ?? []).filter((n) => n.type === 'link in').map((n) => n.id);
  /** A link target: in the same scope (same prefix) or on the tab (no prefix). */
  const resolveLink = (id: string, scope: string, prefix: string): string | undefined => {
    const target = byId.get(id);
    if (!target) return undefined;
    if (target.z === scope) return prefix + id;
    return target.z === rootScope ? id : undefined;
  };

  const expand = (scope: string, prefix: string, stack: readonly string[]): void => {
    for (const node of members.get(scope) ?? []) {
      const vertex = prefix + node.id;
      vertices.set(vertex, { node, prefix });
      if (vertices.size > MAX_VERTICES) {
        throw new DataboxError('flow-too-large', `the flow expands to more than ${MAX_VERTICES} nodes (nested subflows multiply)`, {
          hint: 'Use fewer nested subflow instances', node: { id: node.id, type: node.type, ...(node.name ? { name: node.name } : {}) },
        });
      }
      // A link call's outputs carry only what comes back through a return-mode link out; a
      // subflow instance's outputs only what its subflow sends there (wired in enterSubflow).
      const subflowId = subflowIdOf(node);
      const subflow = subflowId === undefined ? undefined : byId.get(subflowId);
      const isInstance = subflow?.type === 'subflow';
      const from = node.type === 'link call' ? `${vertex}#return` : vertex;
      if (!isInstance) (node.wires ?? []).forEach((port) => port.forEach((to) => edge(from, prefix + to)));
      for (const c of contributionsOf(node)) {
        if (c.kind === 'datasource') graph.sources.set(vertex, c.clientid);
        if (c.kind === 'actuator') graph.sinks.set(vertex, { kind: 'actuator', sink: c.clientid });
        if (c.kind === 'export') graph.sinks.set(vertex, { kind: 'export', sink: c.url });
      }
      if (SCOPED_TYPES.has(node.type)) scoped.push({ vertex, node, prefix });
      const links = Array.isArray(node.links) ? node.links.filter((l): l is string => typeof l === 'string') : [];
      if (node.type === 'link out') {
        if (stringProp(node, 'mode') === 'return') returns.add(vertex);
        else links.forEach((l) => edge(vertex, resolveLink(l, scope, prefix)));
      }
      if (node.type === 'link call') {
        const ids = stringProp(node, 'linkType') === 'dynamic' ? [...new Set([...linkInsOf(scope), ...linkInsOf(rootScope)])] : links;
        const targets = ids.map((l) => resolveLink(l, scope, prefix)).filter((t): t is string => t !== undefined);
        targets.forEach((t) => edge(vertex, t));
        calls.push({ vertex, targets });
      }
      if (subflowId !== undefined && subflow && isInstance && !stack.includes(subflowId)) {
        enterSubflow(node, vertex, prefix, subflow, [...stack, subflowId]);
      }
    }
  };

  const enterSubflow = (instance: FlowNode, vertex: string, prefix: string, subflow: FlowNode, stack: string[]): void => {
    const inner = `${vertex}/`;
    expand(subflow.id, inner, stack);
    for (const port of portList(subflow.in)) for (const { id } of port) edge(vertex, id === subflow.id ? undefined : inner + id);
    const outs = portList(subflow.out);
    const statusPort = subflow.status === undefined ? [] : portList([subflow.status]);
    [...outs, ...statusPort].forEach((port, k) => {
      const out = `${vertex}#out${k}`;
      (instance.wires?.[k] ?? []).forEach((to) => edge(out, prefix + to));
      for (const { id, port: p } of port) edge(id === subflow.id ? vertex : outputOf(inner + id, byId.get(id), p), out);
    });
  };

  expand(rootScope, '', []);

  for (const { vertex, node, prefix } of scoped) {
    const scope = Array.isArray(node.scope) ? node.scope.filter((s): s is string => typeof s === 'string').map((s) => prefix + s) : [prefix];
    for (const other of vertices.keys()) {
      if (other === vertex) continue;
      if (scope.some((s) => other === s || other.startsWith(s.endsWith('/') || s === '' ? s : `${s}/`))) edge(other, vertex);
    }
  }
  const touchers = [...vertices].filter(([, v]) => touchesContext(v.node)).map(([id]) => id);
  const stores = [...vertices].filter(([, v]) => contributionsOf(v.node).some((c) => c.kind === 'own-datastore')).map(([id]) => id);
  for (const group of [touchers, stores]) for (const a of group) for (const b of group) if (a !== b) edge(a, b);

  linkReturns(graph, calls, returns);
  return graph;
}
