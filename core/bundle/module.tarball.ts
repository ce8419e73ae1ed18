/**
 * The format of a third-party node module in a bundle (decision 0015): an npm pack tarball,
 * `modules/<name>-<version>.tgz` (`@scope/x` -> `scope-x`, as `npm pack` names it), gzip over
 * a ustar archive whose files are under `package/`. Written deterministically: files sorted
 * by path, no folder entries, mode 0644 (0755 when executable), uid/gid 0, npm's fixed mtime,
 * gzip level 9 with no time and the Unix OS byte. The same files always give the same bytes,
 * so the same module gives the same bundle and the same content hash. Pure.
 *
 * @example
 * const tgz = packModuleTarball([{ path: 'package.json', data, mode: 0o644 }]);
 * moduleTarballPath('@acme/node-red-x', '1.2.0') // 'modules/acme-node-red-x-1.2.0.tgz'
 * moduleIntegrity(tgz)                           // 'sha512-...' (as in package-lock.json)
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { writeTar } from './tar.write';

export const MODULES_DIR = 'modules';
/** The mtime npm pack writes on every entry (1985-10-26T08:15:00Z), so that nothing depends on when a module was installed. */
export const NPM_PACK_MTIME = Date.UTC(1985, 9, 26, 8, 15, 0) / 1000;
/** The gzip header's OS byte for Unix: zlib writes the build platform's, which would make bytes differ across platforms. */
const GZIP_OS_UNIX = 3;

export interface ModuleFile {
  /** The path inside the package, `/`-separated, without the `package/` root. */
  path: string;
  data: Buffer;
  mode: number;
}

export function moduleTarballPath(name: string, version: string): string {
  return `${MODULES_DIR}/${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
}

export function moduleIntegrity(tarball: Buffer): string {
  return `sha512-${createHash('sha512').update(tarball).digest('base64')}`;
}

/** 0755 when any execute bit is set, else 0644: what npm pack writes, and all an extracted module keeps. */
export function normalMode(mode: number): number {
  return (mode & 0o111) !== 0 ? 0o755 : 0o644;
}

export function packModuleTarball(files: readonly ModuleFile[]): Buffer {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const tar = writeTar(sorted.map((file) => ({ name: `package/${file.path}`, data: file.data, mode: normalMode(file.mode), mtime: NPM_PACK_MTIME })));
  const gzip = gzipSync(tar, { level: 9 });
  gzip[9] = GZIP_OS_UNIX;
  return gzip;
}
