/**
 * Two datasource/actuator nodes may share a clientid only when they mean the same source:
 * same kind and same data-source type (they then share one manifest entry). Pure.
 *
 * @example
 * checkClientIds(flows) // [DataboxError clientid-conflict] when "lights" is both a sensor and an actuator
 */
import { DataboxError } from '../../core/errors';
import type { FlowNode } from '../../core/flow/flow.types';
import { sourceOf } from '../compile/node.contributions';
import { nodeRef } from './validate.nodes';

export function checkClientIds(nodes: readonly FlowNode[]): DataboxError[] {
  const first = new Map<string, { node: FlowNode; kind: string; type: string }>();
  const problems: DataboxError[] = [];
  for (const node of nodes) {
    const source = sourceOf(node);
    if (!source) continue;
    const claimed = first.get(source.clientid);
    if (!claimed) { first.set(source.clientid, { node, kind: source.kind, type: source.type }); continue; }
    if (claimed.kind !== source.kind || claimed.type !== source.type) {
      problems.push(new DataboxError('clientid-conflict', `clientid "${source.clientid}" is claimed by node ${claimed.node.id} (${claimed.kind} of type "${claimed.type}") and by this node (${source.kind} of type "${source.type}")`, {
        hint: 'Give one of the two nodes another client id (or leave it empty to derive one)', node: nodeRef(node),
      }));
    }
  }
  return problems;
}
