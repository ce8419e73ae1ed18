/**
 * The SDK's folder (the one holding `dist/`), from a module's own folder `levels` below it:
 * run from source (`tsx editor/cli/...`) that is `levels` up, compiled (`dist/editor/cli/...`,
 * as in the databox/server image) one more, past `dist`.
 *
 * @example
 * const ROOT = sdkRoot(__dirname, 2); // in editor/cli/
 */
import path from 'node:path';

export function sdkRoot(moduleDir: string, levels: number): string {
  const up = path.resolve(moduleDir, ...Array<string>(levels).fill('..'));
  return path.basename(up) === 'dist' ? path.dirname(up) : up;
}
