/**
 * JSON from outside (a bundle, a request body) with its nesting limited. V8's `JSON.parse`
 * copes with any depth, but `JSON.stringify`, `structuredClone` and every recursive walk
 * after it overflow the stack (a 20 KB file of `[[[[...` is 10,000 levels), so the depth is
 * checked on the text before it is parsed: a linear scan, strings skipped. Pure.
 *
 * @example
 * parseJsonWithin('{"a": [1, 2]}', 64, 'flows.json')   // { a: [1, 2] }
 * jsonDepth('[[[]]]')                                   // 3
 */
import { DataboxError } from '../errors';

/** Deep enough for any manifest, flow or reading; shallow enough for every recursive walk. */
export const MAX_JSON_DEPTH = 64;

/** The deepest nesting of arrays and objects in JSON text (0 for a scalar). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) { if (++depth > deepest) deepest = depth; }
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/**
 * Parses JSON text whose nesting is at most `maxDepth`. Throws a DataboxError: `json-too-deep`
 * (400) over the limit, `json-invalid` (400) for text that is not JSON; `what` names the
 * input in the message ("flows.json", "the request body").
 */
export function parseJsonWithin(text: string, maxDepth: number, what: string): unknown {
  const depth = jsonDepth(text);
  if (depth > maxDepth) {
    throw new DataboxError('json-too-deep', `${what} nests arrays and objects ${depth} levels deep, more than the limit of ${maxDepth}`, {
      status: 400, hint: `Flatten the data: at most ${maxDepth} levels of nesting are accepted`,
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DataboxError('json-invalid', `${what} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, {
      status: 400, hint: `Send ${what} as JSON`, cause: error,
    });
  }
}

/**
 * The nesting depth of a parsed value, counted without recursion and given up on once past
 * `limit` (returns limit + 1 then): for JSON that arrives already parsed (a flow handed over
 * by the editor). Arrays and plain objects count; a value seen twice is not walked twice.
 *
 * @example
 * valueDepth({ a: [1, { b: 2 }] }, 64)   // 3
 */
export function valueDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const seen = new Set<object>();
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() ?? [undefined, 0];
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return limit + 1;
    for (const child of Object.values(current)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return deepest;
}
