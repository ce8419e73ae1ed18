/**
 * Search text to index terms and query terms (pure), shared by both repositories so they
 * match the same way: lower-case words of letters and digits, each query word a prefix.
 */

/** The words of a text, lower-case, letters and digits only. */
export function searchWords(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

/** At most 8 query words of at most 40 characters: enough to find, too little to abuse. */
export function queryWords(text: string | undefined): string[] {
  if (!text) return [];
  return [...new Set(searchWords(text))].slice(0, 8).map((w) => w.slice(0, 40));
}

/**
 * The text indexed for a version: name, display name, description, tags, author, types.
 *
 * @example
 * indexText(['loadmon', 'Host load monitor', 'loadavg1']); // 'loadmon host load monitor loadavg1'
 */
export function indexText(parts: readonly string[]): string {
  return searchWords(parts.join(' ')).join(' ');
}
