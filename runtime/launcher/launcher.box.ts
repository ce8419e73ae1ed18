/**
 * Box mode: builds the client for the box's arbiter, stores and export service from the
 * environment (runtime/box-client, docs/decisions/0003-box-protocols.md), and hands it to
 * the nodes as `settings.databox.box`. The arbiter key is read from its file, never env.
 *
 * @example
 * const box = connectBox(process.env); // needs DATABOX_ARBITER_ENDPOINT and the key file
 */
import { createBoxClient } from '../box-client/box-client';
import type { BoxClient } from '../box-client/box-client.types';
import type { Env } from './launcher.env';

export function connectBox(env: Env): BoxClient {
  return createBoxClient(env);
}
