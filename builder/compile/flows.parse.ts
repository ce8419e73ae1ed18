/**
 * A flows file's JSON checked at the boundary: an array of nodes with string ids and types,
 * each id once, none nested deeper than a bundle may be (MAX_JSON_DEPTH: a node 10,000 levels
 * deep would overflow the stack when it is copied or written out). Pure.
 *
 * @example
 * parseFlows(JSON.parse(text)) // Flows, or throws DataboxError flows-invalid
 */
import { DataboxError } from '../../core/errors';
import { isFlowNode, type Flows } from '../../core/flow/flow.types';
import { MAX_JSON_DEPTH, valueDepth } from '../../core/json/json.limits';

export function parseFlows(value: unknown): Flows {
  const hint = 'Export the flow from Node-RED (Menu > Export > Download) and build that file';
  if (!Array.isArray(value)) throw new DataboxError('flows-invalid', 'the flows file is not a JSON array of nodes', { hint });
  const seen = new Set<string>();
  value.forEach((node: unknown, i) => {
    if (!isFlowNode(node)) throw new DataboxError('flows-invalid', `flows entry ${i} is not a node with a string "id" and "type"`, { hint });
    if (seen.has(node.id)) throw new DataboxError('flows-invalid', `node id ${node.id} appears twice in the flows file`, { hint });
    // The array is level 1, so a node may nest one level less than a bundle's flows.json.
    if (valueDepth(node, MAX_JSON_DEPTH - 1) > MAX_JSON_DEPTH - 1) {
      throw new DataboxError('flows-too-deep', `node ${node.id} (${node.type}) nests its settings more than ${MAX_JSON_DEPTH - 1} levels deep`, {
        hint: 'Flatten the node\'s settings; a bundle keeps at most 64 levels of nesting', node: { id: node.id, type: node.type },
      });
    }
    seen.add(node.id);
  });
  return value.filter(isFlowNode);
}
