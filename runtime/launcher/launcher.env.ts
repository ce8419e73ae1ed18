/**
 * The Databox environment of an app container, read without side effects
 * (docs/decisions/0003-box-protocols.md): the mode, the preview seed and the app's name.
 *
 * @example
 * readLauncherEnv({ DATABOX_ARBITER_ENDPOINT: 'http://arbiter:8080' }).mode // 'box'
 * readLauncherEnv({}).mode // 'preview'
 */
import { DataboxError } from '../../core/errors';
import type { DataboxMode } from '../databox-settings';

export interface LauncherEnv {
  mode: DataboxMode;
  seed?: string;
  /** The app's name (`DATABOX_LOCAL_NAME`), when the box set one. */
  appName?: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** @example resolveMode({ DATABOX_MODE: 'box' }) // 'box' */
export function resolveMode(env: Env): DataboxMode {
  const given = (env.DATABOX_MODE ?? '').trim();
  if (given === 'preview' || given === 'box') return given;
  if (given !== '') {
    throw new DataboxError('launcher-mode-invalid', `DATABOX_MODE "${given}" is not a mode.`, {
      status: 400, hint: 'Set DATABOX_MODE to preview or box, or leave it unset.' });
  }
  return (env.DATABOX_ARBITER_ENDPOINT ?? '').trim() !== '' ? 'box' : 'preview';
}

export function readLauncherEnv(env: Env): LauncherEnv {
  const mode = resolveMode(env);
  if (mode === 'box' && (env.DATABOX_ARBITER_ENDPOINT ?? '').trim() === '') {
    throw new DataboxError('launcher-arbiter-missing', 'Box mode needs DATABOX_ARBITER_ENDPOINT.', {
      status: 400, hint: 'Set DATABOX_ARBITER_ENDPOINT (the box does this), or DATABOX_MODE=preview to run on simulated data.' });
  }
  const seed = (env.DATABOX_PREVIEW_SEED ?? '').trim();
  const appName = (env.DATABOX_LOCAL_NAME ?? '').trim();
  return { mode, ...(seed ? { seed } : {}), ...(appName ? { appName } : {}) };
}
