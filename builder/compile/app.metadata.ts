/**
 * The app's name and metadata: from the options, else the tab (its label, its `info` text and
 * its environment variables `name`, `version`, `description`, `author`, `license`, `tags`,
 * `homepage`), else defaults. Pure. The studio's sidebar edits those variables in place; it
 * also keeps `icon` and `changelog` there (`tabEnv`), which the manifest has no field for.
 *
 * @example
 * appNameFromLabel('Host load') // 'host-load'
 */
import { stringProp, type FlowNode } from '../../core/flow/flow.types';
import type { CompileOptions } from './compile.types';

export interface AppMetadata {
  name: string;
  displayName?: string;
  version: string;
  description: string;
  author: string;
  license: string;
  tags?: string[];
  homepage?: string;
}

export const DEFAULT_VERSION = '0.1.0';
export const DEFAULT_LICENSE = 'UNLICENSED';
export const DEFAULT_AUTHOR = 'unknown';

/** A tab label as an app name: lower case, runs of other characters as one "-". */
export function appNameFromLabel(label: string): string {
  return label.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+$/, '').slice(0, 63).replace(/-+$/, '');
}

/**
 * @example
 * appMetadata({ id: 't', type: 'tab', label: 'Host load' }, { version: '1.0.0' }).name // 'host-load'
 */
export function appMetadata(tab: FlowNode, options: CompileOptions): AppMetadata {
  const env = tabEnv(tab);
  const label = stringProp(tab, 'label').trim();
  const name = options.name ?? env.get('name') ?? (label !== '' ? appNameFromLabel(label) || label : options.defaultName ?? 'databox-app');
  const description = options.description ?? env.get('description') ?? firstParagraph(stringProp(tab, 'info'))
    ?? `A Databox app built from the "${label || name}" flow`;
  const tags = options.tags ?? env.get('tags')?.split(',').map((t) => t.trim()).filter((t) => t !== '');
  const homepage = env.get('homepage');
  return {
    name,
    ...(label !== '' ? { displayName: label } : {}),
    version: options.version ?? env.get('version') ?? DEFAULT_VERSION,
    description,
    author: options.author ?? env.get('author') ?? DEFAULT_AUTHOR,
    license: options.license ?? env.get('license') ?? DEFAULT_LICENSE,
    ...(tags ? { tags } : {}),
    ...(homepage ? { homepage } : {}),
  };
}

/**
 * The tab's string environment variables that are not blank, trimmed.
 *
 * @example
 * tabEnv({ id: 't', type: 'tab', env: [{ name: 'changelog', value: 'First', type: 'str' }] }).get('changelog') // 'First'
 */
export function tabEnv(tab: FlowNode): Map<string, string> {
  const env = new Map<string, string>();
  if (!Array.isArray(tab.env)) return env;
  for (const entry of tab.env) {
    if (typeof entry === 'object' && entry !== null && 'name' in entry && 'value' in entry
      && typeof entry.name === 'string' && typeof entry.value === 'string' && entry.value.trim() !== '') {
      env.set(entry.name, entry.value.trim());
    }
  }
  return env;
}

/** The first paragraph of the tab's markdown description, as plain text. */
function firstParagraph(info: string): string | undefined {
  const paragraph = info.split(/\n\s*\n/).filter((p) => !/^\s*#/.test(p))
    .map((p) => p.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim()).find((p) => p !== '');
  return paragraph === undefined ? undefined : paragraph.slice(0, 500);
}
