/**
 * Tag filters (`/filter/<tag>/equals|contains/<value>`), one rule for every part: a row's
 * tags are its data's fields but `value` on a numeric series (`{value, room}` has the tag
 * `room`), and a blob's fields; a tag that is a string, number or boolean compares as its
 * text (`/equals/2` matches `2`, `/equals/true` matches `true`). Pure.
 *
 * @example
 * matchesFilter('ts', { value: 21, room: 'kitchen' }, { tag: 'room', op: 'contains', value: 'itch' }) // true
 * matchesFilter('ts', { value: 21 }, { tag: 'value', op: 'equals', value: '21' })                     // false: not a tag
 */
import type { SeriesKind, TagFilter } from './datastore.types';

export function matchesFilter(kind: SeriesKind, data: unknown, filter: TagFilter): boolean {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  if (kind === 'ts' && filter.tag === 'value') return false;
  const field: unknown = Object.entries(data).find(([key]) => key === filter.tag)?.[1];
  if (typeof field !== 'string' && typeof field !== 'number' && typeof field !== 'boolean') return false;
  const text = String(field);
  return filter.op === 'equals' ? text === filter.value : text.includes(filter.value);
}
