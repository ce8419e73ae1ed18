/**
 * Gzipped tarballs with exactly the entries given, built with tar-stream (headers as given:
 * links, devices, `..`, absolute paths, duplicates): the hostile input the bundle format must
 * refuse. Never used to make a bundle a test expects to pass.
 *
 * @example
 * const tgz = await hostileTarball([{ header: { name: 'package/evil', type: 'symlink', linkname: '/etc/shadow' } }]);
 */
import { createGzip, gzipSync } from 'node:zlib';
import { pack, type Header } from 'tar-stream';
import { writeTar, type TarFile } from '../../core/bundle/tar.write';

export interface HostileEntry {
  header: Partial<Header> & { name: string };
  content?: Buffer | string;
}

export async function hostileTar(entries: readonly HostileEntry[]): Promise<Buffer> {
  const packer = pack();
  const chunks: Buffer[] = [];
  const collected = (async () => { for await (const chunk of packer) chunks.push(Buffer.from(chunk as Uint8Array)); })();
  for (const { header, content } of entries) {
    await new Promise<void>((resolve, reject) => {
      packer.entry(header, content ?? '', (error) => (error ? reject(error) : resolve()));
    });
  }
  packer.finalize();
  await collected;
  return Buffer.concat(chunks);
}

export async function hostileTarball(entries: readonly HostileEntry[]): Promise<Buffer> {
  return gzipSync(await hostileTar(entries));
}

/**
 * A gzip bomb: a tarball of `files` and then one entry `name` of `mib` MiB of zeros,
 * compressed as it streams (never all in memory; 256 MiB gzip to ~250 KB).
 */
export async function zerosTarball(name: string, mib: number, files: readonly TarFile[] = []): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  const done = (async () => { for await (const chunk of gzip) chunks.push(Buffer.from(chunk as Uint8Array)); })();
  const head = writeTar([...files, { name, data: Buffer.alloc(0) }]);
  const header = Buffer.from(head.subarray(head.length - 1536, head.length - 1024));
  header.write(`${(mib * 1024 * 1024).toString(8).padStart(11, '0')}\u0000`, 124, 'ascii');
  header.fill(0x20, 148, 156);
  const sum = header.reduce((total, byte) => total + byte, 0);
  header.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 'binary');
  gzip.write(head.subarray(0, head.length - 1536));
  gzip.write(header);
  const mebibyte = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < mib; i++) if (!gzip.write(mebibyte)) await new Promise((resolve) => gzip.once('drain', resolve));
  gzip.end(Buffer.alloc(1024));
  await done;
  return Buffer.concat(chunks);
}
