/**
 * Builds an app image from its bundle: checks it, makes sure the runtime image it builds on
 * is there (building `databox/flow-runtime:<this version>` when missing), and labels the
 * image per docs/decisions/0004-app-image.md. A Dockerfile of plain COPYs and metadata (what
 * `databox build` writes) is committed as one layer on the runtime (`image.commit.ts`,
 * decision 0012); should the generated Dockerfile ever need more, Docker's builder runs it.
 *
 * @example
 * const { imageId, tag } = await buildAppImage(compile(flows, tabId), { onProgress: console.log });
 */
import type Docker from 'dockerode';
import { DataboxError } from '../../core/errors';
import { RUNTIME_VERSION } from '../compile/runtime-version';
import { planAppImage } from './app-image.plan';
import { appContext, type AppBundleInput } from './app.context';
import { dockerClient, ensureDocker, inspectImage } from './docker.client';
import { appImageLabels, appImageTag } from './image.labels';
import { buildImage } from './image.build';
import { commitImage } from './image.commit';
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
  const { entries, runtimeImage, runtimeVersion } = appContext(bundle);
  await ensureDocker(docker);
  let runtime = await inspectImage(docker, runtimeImage);
  if (!runtime) {
    if (runtimeVersion !== RUNTIME_VERSION) {
      throw new DataboxError('runtime-image-missing', `The app needs ${runtimeImage}, which is not on this machine.`, {
        status: 409, hint: `This SDK builds ${RUNTIME_VERSION}; rebuild the bundle with this SDK, or load that runtime image.` });
    }
    await buildRuntimeImage({ docker, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
    runtime = await inspectImage(docker, runtimeImage);
  }
  const tag = options.tag ?? appImageTag(bundle.manifest);
  const labels = { ...appImageLabels(bundle.manifest), ...options.labels };
  const plan = planAppImage(bundle.dockerfile, entries);
  const imageId = plan.kind === 'commit' && fitsCommit(plan.changes, labels)
    ? await commitImage(docker, plan, { from: runtime?.Id ?? runtimeImage, config: { ...runtime?.Config, Image: runtime?.Id ?? '' }, tag, labels }, options.onProgress)
    : await buildImage(docker, entries, { tag, labels }, options.onProgress);
  return { imageId, tag };
}

/** Commit changes travel in the request's query string: far below Docker's 1 MB header limit. */
const MAX_COMMIT_CHANGES = 256 * 1024;

function fitsCommit(changes: readonly string[], labels: Record<string, string>): boolean {
  const size = changes.reduce((total, change) => total + encodeURIComponent(change).length, 0)
    + Object.entries(labels).reduce((total, [key, value]) => total + encodeURIComponent(`${key}=${value}`).length, 0);
  return size < MAX_COMMIT_CHANGES;
}
