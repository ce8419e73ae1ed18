/**
 * A synchronous tar reader for archives already in memory (the bundle validator is
 * synchronous): ustar, with its name prefix, PAX `path`/`size` records and GNU long names.
 * It only reports what the archive says (names, kinds, modes, bytes as views of the input);
 * deciding what is allowed is the caller's. A malformed archive (bad checksum, truncated,
 * a size it cannot read) throws a TarFormatError. Pure.
 *
 * @example
 * for (const entry of readTar(gunzipSync(tgz))) console.log(entry.type, entry.name, entry.size);
 */
const BLOCK = 512;

export type TarEntryType = 'file' | 'directory' | 'link' | 'symlink' | 'character-device' | 'block-device' | 'fifo' | 'contiguous-file' | 'unknown';

export interface TarEntry {
  name: string;
  type: TarEntryType;
  mode: number;
  size: number;
  /** The entry's bytes (a view of the archive; empty for anything but a file). */
  data: Buffer;
  linkname: string;
}

export class TarFormatError extends Error {}

const TYPES: Record<string, TarEntryType> = {
  '0': 'file', '\0': 'file', '1': 'link', '2': 'symlink', '3': 'character-device', '4': 'block-device', '5': 'directory', '6': 'fifo', '7': 'contiguous-file',
};

export function readTar(tar: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let pending: { path?: string; linkpath?: string; size?: number } = {};
  let offset = 0;
  for (; offset + BLOCK <= tar.length;) {
    const block = tar.subarray(offset, offset + BLOCK);
    if (block.every((byte) => byte === 0)) return entries;
    checkChecksum(block, offset);
    const flag = String.fromCharCode(block[156] ?? 0);
    const meta = flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K';
    const size = meta ? readSize(block, offset) : pending.size ?? readSize(block, offset);
    const start = offset + BLOCK;
    if (start + size > tar.length) throw new TarFormatError(`the entry at byte ${offset} is cut off (it says ${size} bytes)`);
    const data = tar.subarray(start, start + size);
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
    if (flag === 'x') {
      pending = { ...pending, ...paxRecords(data) };
      continue;
    }
    if (flag === 'g') continue;
    if (flag === 'L' || flag === 'K') {
      const value = cString(data, 0, data.length);
      pending = flag === 'L' ? { ...pending, path: value } : { ...pending, linkpath: value };
      continue;
    }
    const type = TYPES[flag] ?? 'unknown';
    const magic = block.toString('latin1', 257, 262);
    const prefix = magic === 'ustar' ? cString(block, 345, 155) : '';
    const short = cString(block, 0, 100);
    entries.push({
      name: pending.path ?? (prefix === '' ? short : `${prefix}/${short}`),
      type,
      mode: readOctal(block, 100, 8, offset) ?? 0,
      size,
      data: type === 'file' || type === 'contiguous-file' ? data : Buffer.alloc(0),
      linkname: pending.linkpath ?? cString(block, 157, 100),
    });
    pending = {};
  }
  if (!tar.subarray(offset).every((byte) => byte === 0)) throw new TarFormatError('the archive ends inside a header');
  return entries;
}

function checkChecksum(block: Buffer, offset: number): void {
  const stored = readOctal(block, 148, 8, offset);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : block[i] ?? 0;
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  if (stored !== unsigned && stored !== signed) throw new TarFormatError(`the header at byte ${offset} has a bad checksum (not a tar archive?)`);
}

function readSize(block: Buffer, offset: number): number {
  if (((block[124] ?? 0) & 0x80) !== 0) throw new TarFormatError(`the entry at byte ${offset} has a size in base-256 (more than 8 GiB)`);
  const size = readOctal(block, 124, 12, offset);
  if (size === undefined) throw new TarFormatError(`the entry at byte ${offset} has no size`);
  return size;
}

function readOctal(block: Buffer, start: number, length: number, offset: number): number | undefined {
  const text = block.toString('latin1', start, start + length).replace(/[\0 ]+$/, '').replace(/^ +/, '');
  if (text === '') return undefined;
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError(`the header at byte ${offset} has a number that is not octal`);
  return parseInt(text, 8);
}

function cString(data: Buffer, start: number, length: number): string {
  const slice = data.subarray(start, start + length);
  const end = slice.indexOf(0);
  return slice.toString('utf8', 0, end === -1 ? slice.length : end);
}

/** PAX extended header records (`<length> <key>=<value>\n`): the path, link path and size. */
function paxRecords(data: Buffer): { path?: string; linkpath?: string; size?: number } {
  const found: { path?: string; linkpath?: string; size?: number } = {};
  for (let at = 0; at < data.length;) {
    const space = data.indexOf(0x20, at);
    const length = space === -1 ? NaN : Number(data.toString('latin1', at, space));
    if (!Number.isInteger(length) || length <= 0 || at + length > data.length) throw new TarFormatError('a PAX header record is malformed');
    const record = data.toString('utf8', space + 1, at + length - 1);
    const equals = record.indexOf('=');
    const key = record.slice(0, equals);
    const value = record.slice(equals + 1);
    if (key === 'path') found.path = value;
    if (key === 'linkpath') found.linkpath = value;
    if (key === 'size') {
      if (!/^\d{1,15}$/.test(value)) throw new TarFormatError('a PAX size record is not a number');
      found.size = Number(value);
    }
    at += length;
  }
  return found;
}
