/**
 * A content hash over build-context entries (names, modes, bytes) and anything else the
 * image depends on (the base image id): same inputs, same hash, whatever the mtimes.
 *
 * @example
 * const hash = await contextHash(entries, ['sha256:base...']);
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { ContextEntry } from './context.types';

export async function contextHash(entries: readonly ContextEntry[], extra: readonly string[] = []): Promise<string> {
  const hash = createHash('sha256');
  for (const value of extra) hash.update(`extra ${value}\n`);
  for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const content = 'content' in entry ? entry.content : await fs.promises.readFile(entry.file);
    hash.update(`${entry.name} ${entry.mode.toString(8)} ${content.length}\n`);
    hash.update(content);
  }
  return hash.digest('hex');
}
