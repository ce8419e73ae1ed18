/**
 * Pure tag filters (`/filter/<tag>/equals|contains/<value>`): a cheap text pre-check that
 * SQLite runs on the stored JSON, and the exact check on the parsed tags.
 */
import type { TagFilter } from './datastore.types';

/**
 * Text that must occur in a row's stored JSON for the filter to possibly match (the value as
 * it appears inside a JSON string, escapes included).
 *
 * @example
 * filterNeedle({ tag: 'room', op: 'equals', value: 'kitchen' }) // 'kitchen'
 */
export function filterNeedle(filter: TagFilter): string {
  return JSON.stringify(filter.value).slice(1, -1);
}

/**
 * Whether a row's data (its tags, or a blob object) passes the filter. Numbers and booleans
 * compare by their text (`/equals/2` matches `2`, `/equals/true` matches `true`).
 *
 * @example
 * matchesFilter({ room: 'kitchen' }, { tag: 'room', op: 'contains', value: 'itch' }) // true
 */
export function matchesFilter(data: unknown, filter: TagFilter): boolean {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  const field: unknown = Object.entries(data).find(([key]) => key === filter.tag)?.[1];
  if (typeof field !== 'string' && typeof field !== 'number' && typeof field !== 'boolean') return false;
  const text = String(field);
  return filter.op === 'equals' ? text === filter.value : text.includes(filter.value);
}

/** Parses stored JSON text, or undefined when there is none. */
export function parseStored(text: string | null): unknown {
  return text === null ? undefined : JSON.parse(text);
}
