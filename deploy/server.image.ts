/**
 * `databox/server:<version>` (deploy/Dockerfile): the app store and the studio as a cluster
 * runs them, staged like the flow runtime (builder/image): the compiled SDK and the production
 * closure of its dependencies, on the configurable base image (DATABOX_BASE_IMAGE). Built
 * once per content on an engine; push it (and `databox/studio-workspace`) to a registry the
 * cluster's nodes reach.
 *
 * Usage: npm run deploy:image   (prints the tags of the server and workspace images)
 *
 * @example
 * const { tag } = await buildServerImage({ onProgress: console.log });
 */
import path from 'node:path';
import { buildStagedImage, type RuntimeBuildOptions, type RuntimeImage } from '../builder/image/runtime-image.build';
import { stagedContext } from '../builder/image/runtime.context';
import { CONTENT_LABEL } from '../builder/image/image.labels';
import { buildWorkspaceImage } from '../editor/workspaces/workspace.image';

export const SERVER_IMAGE = 'databox/server';
export const STORE_ENTRY = '/opt/databox/dist/store-app/cli/store.main.js';
export const STUDIO_ENTRY = '/opt/databox/dist/editor/cli/studio.main.js';

/** What the store and the studio load: every dependency of the SDK but the TypeScript runner. */
const PACKAGES = ['@peculiar/x509', 'better-sqlite3', 'chart.js', 'dockerode', 'express', 'express-session', 'http-proxy', 'macaroon', 'multer',
  'node-red', 'passport', 'passport-github2', 'pg', 'reflect-metadata', 'semver', 'tar-stream', 'undici', 'ws'] as const;

export function buildServerImage(options: RuntimeBuildOptions = {}): Promise<RuntimeImage> {
  return buildStagedImage({
    tag: (version) => `${SERVER_IMAGE}:${version}`,
    context: (root, version) => stagedContext(root, version, {
      name: 'databox-server', dockerfile: path.join('deploy', 'Dockerfile'), entry: path.join('editor', 'cli', 'studio.main.js'),
      distParts: ['core', 'nodes', 'runtime', 'builder', 'box', 'store-app', 'editor'], packages: PACKAGES,
      extra: [{ name: 'data/.databox', mode: 0o644, content: Buffer.from('the data of a store or a studio\n') }],
    }),
    labels: (version, contentHash) => ({
      'org.opencontainers.image.title': SERVER_IMAGE, 'org.opencontainers.image.version': version,
      'io.databox.type': 'server', 'io.databox.runtime-version': version, [CONTENT_LABEL]: contentHash,
    }),
  }, options);
}

if (require.main === module) {
  (async () => {
    const say = (line: string): void => { if (!/^\s/.test(line)) console.log(line); };
    const server = await buildServerImage({ onProgress: say });
    const workspace = await buildWorkspaceImage({ onProgress: say });
    console.log(`${server.tag} ${server.built ? 'built' : 'up to date'}`);
    console.log(`${workspace.tag} ${workspace.built ? 'built' : 'up to date'}`);
  })().catch((error: unknown) => {
    console.error(`deploy:image: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
