/**
 * A flows file's JSON checked at the boundary: an array of nodes with string ids and types,
 * each id once. Pure.
 *
 * @example
 * parseFlows(JSON.parse(text)) // Flows, or throws DataboxError flows-invalid
 */
import { DataboxError } from '../../core/errors';
import { isFlowNode, type Flows } from '../../core/flow/flow.types';

export function parseFlows(value: unknown): Flows {
  const hint = 'Export the flow from Node-RED (Menu > Export > Download) and build that file';
  if (!Array.isArray(value)) throw new DataboxError('flows-invalid', 'the flows file is not a JSON array of nodes', { hint });
  const seen = new Set<string>();
  value.forEach((node: unknown, i) => {
    if (!isFlowNode(node)) throw new DataboxError('flows-invalid', `flows entry ${i} is not a node with a string "id" and "type"`, { hint });
    if (seen.has(node.id)) throw new DataboxError('flows-invalid', `node id ${node.id} appears twice in the flows file`, { hint });
    seen.add(node.id);
  });
  return value.filter(isFlowNode);
}
