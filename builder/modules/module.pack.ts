/**
 * One installed module folder as the files of its npm pack tarball (core/bundle
 * module.tarball.ts): every regular file under it, sorted, with its mode; nested
 * `node_modules/` (its dependencies are tarballs of their own) and `.git/` left out. A
 * symbolic link is packed as the file it points to when that file is inside the package, and
 * refused otherwise: nothing outside a package is read. Synchronous, like the validator that
 * runs on its result.
 *
 * @example
 * const tgz = packModuleDir('/flows/node_modules/node-red-contrib-x'); // the .tgz bytes
 */
import fs from 'node:fs';
import path from 'node:path';
import { bundleTooLarge } from '../../core/bundle/bundle.errors';
import { BUNDLE_LIMITS } from '../../core/bundle/bundle.limits';
import { packModuleTarball, type ModuleFile } from '../../core/bundle/module.tarball';
import { ustarName } from '../../core/bundle/tar.write';
import { DataboxError } from '../../core/errors';

const SKIPPED = new Set(['node_modules', '.git']);

export function packModuleDir(dir: string, maxBytes = BUNDLE_LIMITS.maxModuleBytes): Buffer {
  return packModuleTarball(moduleFilesIn(dir, maxBytes));
}

export function moduleFilesIn(dir: string, maxBytes = BUNDLE_LIMITS.maxModuleBytes): ModuleFile[] {
  const top = fs.realpathSync(dir);
  const files: ModuleFile[] = [];
  let total = 0;
  const walk = (abs: string, rel: string): void => {
    for (const entry of fs.readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
      const childAbs = path.join(abs, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) walk(childAbs, childRel);
        continue;
      }
      const file = entry.isSymbolicLink() ? linkedFile(top, childAbs, childRel, dir) : entry.isFile() ? childAbs : undefined;
      if (file === undefined) continue;
      if (!ustarName(`package/${childRel}`)) {
        throw new DataboxError('module-path-too-long', `${path.join(dir, childRel)} has a path too long for a module tarball (more than 255 bytes)`, {
          hint: 'Remove the file from the installed module if it is not needed at run time, or ask the module\'s author to shorten it',
        });
      }
      const data = fs.readFileSync(file);
      total += data.length;
      if (total > maxBytes) throw bundleTooLarge(`the module in ${dir} holds more than ${maxBytes} bytes, the limit for all modules together`);
      files.push({ path: childRel, data, mode: fs.statSync(file).mode });
    }
  };
  walk(top, '');
  if (!files.some((f) => f.path === 'package.json')) {
    throw new DataboxError('module-not-a-package', `${dir} has no package.json`, { hint: 'Give the folder of an installed npm package (npm install it again)' });
  }
  return files;
}

/** The file a link inside the package points to, when it is a file inside the package too. */
function linkedFile(top: string, link: string, rel: string, dir: string): string {
  let target: string;
  try {
    target = fs.realpathSync(link);
  } catch (error) {
    throw linkRefused(dir, rel, 'points to nothing', error);
  }
  if (!target.startsWith(top + path.sep)) throw linkRefused(dir, rel, 'points outside the package');
  if (!fs.statSync(target).isFile()) throw linkRefused(dir, rel, 'points to a folder');
  return target;
}

function linkRefused(dir: string, rel: string, what: string, cause?: unknown): DataboxError {
  return new DataboxError('module-link-refused', `${path.join(dir, rel)} is a symbolic link that ${what}; a module tarball holds only the package's own files`, {
    hint: 'Install the module with npm (which writes plain files) rather than linking it (npm link, pnpm), then build again', cause,
  });
}
