/**
 * Which Node.js image the runtime is built on: `DATABOX_BASE_IMAGE` when set, else the
 * local `databox/node-base:20` when provisioning made one (hosts that cannot pull), else
 * the public `node:20-bookworm-slim`.
 *
 * @example
 * await resolveBaseImage(docker, process.env) // 'databox/node-base:20' on this machine
 */
import type Docker from 'dockerode';
import { imageExists } from './docker.client';

export const PUBLIC_BASE_IMAGE = 'node:20-bookworm-slim';
export const LOCAL_BASE_IMAGE = 'databox/node-base:20';

export async function resolveBaseImage(docker: Docker, env: Readonly<Record<string, string | undefined>> = process.env): Promise<string> {
  const given = (env.DATABOX_BASE_IMAGE ?? '').trim();
  if (given) return given;
  return (await imageExists(docker, LOCAL_BASE_IMAGE)) ? LOCAL_BASE_IMAGE : PUBLIC_BASE_IMAGE;
}
