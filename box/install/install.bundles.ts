/**
 * The bundles a box has installed, kept so it can run them again after a reboot (or rebuild
 * an image that was removed): `<data>/bundles/<name>/<content hash>.tgz`, and beside it the
 * unpacked files the process driver runs (`<content hash>/`, its third-party modules in
 * `node_modules/` from the bundle's tarballs). Nothing is unpacked that the bundle validator did
 * not accept first.
 */
import { mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { bundleFiles, moduleFilesFromTarballs, type Bundle } from '../../core/bundle';
import type { BoxLayout } from '../daemon/box.layout';

export function bundleDir(layout: BoxLayout, name: string, contentHash: string): string {
  return path.join(layout.bundles, name, contentHash);
}

/** Keeps the tarball and the unpacked files; answers the folder. */
export function keepBundle(layout: BoxLayout, name: string, contentHash: string, bundle: Bundle, tarball: Buffer): string {
  const dir = bundleDir(layout, name, contentHash);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  writeFileSync(`${dir}.tgz`, tarball, { mode: 0o644 });
  const files = [...bundleFiles(bundle), ...moduleFilesFromTarballs(bundle).map((f) => ({ name: f.name, data: f.content, mode: f.mode }))];
  for (const file of files) {
    // Every name passed the bundle validator (module paths checked on extraction): no "..", no absolute paths.
    const target = path.join(dir, file.name);
    mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
    writeFileSync(target, file.data, { mode: 'mode' in file && file.mode === 0o755 ? 0o755 : 0o644 });
  }
  return dir;
}

export function hasBundle(layout: BoxLayout, name: string, contentHash: string): boolean {
  return existsSync(path.join(bundleDir(layout, name, contentHash), 'flows.json'));
}

export function dropBundle(layout: BoxLayout, name: string, contentHash?: string): void {
  if (contentHash === undefined) {
    rmSync(path.join(layout.bundles, name), { recursive: true, force: true });
    return;
  }
  const dir = bundleDir(layout, name, contentHash);
  rmSync(dir, { recursive: true, force: true });
  rmSync(`${dir}.tgz`, { force: true });
}
