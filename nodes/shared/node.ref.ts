/**
 * A node's reference for errors (`DataboxError.node`), so the editor can select it.
 *
 * @example
 * new DataboxError('x', 'what went wrong', { node: nodeRef(node) });
 */
import type { NodeRef } from '../../core/errors';

export function nodeRef(node: { id: string; type: string; name?: string }): NodeRef {
  return { id: node.id, type: node.type, ...(node.name ? { name: node.name } : {}) };
}
