/**
 * Plans an app image as one layer committed on the runtime (decision 0012): the files each
 * COPY puts where, and the metadata instructions (LABEL, ENV, ...) Docker applies at commit.
 * Only for Dockerfiles whose meaning is plain without an image's file system: literal
 * sources, absolute destinations, no flags, no variables, no ARG/STOPSIGNAL, no parser
 * directives. Anything else is `{ kind: 'dockerfile' }`: Docker's builder runs it. Pure.
 *
 * @example
 * planAppImage('FROM databox/flow-runtime:0.1.0\nCOPY flows.json /app/\n', entries)
 * // { kind: 'commit', steps: ['FROM databox/flow-runtime:0.1.0', 'COPY flows.json /app/'],
 * //   files: [{ name: 'app/flows.json', ... }], changes: [] }
 */
import path from 'node:path';
import { DataboxError } from '../../core/errors';
import { dockerfileInstructions } from './dockerfile.instructions';
import { isSafeContextName, type ContextEntry } from './context.types';

export type AppImagePlan =
  | { kind: 'commit'; steps: string[]; files: ContextEntry[]; changes: string[] }
  | { kind: 'dockerfile'; reason: string };

/** Instructions Docker applies to an image's config when committing (its `changes`). */
const COMMIT_CHANGES = new Set(['LABEL', 'ENV', 'WORKDIR', 'EXPOSE', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK']);
/** Characters that make a COPY argument more than a literal path. */
const NOT_LITERAL = /["'$*?[\]\\]/;

function dockerfilePath(reason: string): AppImagePlan {
  return { kind: 'dockerfile', reason };
}

/** The physical lines of the instruction starting at `line` (1-based), continuations included. */
function rawInstruction(lines: readonly string[], line: number): string {
  const raw: string[] = [];
  for (let at = line - 1; at < lines.length; at++) {
    const text = lines[at] ?? '';
    raw.push(text);
    if (!text.trimEnd().endsWith('\\')) break;
  }
  return raw.join('\n');
}

function missingSource(step: string, source: string): DataboxError {
  return new DataboxError('image-build-failed', `${step}: COPY failed: "${source}" is not in the bundle.`, {
    status: 422, hint: 'Copy only the bundle\'s own files (databox-manifest.json, flows.json, package.json) and node_modules/ (made from its modules/*.tgz); rebuild the bundle with `databox build`.' });
}

export function planAppImage(dockerfile: string, entries: readonly ContextEntry[]): AppImagePlan {
  const lines = dockerfile.split(/\r?\n/);
  if (/^\s*#\s*[a-z]+\s*=/i.test(lines[0] ?? '')) return dockerfilePath('a parser directive');
  const instructions = dockerfileInstructions(dockerfile);
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const files = new Map<string, ContextEntry>();
  const steps: string[] = [];
  const changes: string[] = [];
  for (const [index, { line, text }] of instructions.entries()) {
    const keyword = (text.split(/\s+/, 1)[0] ?? '').toUpperCase();
    const step = `Step ${index + 1}/${instructions.length} : ${text}`;
    steps.push(text);
    if (keyword === 'FROM') continue;
    if (COMMIT_CHANGES.has(keyword)) {
      changes.push(rawInstruction(lines, line));
      continue;
    }
    if (keyword !== 'COPY') return dockerfilePath(`${keyword} (line ${line})`);
    const args = text.split(/\s+/).slice(1);
    const dest = args.pop() ?? '';
    if (args.length === 0 || args.some((a) => a.startsWith('-')) || [...args, dest].some((a) => NOT_LITERAL.test(a))) return dockerfilePath(`COPY with flags, patterns or variables (line ${line})`);
    if (!dest.startsWith('/')) return dockerfilePath(`COPY to a relative destination (line ${line})`);
    if (args.length > 1 && !dest.endsWith('/')) return dockerfilePath(`COPY of several sources to "${dest}" (line ${line})`);
    const into = path.posix.normalize(dest).replace(/^\/+/, '').replace(/\/+$/, '');
    for (const arg of args) {
      const source = path.posix.normalize(arg).replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
      if (source === '.' || source === '' || source.startsWith('..')) return dockerfilePath(`COPY of the whole context or from outside it (line ${line})`);
      const file = byName.get(source);
      if (file) {
        // One file to a path not ending in "/" may be a file name or an existing directory:
        // only the image's file system knows, so Docker's builder decides.
        if (args.length === 1 && !dest.endsWith('/')) return dockerfilePath(`COPY of one file to "${dest}" (line ${line})`);
        const name = [into, path.posix.basename(source)].filter(Boolean).join('/');
        files.set(name, { ...file, name });
        continue;
      }
      const under = entries.filter((entry) => entry.name.startsWith(`${source}/`));
      if (under.length === 0) throw missingSource(step, arg);
      for (const entry of under) {
        const name = [into, entry.name.slice(source.length + 1)].filter(Boolean).join('/');
        files.set(name, { ...entry, name });
      }
    }
  }
  for (const name of files.keys()) {
    if (!isSafeContextName(name)) return dockerfilePath(`a destination outside plain paths ("${name}")`);
  }
  return { kind: 'commit', steps, files: [...files.values()], changes };
}
