/**
 * Builds a staged image, `databox/flow-runtime:<version>` (apps build on it) or
 * `databox/box-services:<version>` (the box's services and drivers), from its staged context,
 * or does nothing when an
 * image with the same content hash (files + base image id) already exists: it is then only
 * (re)tagged. The image it replaces under that tag is removed when nothing uses it.
 *
 * Safe to run at the same time as other builds, in this process or another (two test files,
 * a box installing two apps on a fresh engine): within a process one build per content runs
 * and every caller gets its result; across processes a lock on the engine (engine.lock.ts)
 * lets one build and the others wait, then find the finished image: the content label is the
 * build's last step, so a lookup by label never finds a half-built one.
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
import { dockerClient, ensureDocker, inspectImage, isNotFound } from './docker.client';
import { CONTENT_LABEL, runtimeImageLabels, runtimeImageTag } from './image.labels';
import { buildImage } from './image.build';
import { lockEngine } from './engine.lock';
import { runtimeContext, type RuntimeContext } from './runtime.context';

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

/** What makes one kind of staged image. */
export interface StagedImageRecipe {
  tag(version: string): string;
  context(root: string, version: string): RuntimeContext;
  labels(version: string, contentHash: string): Record<string, string>;
}

const RUNTIME_RECIPE: StagedImageRecipe = { tag: runtimeImageTag, context: runtimeContext, labels: runtimeImageLabels };

export function buildRuntimeImage(options: RuntimeBuildOptions = {}): Promise<RuntimeImage> {
  return buildStagedImage(RUNTIME_RECIPE, options);
}

export async function buildStagedImage(recipe: StagedImageRecipe, options: RuntimeBuildOptions = {}): Promise<RuntimeImage> {
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
  const context = recipe.context(options.root ?? REPO_ROOT, version);
  const contentHash = await contextHash(context.entries, [baseId, version]);
  const key = `${recipe.tag(version)}\n${contentHash}`;
  const running = inFlight.get(key);
  if (running) {
    say(`${recipe.tag(version)}: waiting for the build of the same content under way`);
    return running;
  }
  const build = buildOnce(docker, recipe, { version, baseImage, baseId, contentHash, context, say });
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
  baseId: string;
  contentHash: string;
  context: RuntimeContext;
  say: (line: string) => void;
}

async function buildOnce(docker: Docker, recipe: StagedImageRecipe, plan: BuildPlan): Promise<RuntimeImage> {
  const { version, contentHash, say } = plan;
  const tag = recipe.tag(version);
  const found = await finished(docker, tag, contentHash, say);
  if (found) return found;
  // One build of this content at a time on this engine, whichever process asks.
  const release = await lockEngine(docker, `databox-build-${contentHash.slice(0, 24)}`, plan.baseId, {
    onWait: () => say(`${tag}: another build of the same content is under way; waiting for it`),
  });
  try {
    const ready = await finished(docker, tag, contentHash, say);
    if (ready) return ready;
    const previous = (await inspectImage(docker, tag))?.Id;
    say(`${tag}: building on ${plan.baseImage} (${plan.context.packages} packages, ${(plan.context.bytes / 1e6).toFixed(1)} MB)`);
    const { [CONTENT_LABEL]: content, ...labels } = recipe.labels(version, contentHash);
    const imageId = await buildImage(docker, plan.context.entries, {
      tag, labels, finalLabels: { [CONTENT_LABEL]: content ?? contentHash }, buildargs: { BASE_IMAGE: plan.baseImage, VERSION: version },
    }, say);
    // The old runtime goes unless an app image or a container still builds on it.
    if (previous && previous !== imageId) await docker.getImage(previous).remove().catch(() => undefined);
    return { imageId, tag, built: true, contentHash };
  } finally {
    await release();
  }
}

/** The finished image of this content: under the tag already, or (only finished images carry the content label, its build's last step) elsewhere and tagged now. */
async function finished(docker: Docker, tag: string, contentHash: string, say: (line: string) => void): Promise<RuntimeImage | undefined> {
  const current = await inspectImage(docker, tag);
  if (current?.Config.Labels?.[CONTENT_LABEL] === contentHash) {
    say(`${tag}: up to date (content ${contentHash.slice(0, 12)})`);
    return { imageId: current.Id, tag, built: false, contentHash };
  }
  const match = (await docker.listImages({ filters: { label: [`${CONTENT_LABEL}=${contentHash}`] } }))[0];
  if (!match) return undefined;
  say(`${tag}: same content as ${match.Id.slice(7, 19)}, tagging it`);
  const at = tag.lastIndexOf(':');
  await docker.getImage(match.Id).tag({ repo: tag.slice(0, at), tag: tag.slice(at + 1) });
  if (current && current.Id !== match.Id) await docker.getImage(current.Id).remove().catch(() => undefined);
  return { imageId: match.Id, tag, built: false, contentHash };
}
