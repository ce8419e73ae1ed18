/**
 * What a flow node contributes to the manifest, from its Databox description (nodes/), the one
 * place that knows which node reads a source, acts on one, sends data out or keeps the app's
 * own data: the builder's lineage, clientid and stripping logic ask here, never a list of
 * type names. Pure.
 *
 * @example
 * sourceOf(node)?.clientid   // 'loadavg1_1a2b3c4d' for a datasource node, undefined for others
 */
import type { FlowNode } from '../../core/flow/flow.types';
import type { Contribution } from '../../core/nodes/node-description';
import { findNodeDescription } from '../../nodes/descriptions';

export function contributionsOf(node: FlowNode): Contribution[] {
  return findNodeDescription(node.type)?.contributes(node) ?? [];
}

/** The source a node reads or acts on (a datasource or an actuator contribution), with its clientid. */
export function sourceOf(node: FlowNode): Extract<Contribution, { kind: 'datasource' | 'actuator' }> | undefined {
  return contributionsOf(node).find((c): c is Extract<Contribution, { kind: 'datasource' | 'actuator' }> => c.kind === 'datasource' || c.kind === 'actuator');
}
