/**
 * Two datasource/actuator nodes may share a clientid only when they mean the same source:
 * same kind and same data-source type (they then share one manifest entry). Pure.
 *
 * @example
 * checkClientIds(flows) // [DataboxError clientid-conflict] when "lights" is both a sensor and an actuator
 */
import { DataboxError } from '../../core/errors';
import { stringProp, type FlowNode } from '../../core/flow/flow.types';
import { deriveClientId } from '../../core/nodes/clientid';
import { nodeRef } from './validate.nodes';

const KINDS: ReadonlyMap<string, string> = new Map([['databox-datasource', 'datasource'], ['databox-actuator', 'actuator']]);

export function checkClientIds(nodes: readonly FlowNode[]): DataboxError[] {
  const first = new Map<string, FlowNode>();
  const problems: DataboxError[] = [];
  for (const node of nodes) {
    const kind = KINDS.get(node.type);
    if (kind === undefined) continue;
    const clientid = deriveClientId(node);
    const claimed = first.get(clientid);
    if (!claimed) { first.set(clientid, node); continue; }
    const what = (n: FlowNode) => `${KINDS.get(n.type)} of type "${stringProp(n, 'datasourceType')}"`;
    if (claimed.type !== node.type || stringProp(claimed, 'datasourceType') !== stringProp(node, 'datasourceType')) {
      problems.push(new DataboxError('clientid-conflict', `clientid "${clientid}" is claimed by node ${claimed.id} (${what(claimed)}) and by this node (${what(node)})`, {
        hint: `Give one of the two nodes another client id (or leave it empty to derive one)`, node: nodeRef(node),
      }));
    }
  }
  return problems;
}
