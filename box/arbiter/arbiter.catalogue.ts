/**
 * The root Hypercat catalogue: one item per registered store, pointing at its own `/cat`.
 */
import type { Component } from './arbiter.types';

export interface HypercatItem {
  href: string;
  'item-metadata': { rel: string; val: string }[];
}

export interface Hypercat {
  'item-metadata': { rel: string; val: string }[];
  items: HypercatItem[];
}

/**
 * @example
 * rootCatalogue([{ name: 'os-monitor-store', type: 'store', endpoint: 'http://os-monitor-store:8080', keyHash: '', generation: 0 }])
 * // { 'item-metadata': [...], items: [{ href: 'http://os-monitor-store:8080/cat', ... }] }
 */
export function rootCatalogue(components: Component[]): Hypercat {
  return {
    'item-metadata': [
      { rel: 'urn:X-hypercat:rels:isContentType', val: 'application/vnd.hypercat.catalogue+json' },
      { rel: 'urn:X-hypercat:rels:hasDescription:en', val: 'Databox root catalogue' },
    ],
    items: components
      .filter((c) => c.type === 'store' && c.endpoint !== undefined)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((c) => ({
        href: `${String(c.endpoint).replace(/\/+$/, '')}/cat`,
        'item-metadata': [
          { rel: 'urn:X-hypercat:rels:isContentType', val: 'application/vnd.hypercat.catalogue+json' },
          { rel: 'urn:X-hypercat:rels:hasDescription:en', val: c.name },
        ],
      })),
  };
}
