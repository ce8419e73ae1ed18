/**
 * `databox/box-services:<version>`: the one image the docker driver runs the box's services
 * and built-in drivers from (box/Dockerfile), staged like the flow runtime (builder/image):
 * the compiled core, box and runtime code and the production closure of what they load.
 * Content-addressed and built once per content on an engine.
 *
 * @example
 * const { tag } = await buildServicesImage({ onProgress: console.log });
 */
import path from 'node:path';
import { buildStagedImage, type RuntimeBuildOptions, type RuntimeImage } from '../../../builder/image/runtime-image.build';
import { stagedContext } from '../../../builder/image/runtime.context';
import { CONTENT_LABEL } from '../../../builder/image/image.labels';

export const SERVICES_IMAGE = 'databox/box-services';
export const SERVICE_ENTRY = '/opt/databox/dist/box/cli/box.service.js';
export const DRIVER_ENTRY = '/opt/databox/dist/box/drivers/main.js';

/** What the services and drivers load at run time. */
const PACKAGES = ['better-sqlite3', 'express', 'ws', 'macaroon', 'undici', 'tar-stream'] as const;

export function buildServicesImage(options: RuntimeBuildOptions = {}): Promise<RuntimeImage> {
  return buildStagedImage({
    tag: (version) => `${SERVICES_IMAGE}:${version}`,
    context: (root, version) => stagedContext(root, version, {
      name: 'databox-box-services', dockerfile: path.join('box', 'Dockerfile'), entry: path.join('box', 'cli', 'box.service.js'),
      distParts: ['core', 'box', 'runtime'], packages: PACKAGES,
      // The data folder a volume is mounted on, owned by the services' user: Docker fills a new volume from it.
      extra: [{ name: 'data/.databox', mode: 0o644, content: Buffer.from('the data of one box component\n') }],
    }),
    labels: (version, contentHash) => ({
      'org.opencontainers.image.title': SERVICES_IMAGE, 'org.opencontainers.image.version': version,
      'io.databox.type': 'box-services', 'io.databox.runtime-version': version, [CONTENT_LABEL]: contentHash,
    }),
  }, options);
}
