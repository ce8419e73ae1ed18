/**
 * Builds an image from context entries through dockerode: the context is streamed as tar,
 * progress lines go to `onProgress`, errors from the build come back as a DataboxError
 * naming the failing step; labels go into the Dockerfile (no extra build steps). The thin
 * I/O shell around `packContext`, `withLabels` and `buildProgress`.
 *
 * @example
 * const id = await buildImage(docker, entries, { tag: 'demo:1', labels: {} }, console.log);
 */
import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { DataboxError } from '../../core/errors';
import { buildProgress, isBuildEvent } from './build.progress';
import { packContext } from './context.tar';
import type { ContextEntry } from './context.types';
import { withFinalLabels, withLabels } from './dockerfile.labels';

export interface BuildRequest {
  tag: string;
  labels: Record<string, string>;
  /**
   * Labels set by a LABEL instruction of their own at the very end: only the finished image
   * carries them (the builder keeps each finished step as an image, and a lookup by label must
   * never find a half-built one).
   */
  finalLabels?: Record<string, string>;
  buildargs?: Record<string, string>;
}

export async function buildImage(docker: Docker, entries: readonly ContextEntry[], request: BuildRequest, onProgress?: (line: string) => void): Promise<string> {
  const progress = buildProgress(onProgress);
  let stream: NodeJS.ReadableStream;
  try {
    const labelled = entries.map((entry) => (entry.name === 'Dockerfile' && 'content' in entry
      ? { ...entry, content: Buffer.from(withFinalLabels(withLabels(entry.content.toString('utf8'), request.labels), request.finalLabels ?? {})) } : entry));
    stream = await docker.buildImage(Readable.from(packContext(labelled)), {
      t: request.tag, buildargs: request.buildargs ?? {}, rm: true, forcerm: true, pull: false,
    });
  } catch (error) {
    throw new DataboxError('image-build-failed', `Docker refused the build of ${request.tag}: ${error instanceof Error ? error.message : String(error)}`, {
      status: 502, hint: 'Is the Docker engine running (docker info)? `bash scripts/provision.sh` starts it.', cause: error });
  }
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(stream, (error: Error | null) => (error ? reject(error) : resolve()), (event: unknown) => {
      if (isBuildEvent(event)) progress.push(event);
    });
  });
  return progress.finish();
}
