/**
 * One file of a Docker build context: a name inside the context (relative, `/`-separated)
 * and either bytes in memory or a file on disk to stream.
 */
export type ContextEntry =
  | { name: string; mode: number; content: Buffer }
  | { name: string; mode: number; file: string; size: number };

/** A context name is relative, `/`-separated, and never climbs out of the context. */
export function isSafeContextName(name: string): boolean {
  if (name === '' || name.startsWith('/') || name.includes('\\') || name.includes('\0')) return false;
  return name.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}
