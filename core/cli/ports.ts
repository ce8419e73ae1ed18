/**
 * The one `--port` (and `--host`) every serving command takes, and what a person reads when a
 * port cannot be listened on. Pure.
 *
 * @example
 * parsePort('8080') // 8080
 * parsePort('0')    // 0: the OS picks a free port (the command prints the URL it got)
 * parsePort('http') // throws DataboxError port-invalid
 */
import { DataboxError } from '../errors';

export function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(port) || port > 65535) {
    throw new DataboxError('port-invalid', 'a port is a whole number from 0 to 65535', { hint: 'Give 0 to let the OS pick a free one' });
  }
  return port;
}

/** `--port <port>`, with the command's default. */
export function portOption(defaultPort: number) {
  return {
    type: 'string', value: '<port>', default: String(defaultPort), parse: parsePort,
    description: 'the port to listen on; 0 lets the OS pick a free one, shown in the URL printed at start',
  } as const;
}

export const HOST_OPTION = {
  type: 'string', value: '<addr>', default: '127.0.0.1',
  description: 'the address to listen on; 0.0.0.0 or :: listens on every interface',
} as const;

/**
 * A listen error (EADDRINUSE, EACCES, EADDRNOTAVAIL) as a refusal a person can act on; anything else: undefined.
 *
 * @example
 * listenFailure(Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE', address: '127.0.0.1', port: 8080 }))
 * // DataboxError port-in-use: '127.0.0.1:8080 is in use by another program'
 */
export function listenFailure(problem: unknown): DataboxError | undefined {
  if (!(problem instanceof Error) || !('code' in problem) || !('syscall' in problem) || problem.syscall !== 'listen') return undefined;
  const address = 'address' in problem && typeof problem.address === 'string' ? problem.address : 'the address';
  const where = 'port' in problem && typeof problem.port === 'number' ? `${address}:${problem.port}` : address;
  const options = { cause: problem };
  if (problem.code === 'EADDRINUSE') return new DataboxError('port-in-use', `${where} is in use by another program`, { ...options, hint: 'Stop that program, or give another --port (0 lets the OS pick a free one)' });
  if (problem.code === 'EACCES') return new DataboxError('port-forbidden', `not allowed to listen on ${where}`, { ...options, hint: 'Ports below 1024 need privileges: give a --port of 1024 or more' });
  if (problem.code === 'EADDRNOTAVAIL') return new DataboxError('host-unavailable', `${address} is not an address of this machine`, { ...options, hint: 'Give a --host this machine has, e.g. 127.0.0.1' });
  return undefined;
}
