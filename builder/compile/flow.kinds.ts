/**
 * What kind of thing a flows.json entry is. Pure.
 *
 * @example
 * isConfigNode({ id: 'b', type: 'mqtt-broker' }) // true: no wires, no position
 */
import type { FlowNode } from '../../core/flow/flow.types';

export const STRUCTURAL_TYPES: ReadonlySet<string> = new Set(['tab', 'subflow', 'group']);

/** Nodes that only help the developer: removed from the bundle, with every wire to them. */
export const STRIPPED_TYPES: ReadonlySet<string> = new Set(['debug', 'comment']);

/** Config nodes have no position and no wires (flow nodes always have both). */
export function isConfigNode(node: FlowNode): boolean {
  return !STRUCTURAL_TYPES.has(node.type) && !('wires' in node) && !('x' in node);
}

/**
 * The subflow id of a subflow instance (`subflow:<id>`), or undefined.
 *
 * @example
 * subflowIdOf({ id: 'i', type: 'subflow:ab12' }) // 'ab12'
 */
export function subflowIdOf(node: FlowNode): string | undefined {
  return node.type.startsWith('subflow:') ? node.type.slice('subflow:'.length) : undefined;
}
