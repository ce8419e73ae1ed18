/**
 * The manifest of a bundle's flows, from what each Databox node's description contributes
 * (datasources, actuators, exports, the app store), with the lineage and the app metadata.
 * Entries are merged (one per clientid, one per export URL) and sorted. Pure.
 *
 * @example
 * const manifest = deriveManifest(flows, metadata, '0.1.0');
 */
import type { FlowNode } from '../../core/flow/flow.types';
import { MANIFEST_VERSION, type Manifest, type ManifestDatasource, type ManifestExport } from '../../core/manifest/manifest.types';
import { DataboxError } from '../../core/errors';
import type { Contribution } from '../../core/nodes/node-description';
import { sameUrl } from '../../core/manifest/manifest.validate';
import { privacyText } from '../../core/privacy/privacy.text';
import { findNodeDescription } from '../../nodes/descriptions';
import { nodeRef } from '../validate/validate.nodes';
import { deriveLineage } from '../lineage/lineage.derive';
import type { AppMetadata } from './app.metadata';

export function deriveManifest(flows: readonly FlowNode[], metadata: AppMetadata, runtimeVersion: string): Manifest {
  const datasources = new Map<string, ManifestDatasource>();
  const exports = new Map<string, ManifestExport>();
  let store = false;
  for (const node of flows) {
    for (const c of findNodeDescription(node.type)?.contributes(node) ?? []) {
      if (c.kind === 'own-datastore') store = true;
      else if (c.kind === 'export') addExport(exports, c, node);
      else {
        const seen = datasources.get(c.clientid);
        const required = c.kind === 'actuator' ? true : c.required;
        datasources.set(c.clientid, {
          clientid: c.clientid, type: c.type, ...(seen?.name ?? c.name ? { name: seen?.name ?? c.name } : {}),
          required: (seen?.required ?? false) || required, ...(c.kind === 'actuator' ? { actuator: true } : {}),
        });
      }
    }
  }
  const byKey = <T>(entries: Iterable<[string, T]>): T[] => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  const sortedDatasources = byKey(datasources);
  return {
    'manifest-version': MANIFEST_VERSION,
    name: metadata.name,
    'databox-type': 'app',
    version: metadata.version,
    description: metadata.description,
    author: metadata.author,
    license: metadata.license,
    tags: metadata.tags ?? [...new Set(sortedDatasources.map((d) => d.type))].sort(),
    ...(metadata.displayName ? { displayName: metadata.displayName } : {}),
    ...(metadata.homepage ? { homepage: metadata.homepage } : {}),
    datasources: sortedDatasources,
    'export-whitelist': byKey(exports),
    'resource-requirements': store ? { store: 'core-store' } : {},
    // The lineage marks what the box makes private: the owner reads "a noisy value of ...".
    lineage: deriveLineage(flows).map((e) => (e.kind === 'export' && exports.get(e.sink)?.privacy ? { ...e, private: true as const } : e)),
    'runtime-version': runtimeVersion,
  };
}

/**
 * One entry per URL. Two nodes sending to one URL must agree on its privacy: the box enforces
 * one spec per destination, so a raw export beside a private one (or two specs) is refused.
 */
function addExport(exports: Map<string, ManifestExport>, c: Contribution & { kind: 'export' }, node: FlowNode): void {
  // Two spellings of one URL (a default port, the host's case) are one destination.
  const same = [...exports.values()].find((e) => sameUrl(e.url, c.url));
  if (same && same.url !== c.url) {
    throw new DataboxError('export-url-duplicate', `${c.url} and ${same.url} are one destination written two ways`, { hint: 'Write the URL the same way in every node that sends to it.', node: nodeRef(node) });
  }
  const seen = exports.get(c.url);
  if (!seen) {
    exports.set(c.url, { url: c.url, description: c.description, ...(c.privacy ? { privacy: c.privacy } : {}) });
    return;
  }
  const words = (e: { privacy?: ManifestExport['privacy'] }) => (e.privacy ? `private (${privacyText(e.privacy)})` : 'raw');
  if (words(seen) !== words(c)) {
    throw new DataboxError('export-privacy-conflict', `${c.url} is sent to ${words(seen)} by one node and ${words(c)} by this one`, {
      hint: 'Send to one URL through one kind of node with one privacy setting, or use another URL.', node: nodeRef(node),
    });
  }
}
