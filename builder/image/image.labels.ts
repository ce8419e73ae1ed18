/**
 * The labels of Databox images (docs/decisions/0004-app-image.md): OCI annotations plus
 * `io.databox.*`, so the box can read what an image is without running it. Pure.
 *
 * @example
 * appImageLabels(manifest)['io.databox.name'] // 'host-load'
 */
import { appLabels, RUNTIME_IMAGE } from '../../core/bundle/bundle.dockerfile';
import type { Manifest } from '../../core/manifest/manifest.types';

export const CONTENT_LABEL = 'io.databox.content';

/** @example runtimeImageTag('0.1.0') // 'databox/flow-runtime:0.1.0' */
export function runtimeImageTag(version: string): string {
  return `${RUNTIME_IMAGE}:${version}`;
}

/** @example runtimeImageLabels('0.1.0', hash)['io.databox.content'] // hash */
export function runtimeImageLabels(version: string, contentHash: string): Record<string, string> {
  return {
    'org.opencontainers.image.title': RUNTIME_IMAGE,
    'org.opencontainers.image.description': 'Databox flow runtime: headless Node-RED with the Databox nodes and the app page',
    'org.opencontainers.image.version': version,
    'org.opencontainers.image.licenses': 'MIT',
    'io.databox.type': 'runtime',
    'io.databox.runtime-version': version,
    [CONTENT_LABEL]: contentHash,
  };
}

/** An app image's labels: the bundle's own (core/bundle appLabels), as its Dockerfile writes them. */
export function appImageLabels(manifest: Manifest): Record<string, string> {
  return appLabels(manifest);
}

/** An app image's default tag: `databox/app-<name>:<version>`. */
export function appImageTag(manifest: Pick<Manifest, 'name' | 'version'>): string {
  return `databox/app-${manifest.name}:${manifest.version.replace(/[^A-Za-z0-9_.-]/g, '-')}`;
}
