/**
 * The Docker engine client (dockerode), from `DOCKER_HOST` or the local socket. One place,
 * so tests and the CLI talk to the same engine.
 *
 * @example
 * const docker = dockerClient(); await docker.ping();
 */
import Docker from 'dockerode';

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
