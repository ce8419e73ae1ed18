/**
 * Reads `settings.databox` (what the runtime injects) into a checked `DataboxSettings`.
 * Missing settings mean preview; a malformed value is refused with a clear error rather
 * than half-used, so a runtime wiring mistake shows up at deploy time.
 *
 * @example
 * readDataboxSettings(undefined);                      // { mode: 'preview' }
 * readDataboxSettings({ mode: 'box', box: client });   // { mode: 'box', box: client }
 */
import { DataboxError } from '../../core/errors';
import type { BoxClient } from '../../runtime/box-client/box-client.types';
import type { DataboxSettings, PreviewSettings } from '../../runtime/databox-settings';

const BOX_METHODS = ['source', 'read', 'observe', 'actuate', 'ownDataStore', 'export'] as const;

export function readDataboxSettings(value: unknown): DataboxSettings {
  if (value === undefined || value === null) return { mode: 'preview' };
  if (!isRecord(value)) throw settingsError('settings.databox must be an object such as { mode: "preview" }');
  const mode = value.mode ?? 'preview';
  if (mode !== 'preview' && mode !== 'box') throw settingsError(`settings.databox.mode "${String(mode)}" is unknown; use "preview" or "box"`);
  const seed = value.seed;
  if (seed !== undefined && typeof seed !== 'string') throw settingsError('settings.databox.seed must be a string');
  const preview = readPreview(value.preview);
  if (mode === 'preview') return { mode, ...(seed !== undefined ? { seed } : {}), ...(preview ? { preview } : {}) };
  if (!isBoxClient(value.box)) {
    throw settingsError('box mode needs settings.databox.box, a client with source, read, observe, actuate, ownDataStore and export');
  }
  return { mode, box: value.box, ...(seed !== undefined ? { seed } : {}) };
}

function readPreview(value: unknown): PreviewSettings | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) throw settingsError('settings.databox.preview must be an object');
  const { epoch, burst, replay } = value;
  if (epoch !== undefined && !(typeof epoch === 'number' && Number.isFinite(epoch))) throw settingsError('settings.databox.preview.epoch must be a time in ms');
  if (burst !== undefined && !(typeof burst === 'number' && Number.isInteger(burst) && burst >= 1 && burst <= 10_000_000)) {
    throw settingsError('settings.databox.preview.burst must be a whole number from 1 to 10000000');
  }
  if (replay !== undefined && !(isRecord(replay) && Object.values(replay).every((values) => Array.isArray(values) && values.length > 0))) {
    throw settingsError('settings.databox.preview.replay must map data-source types to lists of readings');
  }
  return { ...(epoch !== undefined ? { epoch } : {}), ...(burst !== undefined ? { burst } : {}), ...(replay !== undefined ? { replay: replay as Record<string, unknown[]> } : {}) };
}

/** Checks the shape only: every method the nodes call is a function. */
export function isBoxClient(value: unknown): value is BoxClient {
  return isRecord(value) && BOX_METHODS.every((name) => typeof value[name] === 'function');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function settingsError(message: string): DataboxError {
  return new DataboxError('settings-invalid', message, { status: 500, hint: 'Fix the runtime that starts Node-RED (settings.databox).' });
}
