/**
 * Builds `databox/flow-runtime:<version>` from the staged context, or does nothing when an
 * image with the same content hash (files + base image id) already exists: it is then only
 * (re)tagged. The image it replaces under that tag is removed when nothing uses it.
 *
 * @example
 * const { imageId, tag, built } = await buildRuntimeImage({ onProgress: console.log });
 */
import path from 'node:path';
import type Docker from 'dockerode';
import { DataboxError } from '../../core/errors';
import { RUNTIME_VERSION } from '../compile/runtime-version';
import { resolveBaseImage } from './base-image';
import { contextHash } from './context.hash';
import { dockerClient, ensureDocker, isNotFound } from './docker.client';
import { CONTENT_LABEL, runtimeImageLabels, runtimeImageTag } from './image.labels';
import { buildImage } from './image.build';
import { runtimeContext } from './runtime.context';

export interface RuntimeBuildOptions {
  baseImage?: string;
  onProgress?: (line: string) => void;
  docker?: Docker;
  /** The repository root holding dist/ and node_modules/ (default: this checkout). */
  root?: string;
  version?: string;
}

export interface RuntimeImage {
  imageId: string;
  tag: string;
  /** False when an image with the same content was already there. */
  built: boolean;
  contentHash: string;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');

export async function buildRuntimeImage(options: RuntimeBuildOptions = {}): Promise<RuntimeImage> {
  const docker = options.docker ?? dockerClient();
  const version = options.version ?? RUNTIME_VERSION;
  const tag = runtimeImageTag(version);
  const say = options.onProgress ?? (() => undefined);
  await ensureDocker(docker);
  const baseImage = options.baseImage ?? await resolveBaseImage(docker);
  const baseId = await docker.getImage(baseImage).inspect().then((info) => info.Id, (error: unknown) => {
    if (!isNotFound(error)) throw error;
    throw new DataboxError('base-image-missing', `The base image ${baseImage} is not on this machine.`, {
      status: 409, hint: 'Run `bash scripts/provision.sh` (makes databox/node-base:20), `docker pull node:20-bookworm-slim`, or set DATABOX_BASE_IMAGE.' });
  });
  const context = runtimeContext(options.root ?? REPO_ROOT, version);
  const contentHash = await contextHash(context.entries, [baseId, version]);
  const current = await docker.getImage(tag).inspect().then((info) => info, () => undefined);
  const previous = current?.Id;
  if (current?.Config.Labels?.[CONTENT_LABEL] === contentHash) {
    say(`${tag}: up to date (content ${contentHash.slice(0, 12)})`);
    return { imageId: current.Id, tag, built: false, contentHash };
  }
  const existing = await docker.listImages({ filters: { label: [`${CONTENT_LABEL}=${contentHash}`] } });
  const match = existing[0];
  if (match) {
    say(`${tag}: same content as ${match.Id.slice(7, 19)}, tagging it`);
    await retag(docker, match.Id, tag);
    return { imageId: match.Id, tag, built: false, contentHash };
  }
  say(`${tag}: building on ${baseImage} (${context.packages} packages, ${(context.bytes / 1e6).toFixed(1)} MB)`);
  const imageId = await buildImage(docker, context.entries, {
    tag, labels: runtimeImageLabels(version, contentHash), buildargs: { BASE_IMAGE: baseImage, VERSION: version },
  }, say);
  if (previous && previous !== imageId) {
    // The old runtime goes unless an app image or a container still builds on it.
    await docker.getImage(previous).remove().catch(() => undefined);
  }
  return { imageId, tag, built: true, contentHash };
}

async function retag(docker: Docker, imageId: string, tag: string): Promise<void> {
  const [repo, version] = [tag.slice(0, tag.lastIndexOf(':')), tag.slice(tag.lastIndexOf(':') + 1)];
  await docker.getImage(imageId).tag({ repo, tag: version });
}
