/**
 * Flow and global context are a side channel: one node can store a message's data and
 * another read it later, with no wire between them. A node "touches" context when its code
 * mentions flow/global/context or a way to reach them indirectly (globalThis, this, eval,
 * Function, constructor) (function), its template reads flow./global. (template), or
 * one of its typed inputs/outputs is `flow` or `global` (change, switch, inject, trigger,
 * ...: the `*t`/`*Type` properties). Lineage links every toucher to every other one. Pure.
 *
 * @example
 * touchesContext({ id: 'f', type: 'function', func: 'flow.set("x", msg.payload)' }) // true
 */
import type { FlowNode } from '../../core/flow/flow.types';

// Besides the context objects themselves, words that can reach them without naming them
// (the sandbox's global object, dynamic code): such code counts as touching context.
const CODE_WORDS = /\b(flow|global|context|globalThis|this|eval|Function|constructor)\b/;
const TEMPLATE_WORDS = /\b(flow|global)\./;
const TYPE_KEY = /(t|type)$/i;

export function touchesContext(node: FlowNode): boolean {
  if (node.type === 'function') {
    return ['func', 'initialize', 'finalize'].some((key) => {
      const code = node[key];
      return typeof code === 'string' && CODE_WORDS.test(code);
    });
  }
  if (node.type === 'template' && typeof node.template === 'string' && TEMPLATE_WORDS.test(node.template)) return true;
  return hasContextType(node);
}

function hasContextType(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasContextType);
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([key, v]) =>
    (TYPE_KEY.test(key) && (v === 'flow' || v === 'global')) || (typeof v === 'object' && hasContextType(v)));
}
