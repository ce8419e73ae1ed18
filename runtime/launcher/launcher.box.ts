/**
 * Box mode: builds the client for the box's arbiter, stores and export service from the
 * environment (runtime/box-client, docs/decisions/0003-box-protocols.md), and hands it to
 * the nodes as `settings.databox.box`.
 *
 * @example
 * const box = await connectBox(process.env); // needs DATABOX_ARBITER_ENDPOINT
 */
import path from 'node:path';
import { DataboxError } from '../../core/errors';
import type { BoxClient } from '../box-client/box-client.types';
import type { Env } from './launcher.env';

interface BoxClientModule {
  createBoxClient?: (env: Env) => BoxClient | Promise<BoxClient>;
}

export async function connectBox(env: Env): Promise<BoxClient> {
  let loaded: BoxClientModule;
  try {
    loaded = require(path.join(__dirname, '..', 'box-client', 'box-client'));
  } catch (error) {
    throw new DataboxError('launcher-box-client-missing', 'This runtime has no box client.', {
      status: 500, hint: 'Run the app with DATABOX_MODE=preview, or use a runtime image built with runtime/box-client.', cause: error });
  }
  if (typeof loaded.createBoxClient !== 'function') {
    throw new DataboxError('launcher-box-client-missing', 'runtime/box-client does not export createBoxClient.', { status: 500 });
  }
  return loaded.createBoxClient(env);
}
