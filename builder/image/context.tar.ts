/**
 * Packs context entries into the tar stream Docker's build API takes (tar-stream), files
 * streamed from disk one at a time, fixed owner and mtime so the same files give the same
 * layer content.
 *
 * @example
 * const stream = packContext([{ name: 'Dockerfile', mode: 0o644, content: Buffer.from('FROM x') }]);
 */
import fs from 'node:fs';
import { pack, type Pack } from 'tar-stream';
import { DataboxError } from '../../core/errors';
import { isSafeContextName, type ContextEntry } from './context.types';

const MTIME = new Date(Date.UTC(2000, 0, 1));

export function packContext(entries: readonly ContextEntry[]): Pack {
  for (const entry of entries) {
    if (!isSafeContextName(entry.name)) {
      throw new DataboxError('image-context-path', `"${entry.name}" is not a safe file name in a build context.`, {
        status: 400, hint: 'Use relative names without "..", "." or a leading "/".' });
    }
  }
  const tar = pack();
  const header = (entry: ContextEntry, size: number) => ({ name: entry.name, size, mode: entry.mode, mtime: MTIME, uid: 0, gid: 0, type: 'file' as const });
  const next = (index: number): void => {
    const entry = entries[index];
    if (!entry) {
      tar.finalize();
      return;
    }
    if ('content' in entry) {
      tar.entry(header(entry, entry.content.length), entry.content, (error) => (error ? tar.destroy(error) : next(index + 1)));
      return;
    }
    const sink = tar.entry(header(entry, entry.size), (error) => (error ? tar.destroy(error) : next(index + 1)));
    fs.createReadStream(entry.file).on('error', (error) => tar.destroy(error)).pipe(sink);
  };
  next(0);
  return tar;
}
