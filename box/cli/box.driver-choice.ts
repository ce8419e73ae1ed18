/**
 * The container driver a box starts with when the owner names none: docker when a Docker
 * engine answers, else process (said clearly: no isolation).
 */
import type { CommandIO } from '../../core/cli';
import { dockerClient } from '../../builder/image/docker.client';

export async function chooseDriver(io: CommandIO): Promise<'docker' | 'process'> {
  try {
    await dockerClient().ping();
    return 'docker';
  } catch {
    io.err('databox box: no Docker engine answers; using the process driver (components are processes on this machine, with no network isolation)');
    return 'process';
  }
}
