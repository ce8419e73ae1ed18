/**
 * A minimal, deterministic ustar writer: regular files only, in the order given, uid/gid 0,
 * no user names, each file's mode and mtime as given (default 0644 and 0). Names are relative
 * `/`-separated paths; one longer than 100 bytes is split into the ustar prefix (at most 155
 * bytes) and name. Same input, same bytes. Pure.
 *
 * @example
 * const tar = writeTar([{ name: 'flows.json', data: Buffer.from('[]') }]);
 * const npmStyle = writeTar([{ name: 'package/index.js', data, mode: 0o644, mtime: 499162500 }]);
 */
const BLOCK = 512;

export interface TarFile {
  name: string;
  data: Buffer;
  /** Permission bits; default 0o644. */
  mode?: number;
  /** Seconds since the epoch; default 0. */
  mtime?: number;
}

export function writeTar(files: readonly TarFile[]): Buffer {
  const parts: Buffer[] = [];
  for (const file of files) {
    parts.push(header(file), file.data, Buffer.alloc(padding(file.data.length)));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

/**
 * The ustar (prefix, name) split of a path, or undefined when it does not fit (a name part
 * over 100 bytes or a prefix over 155).
 *
 * @example
 * ustarName('package/lib/index.js') // { prefix: '', name: 'package/lib/index.js' }
 */
export function ustarName(path: string): { prefix: string; name: string } | undefined {
  if (Buffer.byteLength(path) <= 100) return { prefix: '', name: path };
  for (let at = path.indexOf('/'); at > 0; at = path.indexOf('/', at + 1)) {
    const prefix = path.slice(0, at);
    const name = path.slice(at + 1);
    if (Buffer.byteLength(prefix) > 155) return undefined;
    if (Buffer.byteLength(name) <= 100) return { prefix, name };
  }
  return undefined;
}

function header(file: TarFile): Buffer {
  const parts = file.name.split('/');
  if (file.name.startsWith('/') || parts.some((part) => part === '' || part === '.' || part === '..') || /[\\\0]/.test(file.name)) {
    throw new Error(`tar entry name "${file.name}" must be a relative path without "." or ".." parts`);
  }
  const split = ustarName(file.name);
  if (!split) throw new Error(`tar entry name "${file.name}" is too long for a ustar header`);
  const block = Buffer.alloc(BLOCK);
  block.write(split.name, 0, 'utf8');
  octal(block, 100, 8, file.mode ?? 0o644);
  octal(block, 108, 8, 0);
  octal(block, 116, 8, 0);
  octal(block, 124, 12, file.data.length);
  octal(block, 136, 12, file.mtime ?? 0);
  block.fill(0x20, 148, 156);
  block.write('0', 156, 'ascii');
  block.write('ustar\u000000', 257, 'binary');
  block.write(split.prefix, 345, 'utf8');
  const sum = block.reduce((total, byte) => total + byte, 0);
  block.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 'binary');
  return block;
}

function octal(block: Buffer, offset: number, length: number, value: number): void {
  block.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, 'ascii');
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}
