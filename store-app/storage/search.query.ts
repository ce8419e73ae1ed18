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

/** What a search filters on besides words. */
export interface SearchFacets {
  type?: string;
  exportsData?: boolean;
  tag?: string;
  datasourceType?: string;
}

/**
 * Filters as index tokens (letters and digits only, values hex-encoded), so a text index can
 * answer words and filters in one lookup. Kept in their own column: a typed word never
 * matches them.
 *
 * @example
 * facetTokens({ type: 'app', exportsData: false }); // ['typeapp', 'exportsno']
 */
export function facetTokens(facets: SearchFacets): string[] {
  const hex = (text: string) => Buffer.from(text.toLowerCase(), 'utf8').toString('hex');
  return [
    ...(facets.type ? [`type${facets.type}`] : []),
    ...(facets.exportsData === undefined ? [] : [`exports${facets.exportsData ? 'yes' : 'no'}`]),
    ...(facets.tag ? [`tag${hex(facets.tag)}`] : []),
    ...(facets.datasourceType ? [`ds${hex(facets.datasourceType)}`] : []),
  ];
}

/** Every facet token of a listed app (one per tag and per data-source type). */
export function appFacetTokens(app: { type: string; exportsData: boolean; tags: readonly string[]; datasourceTypes: readonly string[] }): string[] {
  return [
    ...facetTokens({ type: app.type, exportsData: app.exportsData }),
    ...app.tags.flatMap((tag) => facetTokens({ tag })),
    ...app.datasourceTypes.flatMap((datasourceType) => facetTokens({ datasourceType })),
  ];
}

/** Longest indexed prefix: query words are cut to 40 characters (`queryWords`). */
const MAX_PREFIX = 40;
/** The term every listed app has: a search without words or filters walks it. */
export const LISTED_TERM = ':';

/** Lower-case word without diacritics (as SQLite's unicode61 tokenizer folds them). */
function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}+/gu, '');
}

/**
 * The terms a listed app is found by in a term index: every prefix (up to 40 characters) of
 * every word, each filter token after ":", and ":" itself. A query's terms (`queryTerms`) all
 * being among them is the same match as "each query word a prefix, each filter equal".
 *
 * @example
 * indexTerms('air', ['typeapp']); // [':', 'a', 'ai', 'air', ':typeapp']
 */
export function indexTerms(searchText: string, facets: readonly string[]): string[] {
  const terms = new Set<string>([LISTED_TERM]);
  for (const word of searchWords(searchText).map(fold)) {
    for (let i = 1; i <= Math.min(word.length, MAX_PREFIX); i += 1) terms.add(word.slice(0, i));
  }
  for (const facet of facets) terms.add(`${LISTED_TERM}${facet}`);
  return [...terms];
}

/**
 * The terms a search asks for (all must match): its words and its filter tokens, or ":"
 * alone (every listed app) when it has neither.
 *
 * @example
 * queryTerms('Café', { type: 'app' }); // ['cafe', ':typeapp']
 */
export function queryTerms(text: string | undefined, facets: SearchFacets): string[] {
  const terms = [...new Set(queryWords(text).map(fold)), ...facetTokens(facets).map((f) => `${LISTED_TERM}${f}`)];
  return terms.length > 0 ? terms : [LISTED_TERM];
}
