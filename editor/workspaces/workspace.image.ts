/**
 * `databox/studio-workspace:<version>`: the image the docker driver runs each developer's
 * workspace from (editor/workspace/Dockerfile), staged like the flow runtime (builder/image):
 * the compiled code a workspace loads and the production closure of Node-RED (its editor
 * included), Express, ws, Chart.js and tar-stream (the builder the Databox sidebar runs).
 * Content-addressed and built once per content on an engine.
 *
 * @example
 * const { tag } = await buildWorkspaceImage({ onProgress: console.log });
 */
import path from 'node:path';
import { buildStagedImage, type RuntimeBuildOptions, type RuntimeImage } from '../../builder/image/runtime-image.build';
import { stagedContext } from '../../builder/image/runtime.context';
import { CONTENT_LABEL } from '../../builder/image/image.labels';

export const WORKSPACE_IMAGE = 'databox/studio-workspace';
/** Where the SDK is inside the image: the studio's `<root>/dist/...` folders are `/opt/databox/dist/...` there. */
export const IMAGE_ROOT = '/opt/databox';

const PACKAGES = ['node-red', 'express', 'ws', 'chart.js', 'tar-stream'] as const;

export function buildWorkspaceImage(options: RuntimeBuildOptions = {}): Promise<RuntimeImage> {
  return buildStagedImage({
    tag: (version) => `${WORKSPACE_IMAGE}:${version}`,
    context: (root, version) => stagedContext(root, version, {
      name: 'databox-studio-workspace', dockerfile: path.join('editor', 'workspace', 'Dockerfile'), entry: path.join('editor', 'workspace', 'main.js'),
      distParts: ['core', 'nodes', 'runtime', 'builder', 'editor'], packages: PACKAGES,
    }),
    labels: (version, contentHash) => ({
      'org.opencontainers.image.title': WORKSPACE_IMAGE, 'org.opencontainers.image.version': version,
      'io.databox.type': 'studio-workspace', 'io.databox.runtime-version': version, [CONTENT_LABEL]: contentHash,
    }),
  }, options);
}
