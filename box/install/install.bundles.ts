/**
 * The bundles a box has installed, kept so it can run them again after a reboot (or rebuild
 * an image that was removed): `<data>/bundles/<name>/<content hash>.tgz`, and beside it the
 * unpacked files the process driver runs (`<content hash>/`). Nothing is unpacked that the
 * bundle validator did not accept first.
 */
import { mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { bundleFiles, type Bundle } from '../../core/bundle';
import type { BoxLayout } from '../daemon/box.layout';

export function bundleDir(layout: BoxLayout, name: string, contentHash: string): string {
  return path.join(layout.bundles, name, contentHash);
}

/** Keeps the tarball and the unpacked files; answers the folder. */
export function keepBundle(layout: BoxLayout, name: string, contentHash: string, bundle: Bundle, tarball: Buffer): string {
  const dir = bundleDir(layout, name, contentHash);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  writeFileSync(`${dir}.tgz`, tarball, { mode: 0o644 });
  for (const file of bundleFiles(bundle)) writeFileSync(path.join(dir, file.name), file.data, { mode: 0o644 });
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
