/**
 * The engine's side of tag filters (`/filter/<tag>/equals|contains/<value>`): a cheap text
 * pre-check SQLite runs on the stored JSON; the exact rule is core/protocol's matchesFilter.
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

/** Parses stored JSON text, or undefined when there is none. */
export function parseStored(text: string | null): unknown {
  return text === null ? undefined : JSON.parse(text);
}
