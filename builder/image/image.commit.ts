/**
 * Commits a planned app image (`planAppImage`) without Docker's builder: a container is
 * created from the runtime image (never started), the planned files are put into it as one
 * tar, and Docker commits it with the plan's metadata and the labels (the same technique as
 * `docker commit` / source-to-image). One layer, one Docker process for the files, where the
 * builder spends one per copied file plus a container per metadata step (decision 0012).
 * The container is removed whatever happens.
 *
 * @example
 * const id = await commitImage(docker, plan, { from: 'databox/flow-runtime:0.1.0', tag: 'databox/app-x:1', labels }, console.log);
 */
import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { DataboxError } from '../../core/errors';
import type { AppImagePlan } from './app-image.plan';
import { buildProgress } from './build.progress';
import { packContext } from './context.tar';
import { dockerQuote } from './dockerfile.labels';

export interface CommitRequest {
  /** The image the plan builds on: its id and its config (what `docker inspect` shows). */
  from: string;
  config: object;
  tag: string;
  labels: Record<string, string>;
}

function failed(step: string, error: unknown): DataboxError {
  return new DataboxError('image-build-failed', `${step}: ${error instanceof Error ? error.message : String(error)}`, {
    status: 502, hint: 'Is the Docker engine running (docker info)? `bash scripts/provision.sh` starts it.', cause: error });
}

function committedId(answer: unknown): string {
  const id = typeof answer === 'object' && answer !== null ? (answer as { Id?: unknown }).Id : undefined;
  if (typeof id !== 'string' || !/^(sha256:)?[0-9a-f]{12,64}$/.test(id)) throw failed('commit', new Error(`Docker answered without an image id (${JSON.stringify(answer)})`));
  return id;
}

/** POST /commit with the base image's config as the body: no container-only fields (hostname, image name) reach the image. */
function commit(docker: Docker, query: Record<string, string | boolean>, config: object): Promise<unknown> {
  return new Promise((resolve, reject) => {
    docker.modem.dial({
      path: '/commit?', method: 'POST', options: { _query: query, _body: config },
      statusCodes: { 200: true, 201: true, 400: 'bad parameter', 404: 'no such container', 500: 'server error' },
    }, (error: unknown, data: unknown) => (error ? reject(error) : resolve(data)));
  });
}

export async function commitImage(docker: Docker, plan: Extract<AppImagePlan, { kind: 'commit' }>, request: CommitRequest, onProgress?: (line: string) => void): Promise<string> {
  const progress = buildProgress(onProgress);
  const say = (index: number) => progress.push({ stream: `Step ${index + 1}/${plan.steps.length} : ${plan.steps[index] ?? ''}\n` });
  const [repo, tag] = [request.tag.slice(0, request.tag.lastIndexOf(':')), request.tag.slice(request.tag.lastIndexOf(':') + 1)];
  // Our labels come last, so a bundle's own LABEL can never override them.
  const labelled = Object.entries(request.labels).map(([key, value]) => `${dockerQuote(key)}=${dockerQuote(value)}`);
  const changes = [...plan.changes, ...(labelled.length > 0 ? [`LABEL ${labelled.join(' ')}`] : [])].join('\n');
  say(0);
  let container: Docker.Container;
  try {
    // The labels also mark the container itself, should removing it fail.
    container = await docker.createContainer({ Image: request.from, Labels: request.labels, NetworkDisabled: true });
  } catch (error) {
    throw failed(`Step 1/${plan.steps.length} : ${plan.steps[0] ?? ''}`, error);
  }
  try {
    for (let index = 1; index < plan.steps.length; index++) say(index);
    if (plan.files.length > 0) await container.putArchive(Readable.from(packContext(plan.files)), { path: '/', noOverwriteDirNonDir: true });
    const answer = await commit(docker, {
      container: container.id, repo, tag, changes, pause: false, comment: `databox build: ${plan.steps.slice(1).join('; ').slice(0, 400)}`,
    }, request.config);
    progress.push({ aux: { ID: committedId(answer) } });
    progress.push({ stream: `Successfully tagged ${request.tag}\n` });
  } catch (error) {
    throw error instanceof DataboxError ? error : failed(`Step ${plan.steps.length}/${plan.steps.length} : ${plan.steps.at(-1) ?? ''}`, error);
  } finally {
    await container.remove({ force: true, v: true }).catch(() => undefined);
  }
  return progress.finish();
}
