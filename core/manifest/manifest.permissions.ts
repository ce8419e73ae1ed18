/**
 * What an app may do, in plain words for the person about to install it, derived from its
 * manifest (pure). Each permission has a stable `key` so two versions can be compared.
 */
import { privacyText } from '../privacy/privacy.text';
import { privacySentence } from '../privacy/privacy.words';
import { findDatasourceType } from '../catalogue/catalogue';
import type { Manifest } from './manifest.types';

export type PermissionKind = 'read' | 'act' | 'export' | 'external' | 'store' | 'provide';

export interface Permission {
  kind: PermissionKind;
  /** Stable identity for diffs, e.g. `read:loadavg1`, `export:https://...`. */
  key: string;
  /** A sentence for people, e.g. "Reads your host load average over 1 minute (loadavg1)". */
  text: string;
}

/**
 * The permissions of a manifest, in a fixed order (reads, acts, exports, outside hosts, store).
 *
 * @example
 * describePermissions(manifest).map((p) => p.text);
 * // ['Reads your host load average over 1 minute (loadavg1)', 'Sends data to https://example.org/ingest: ...']
 */
export function describePermissions(manifest: Manifest): Permission[] {
  const out: Permission[] = [];
  for (const ds of manifest.datasources.filter((d) => !d.actuator)) {
    out.push({ kind: 'read', key: `read:${ds.type}`, text: `Reads your ${sourceWords(ds.type)} (${ds.type})${ds.required ? '' : ', if you grant it'}` });
  }
  for (const ds of manifest.datasources.filter((d) => d.actuator)) {
    out.push({ kind: 'act', key: `act:${ds.type}`, text: `Acts on your devices: ${sourceWords(ds.type)} (${ds.type})` });
  }
  for (const entry of manifest['export-whitelist']) {
    const text = `Sends data to ${entry.url}${entry.description ? `: ${entry.description}` : ''}`;
    // A private destination says what the box guarantees, not only where the data goes.
    // The key holds the spec, so a version that changes it (or drops it) differs from this one.
    out.push({ kind: 'export', key: `export:${entry.url}${entry.privacy ? ` private ${privacyText(entry.privacy)}` : ''}`, text: entry.privacy ? `${text}. Private: the box adds the noise. ${privacySentence(entry.privacy)}` : text });
  }
  for (const entry of manifest['external-whitelist'] ?? []) {
    for (const url of entry.urls) out.push({ kind: 'external', key: `external:${url}`, text: `Connects to ${url}${entry.description ? `: ${entry.description}` : ''}` });
  }
  if (manifest['resource-requirements'].store === 'core-store') {
    out.push({ kind: 'store', key: 'store:core-store', text: 'Keeps its own data in its own datastore on your box' });
  }
  for (const provided of manifest.provides ?? []) {
    out.push({ kind: 'provide', key: `provide:${provided['data-source-type']}`, text: `Provides ${provided['data-source-type']} data to your box: ${provided.description}` });
  }
  return dedupe(out);
}

/**
 * Where data flows, one sentence per lineage entry: "Sends your loadavg1 readings to https://...".
 *
 * @example
 * describeLineage(manifest); // ['Sends your loadavg1 readings to https://example.org/ingest']
 */
export function describeLineage(manifest: Manifest): string[] {
  const typeOf = new Map(manifest.datasources.map((ds) => [ds.clientid, ds.type]));
  const privacyOf = new Map(manifest['export-whitelist'].filter((e) => e.privacy).map((e) => [e.url, e.privacy]));
  // What leaves the box first: it is what an owner most needs to read.
  const ordered = [...manifest.lineage.filter((e) => e.kind === 'export'), ...manifest.lineage.filter((e) => e.kind !== 'export')];
  return ordered.map((entry) => {
    const sources = entry.sources.map((id) => typeOf.get(id) ?? id);
    const readings = sources.length === 0 ? 'no readings' : `your ${joinWords(unique(sources))} readings`;
    const privacy = entry.kind === 'export' && entry.private ? privacyOf.get(entry.sink) : undefined;
    if (privacy) {
      const what = privacy.mechanism === 'laplace' ? 'value' : 'answer';
      const from = sources.length === 0 ? 'made from none of your readings' : `made from ${readings}`;
      return `Sends at most one noisy ${what} ${privacy.period === 'day' ? 'a day' : 'an hour'}, ${from}, to ${entry.sink} (private: the box adds the noise)`;
    }
    if (entry.kind === 'export') return `Sends ${readings} to ${entry.sink}`;
    const target = typeOf.get(entry.sink) ?? entry.sink;
    return `Uses ${readings} to act on ${target}`;
  });
}

/** True when the app can send anything off the box. */
export function exportsData(manifest: Manifest): boolean {
  return manifest['export-whitelist'].length > 0 || (manifest['external-whitelist'] ?? []).some((e) => e.urls.length > 0);
}

function sourceWords(type: string): string {
  const known = findDatasourceType(type);
  if (!known) return `${type} data`;
  return known.description.charAt(0).toLowerCase() + known.description.slice(1);
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function dedupe(perms: Permission[]): Permission[] {
  const seen = new Set<string>();
  return perms.filter((p) => (seen.has(p.key) ? false : (seen.add(p.key), true)));
}
