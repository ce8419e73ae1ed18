/**
 * The datastore's limits in one place (core/protocol: what a request to one may be): what a request may ask for before it is refused with a
 * clear 4xx. Numbers are generous for drivers and small enough that no request can exhaust
 * the store's memory.
 */

/** Largest request body, bytes (a batch of ~150k points). */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** Largest `n` in `/last/<n>` and `/first/<n>`. */
export const MAX_N = 100_000;
/** Most rows a row-returning read sends back; more is refused (ask for an aggregation). */
export const MAX_ROWS = 100_000;
/** Most points in one batch request. */
export const MAX_BATCH_POINTS = 200_000;
/** Latest timestamp accepted: 9999-12-31T23:59:59.999Z, in ms since the epoch. */
export const MAX_TIMESTAMP = 253_402_300_799_999;
/** Longest datasource id, kv key, tag name or filter value. */
export const MAX_NAME_LENGTH = 128;
/** Most tags on one point. */
export const MAX_TAGS = 32;

/** A datasource id: a letter or digit, then letters, digits, `.`, `_` or `-`. */
export const DATASOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** A kv key: letters, digits and a few safe punctuation marks; never `.` or `..`. */
export const KV_KEY = /^[A-Za-z0-9._:@+=,~-]{1,128}$/;
/** Words that cannot be datasource ids because they are path words. */
export const RESERVED_IDS: ReadonlySet<string> = new Set(['blob', 'batch']);

/**
 * True when text has a control character (U+0000-U+001F or U+007F).
 *
 * @example
 * hasControlCharacter('a\nb') // true
 */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 32 || code === 127) return true;
  }
  return false;
}
