/**
 * Per-node checks: is the type known and allowed, is a Databox node configured, does a
 * function node stay inside its sandbox. Pure; one DataboxError per problem, naming the node.
 *
 * @example
 * checkNode({ id: 'e1', type: 'exec', z: 't' }, context) // [DataboxError node-forbidden]
 */
import { DataboxError, type NodeRef } from '../../core/errors';
import type { FlowNode } from '../../core/flow/flow.types';
import { findNodeDescription } from '../../nodes/descriptions';
import { STRUCTURAL_TYPES, subflowIdOf } from '../compile/flow.kinds';
import type { NodeModuleRef } from '../modules/modules.types';
import { ALLOWED_CORE_TYPES, FORBIDDEN_TYPES, UNKNOWN_PLACEHOLDER } from './node.policy';

export interface NodeCheckContext {
  /** Ids of the subflow definitions in the flows. */
  subflows: ReadonlySet<string>;
  /** Installed third-party node types. */
  modules: ReadonlyMap<string, NodeModuleRef>;
}

/**
 * @example
 * nodeRef({ id: 'e1', type: 'exec', name: 'curl it' }) // { id: 'e1', type: 'exec', name: 'curl it' }
 */
export function nodeRef(node: FlowNode): NodeRef {
  const name = typeof node.name === 'string' && node.name !== '' ? node.name : typeof node.label === 'string' && node.label !== '' ? node.label : undefined;
  return { id: node.id, type: node.type, ...(name === undefined ? {} : { name }) };
}

export function checkNode(node: FlowNode, context: NodeCheckContext): DataboxError[] {
  const ref = nodeRef(node);
  const forbidden = FORBIDDEN_TYPES.get(node.type);
  if (forbidden !== undefined) {
    return [new DataboxError('node-forbidden', `"${node.type}" nodes are not allowed in a box app: ${forbidden}`, {
      hint: 'Remove the node (send data off the box with a Databox export node; act on devices with an actuator node)', node: ref,
    })];
  }
  if (STRUCTURAL_TYPES.has(node.type)) return [];
  const subflowId = subflowIdOf(node);
  if (subflowId !== undefined) {
    return context.subflows.has(subflowId) ? [] : [new DataboxError('subflow-missing', `the subflow ${subflowId} this instance uses is not in the flows file`, {
      hint: 'Export the flow together with its subflows (Menu > Export > all flows), or remove the instance', node: ref,
    })];
  }
  const description = findNodeDescription(node.type);
  if (description) {
    // Each problem sentence says what is wrong and what to do: it is the hint.
    return description.problems(node).map((problem) => new DataboxError(description.problemCode ?? 'node-config-invalid', `the ${description.paletteLabel} node is not configured right`, {
      hint: problem, node: ref,
    }));
  }
  if (node.type === 'function') return checkFunction(node, ref);
  if (ALLOWED_CORE_TYPES.has(node.type) || (node.type !== UNKNOWN_PLACEHOLDER && context.modules.has(node.type))) return [];
  return [new DataboxError('node-unknown', `node type "${node.type}" is not a Node-RED core node, a Databox node or a node of an installed module`, {
    hint: 'Install the node module that provides it where you build (npm install <module>), or remove the node', node: ref,
  })];
}

/** A function node may not load modules (`libs`): that would reach past its sandbox. */
function checkFunction(node: FlowNode, ref: NodeRef): DataboxError[] {
  const libs = Array.isArray(node.libs) ? node.libs : [];
  if (libs.length === 0) return [];
  const names = libs.map((lib: unknown) => (typeof lib === 'object' && lib !== null && 'module' in lib ? String(lib.module) : '?')).join(', ');
  return [new DataboxError('node-forbidden', `function nodes may not load modules in a box app (this one loads ${names})`, {
    hint: 'Remove the modules from the function\'s Setup tab; use core or Databox nodes, or an installed node module, instead', node: ref,
  })];
}
