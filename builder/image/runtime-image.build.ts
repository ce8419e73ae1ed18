/**
 * Builds `databox/flow-runtime:<version>` from the staged context, or does nothing when an
 * image with the same content hash (files + base image id) already exists: it is then only
 * (re)tagged. The image it replaces under that tag is removed when nothing uses it.
 *
 * Safe to run at the same time as other builds, in this process or another (two test files,
 * a box installing two apps on a fresh engine): within a process one build per content runs
 * and every caller gets its result; across processes the content label is the build's last
 * step, so a lookup by label only ever finds a finished image, and the tag settles on one
 * finished image that every builder then returns.
 *
 * @example
 * const { imageId, tag, built } = await buildRuntimeImage({ onProgress: console.log });
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type Docker from 'dockerode';
import { DataboxError } from '../../core/errors';
import { RUNTIME_VERSION } from '../compile/runtime-version';
import { resolveBaseImage } from './base-image';
import { contextHash } from './context.hash';
import { dockerClient, ensureDocker, inspectImage, isNotFound } from './docker.client';
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
/** Builds under way in this process, by tag and content: a second caller waits for the first. */
const inFlight = new Map<string, Promise<RuntimeImage>>();

export async function buildRuntimeImage(options: RuntimeBuildOptions = {}): Promise<RuntimeImage> {
  const docker = options.docker ?? dockerClient();
  const version = options.version ?? RUNTIME_VERSION;
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
  const key = `${runtimeImageTag(version)}\n${contentHash}`;
  const running = inFlight.get(key);
  if (running) {
    say(`${runtimeImageTag(version)}: waiting for the build of the same content under way`);
    return running;
  }
  const build = buildOnce(docker, { version, baseImage, contentHash, context, say });
  inFlight.set(key, build);
  try {
    return await build;
  } finally {
    inFlight.delete(key);
  }
}

interface BuildPlan {
  version: string;
  baseImage: string;
  contentHash: string;
  context: ReturnType<typeof runtimeContext>;
  say: (line: string) => void;
}

async function buildOnce(docker: Docker, plan: BuildPlan): Promise<RuntimeImage> {
  const { version, contentHash, say } = plan;
  const tag = runtimeImageTag(version);
  const current = await inspectImage(docker, tag);
  if (current?.Config.Labels?.[CONTENT_LABEL] === contentHash) {
    say(`${tag}: up to date (content ${contentHash.slice(0, 12)})`);
    return { imageId: current.Id, tag, built: false, contentHash };
  }
  const previous = current?.Id;
  // Only finished images carry the content label (it is the build's last step).
  const existing = await docker.listImages({ filters: { label: [`${CONTENT_LABEL}=${contentHash}`] } });
  const match = existing[0];
  if (match) {
    say(`${tag}: same content as ${match.Id.slice(7, 19)}, tagging it`);
    const imageId = await settleTag(docker, match.Id, tag, contentHash);
    await removeReplaced(docker, previous, imageId);
    return { imageId, tag, built: false, contentHash };
  }
  say(`${tag}: building on ${plan.baseImage} (${plan.context.packages} packages, ${(plan.context.bytes / 1e6).toFixed(1)} MB)`);
  // Built under a tag of its own: the shared tag only ever moves to a finished image.
  const buildTag = `${tag}-build-${randomBytes(4).toString('hex')}`;
  const { [CONTENT_LABEL]: content, ...labels } = runtimeImageLabels(version, contentHash);
  const built = await buildImage(docker, plan.context.entries, {
    tag: buildTag, labels, finalLabels: { [CONTENT_LABEL]: content ?? contentHash }, buildargs: { BASE_IMAGE: plan.baseImage, VERSION: version },
  }, say);
  const imageId = await settleTag(docker, built, tag, contentHash);
  await docker.getImage(buildTag).remove().catch(() => undefined);
  if (imageId !== built) {
    say(`${tag}: another build of the same content finished first; using ${imageId.slice(7, 19)}`);
    await docker.getImage(built).remove().catch(() => undefined);
  }
  await removeReplaced(docker, previous, imageId);
  return { imageId, tag, built: imageId === built, contentHash };
}

/**
 * Points `tag` at `imageId` unless another finished image of the same content holds it
 * already; returns the image the tag names once it is settled (last writer wins, and every
 * builder of the same content returns that one).
 */
async function settleTag(docker: Docker, imageId: string, tag: string, contentHash: string): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await inspectImage(docker, tag);
    if (current && current.Config.Labels?.[CONTENT_LABEL] === contentHash) return current.Id;
    const at = tag.lastIndexOf(':');
    await docker.getImage(imageId).tag({ repo: tag.slice(0, at), tag: tag.slice(at + 1) });
  }
  throw new DataboxError('runtime-image-tag', `${tag} keeps moving to images of other content`, {
    status: 409, hint: 'Another build of a different runtime is running at the same time; wait for it and build again.' });
}

/** The old runtime goes unless an app image or a container still builds on it. */
async function removeReplaced(docker: Docker, previous: string | undefined, current: string): Promise<void> {
  if (previous && previous !== current) await docker.getImage(previous).remove().catch(() => undefined);
}
