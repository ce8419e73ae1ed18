/**
 * Pure reading of a driver's environment: the names an app gets (docs/decisions/0003), plus
 * the driver's own. The box sets them when it starts a driver; a bad one is refused here,
 * naming the variable, before the driver touches the network.
 *
 * @example
 * driverEnv({ DATABOX_ARBITER_ENDPOINT: 'http://arbiter:8080', DATABOX_STORE_ENDPOINT: 'http://os-monitor-store:8080' })
 * // { arbiter: 'http://arbiter:8080', store: { endpoint: 'http://os-monitor-store:8080', name: 'os-monitor-store' },
 * //   tokenFile: '/run/secrets/DATABOX_ARBITER_TOKEN', host: '127.0.0.1', intervalMs: 5000, diskPath: '/' }
 */
import { isAbsolute } from 'node:path';
import { DataboxError } from '../../core/errors';

export type Env = Readonly<Record<string, string | undefined>>;

export interface DriverEnv {
  /** `DATABOX_ARBITER_ENDPOINT` */
  arbiter: string;
  /** `DATABOX_ARBITER_TOKEN_FILE`: the file holding the driver's arbiter key. */
  tokenFile: string;
  /** `DATABOX_STORE_ENDPOINT` and `DATABOX_STORE_NAME` (its tokens' target; default the endpoint's host name). */
  store: { endpoint: string; name: string };
  /** `DATABOX_LOCAL_NAME`: the driver's component name. */
  localName?: string;
  /** `DATABOX_DRIVER_PORT`: where a driver that receives posts listens (0: the OS picks). */
  port?: number;
  /** `DATABOX_DRIVER_HOST`: the address it listens on (default 127.0.0.1; 0.0.0.0 in a container). */
  host: string;
  /** `DATABOX_DRIVER_CONFIG`: the JSON config file the box writes. */
  configFile?: string;
  /** `DATABOX_INTERVAL_MS`: how often a sampling driver samples (default 5000). */
  intervalMs: number;
  /** `DATABOX_DISK_PATH`: os-monitor reports the filesystem holding it (default `/`). */
  diskPath: string;
}

export const DEFAULT_INTERVAL_MS = 5000;
/** As for apps (runtime/box-client): the key is a mounted file, never an environment value. */
export const DEFAULT_TOKEN_FILE = '/run/secrets/DATABOX_ARBITER_TOKEN';

export function driverEnv(env: Env): DriverEnv {
  const value = (name: string): string | undefined => (env[name] === '' ? undefined : env[name]);
  const arbiter = httpUrl('DATABOX_ARBITER_ENDPOINT', value('DATABOX_ARBITER_ENDPOINT'));
  const endpoint = httpUrl('DATABOX_STORE_ENDPOINT', value('DATABOX_STORE_ENDPOINT'));
  const storeName = value('DATABOX_STORE_NAME') ?? new URL(endpoint).hostname;
  if (!/^[a-z0-9][a-z0-9.-]{0,62}$/.test(storeName)) throw envError('DATABOX_STORE_NAME', 'must be the store\'s host name (lower-case letters, digits, "." and "-"), the target of its tokens');
  const localName = value('DATABOX_LOCAL_NAME');
  if (localName !== undefined && !/^[a-z][a-z0-9-]{0,62}$/.test(localName)) throw envError('DATABOX_LOCAL_NAME', 'must be the driver\'s component name: one lower-case word');
  const port = value('DATABOX_DRIVER_PORT');
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) <= 65535)) throw envError('DATABOX_DRIVER_PORT', 'must be a port number, 0 to 65535');
  const host = value('DATABOX_DRIVER_HOST') ?? '127.0.0.1';
  if (!/^[A-Za-z0-9.:-]{1,253}$/.test(host)) throw envError('DATABOX_DRIVER_HOST', 'must be an address to listen on, e.g. 127.0.0.1 or 0.0.0.0');
  const interval = value('DATABOX_INTERVAL_MS') ?? String(DEFAULT_INTERVAL_MS);
  const intervalMs = /^\d{1,9}$/.test(interval) ? Number(interval) : NaN;
  if (!(intervalMs >= 100 && intervalMs <= 86_400_000)) throw envError('DATABOX_INTERVAL_MS', 'must be whole milliseconds between samples, 100 to 86400000');
  const diskPath = value('DATABOX_DISK_PATH') ?? '/';
  if (!isAbsolute(diskPath)) throw envError('DATABOX_DISK_PATH', 'must be an absolute path, e.g. / or /var/lib/databox');
  const configFile = value('DATABOX_DRIVER_CONFIG');
  return {
    arbiter, store: { endpoint, name: storeName }, tokenFile: value('DATABOX_ARBITER_TOKEN_FILE') ?? DEFAULT_TOKEN_FILE, host, intervalMs, diskPath,
    ...(localName !== undefined ? { localName } : {}),
    ...(port !== undefined ? { port: Number(port) } : {}),
    ...(configFile !== undefined ? { configFile } : {}),
  };
}

function httpUrl(name: string, text: string | undefined): string {
  if (text === undefined) throw envError(name, 'is not set');
  if (!URL.canParse(text) || !/^https?:$/.test(new URL(text).protocol)) throw envError(name, `must be an http(s) URL, not ${JSON.stringify(text.slice(0, 100))}`);
  return text;
}

/** A refusal naming the variable. */
export function envError(name: string, problem: string): DataboxError {
  return new DataboxError('driver-env-invalid', `${name} ${problem}`, {
    status: 500, hint: 'The box sets it when it starts a driver; to run one by hand, set it as box/drivers/README.md shows.',
  });
}
