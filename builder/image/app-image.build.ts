/**
 * Builds an app image from its bundle: checks it, makes sure the runtime image it builds on
 * is there (building `databox/flow-runtime:<this version>` when missing), streams the build
 * and labels the image per docs/decisions/0004-app-image.md.
 *
 * @example
 * const { imageId, tag } = await buildAppImage(compile(flows, tabId), { onProgress: console.log });
 */
import type Docker from 'dockerode';
import { DataboxError } from '../../core/errors';
import { RUNTIME_VERSION } from '../compile/runtime-version';
import { appContext, type AppBundleInput } from './app.context';
import { dockerClient, ensureDocker, imageExists } from './docker.client';
import { appImageLabels, appImageTag } from './image.labels';
import { buildImage } from './image.build';
import { buildRuntimeImage } from './runtime-image.build';

export interface AppBuildOptions {
  tag?: string;
  onProgress?: (line: string) => void;
  /** Extra labels, e.g. `io.databox.test=1` for images a test removes afterwards. */
  labels?: Record<string, string>;
  docker?: Docker;
}

export interface AppImage {
  imageId: string;
  tag: string;
}

export async function buildAppImage(bundle: AppBundleInput, options: AppBuildOptions = {}): Promise<AppImage> {
  const docker = options.docker ?? dockerClient();
  const { entries, dockerfile } = appContext(bundle);
  await ensureDocker(docker);
  if (!(await imageExists(docker, dockerfile.runtimeImage))) {
    if (dockerfile.runtimeVersion !== RUNTIME_VERSION) {
      throw new DataboxError('runtime-image-missing', `The app needs ${dockerfile.runtimeImage}, which is not on this machine.`, {
        status: 409, hint: `This SDK builds ${RUNTIME_VERSION}; rebuild the bundle with this SDK, or load that runtime image.` });
    }
    await buildRuntimeImage({ docker, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  }
  const tag = options.tag ?? appImageTag(bundle.manifest);
  const imageId = await buildImage(docker, entries, {
    tag, labels: { ...appImageLabels(bundle.manifest, dockerfile.runtimeVersion), ...options.labels },
  }, options.onProgress);
  return { imageId, tag };
}
