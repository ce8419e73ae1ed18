/**
 * A lock held on the Docker engine itself, so builds in different processes (two test files,
 * two boxes' installs, the CLI) of the same content take turns: a container *name* is unique
 * per engine, and creating one that exists fails with 409. The lock is a created, never
 * started container labelled as the box's; a holder that died leaves one behind, which is
 * taken over once older than `staleMs`.
 *
 * @example
 * const release = await lockEngine(docker, `databox-build-${hash.slice(0, 16)}`, baseImageId);
 * try { await build(); } finally { await release(); }
 */
import type Docker from 'dockerode';
import { DataboxError } from '../../core/errors';

const WAIT_MS = 250;

export async function lockEngine(docker: Docker, name: string, image: string, options: { staleMs?: number; timeoutMs?: number; onWait?: () => void } = {}): Promise<() => Promise<void>> {
  const staleMs = options.staleMs ?? 10 * 60_000;
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  let waited = false;
  for (;;) {
    try {
      const lock = await docker.createContainer({ name, Image: image, Cmd: ['true'], Labels: { 'io.databox.lock': name }, NetworkDisabled: true });
      return async () => { await lock.remove({ force: true }).catch(() => undefined); };
    } catch (error) {
      if (statusOf(error) !== 409) throw error;
    }
    const held = await docker.getContainer(name).inspect().catch(() => undefined);
    if (held && Date.now() - Date.parse(held.Created) > staleMs) {
      await docker.getContainer(name).remove({ force: true }).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline) {
      throw new DataboxError('engine-lock-timeout', `another build holds ${name} for too long`, { status: 503, hint: `If no build is running, remove the lock: docker rm -f ${name}` });
    }
    if (!waited) options.onWait?.();
    waited = true;
    await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
  }
}

function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : undefined;
}
