/**
 * A minimal, deterministic ustar writer for regular files at the archive root: fixed mode
 * (0644), uid/gid 0, mtime 0, no user names, entries in the order given. Same input, same
 * bytes. Pure.
 *
 * @example
 * const tar = writeTar([{ name: 'flows.json', data: Buffer.from('[]') }]);
 */
const BLOCK = 512;

export interface TarFile {
  name: string;
  data: Buffer;
}

export function writeTar(files: readonly TarFile[]): Buffer {
  const parts: Buffer[] = [];
  for (const file of files) {
    parts.push(header(file.name, file.data.length), file.data, Buffer.alloc(padding(file.data.length)));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

function header(name: string, size: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 100 || name.includes('/')) throw new Error(`tar entry name "${name}" must be a short root-level name`);
  const block = Buffer.alloc(BLOCK);
  nameBytes.copy(block, 0);
  octal(block, 100, 8, 0o644);
  octal(block, 108, 8, 0);
  octal(block, 116, 8, 0);
  octal(block, 124, 12, size);
  octal(block, 136, 12, 0);
  block.fill(0x20, 148, 156);
  block.write('0', 156, 'ascii');
  block.write('ustar\u000000', 257, 'binary');
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
