/**
 * The Docker engine client (dockerode), from `DOCKER_HOST` or the local socket. One place,
 * so tests and the CLI talk to the same engine.
 *
 * @example
 * const docker = dockerClient(); await docker.ping();
 */
import Docker from 'dockerode';
import { DataboxError } from '../../core/errors';

export function dockerClient(): Docker {
  return new Docker();
}

/** @example isNotFound({ statusCode: 404 }) // true */
export function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { statusCode?: unknown }).statusCode === 404;
}

/** @example await imageExists(docker, 'databox/node-base:20') // true once provisioned */
export async function imageExists(docker: Docker, name: string): Promise<boolean> {
  try {
    await docker.getImage(name).inspect();
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/** @example (await inspectImage(docker, 'databox/node-base:20'))?.Id // 'sha256:...', undefined when absent */
export async function inspectImage(docker: Docker, name: string): Promise<Docker.ImageInspectInfo | undefined> {
  try {
    return await docker.getImage(name).inspect();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * Fails early, with what to do, when no Docker engine answers.
 *
 * @example
 * await ensureDocker(dockerClient()); // throws DataboxError docker-unavailable when dockerd is down
 */
export async function ensureDocker(docker: Docker): Promise<void> {
  try {
    await docker.ping();
  } catch (error) {
    throw new DataboxError('docker-unavailable', `No Docker engine answers (${error instanceof Error ? error.message : String(error)}).`, {
      status: 503, hint: 'Start it with `bash scripts/provision.sh` (or `dockerd`), or point DOCKER_HOST at one.', cause: error });
  }
}
