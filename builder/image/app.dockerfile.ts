/**
 * Checks an app bundle's Dockerfile before it is built (bundles come from a store, so they
 * are untrusted): one `FROM databox/flow-runtime:<version>` and only instructions that
 * copy files and set metadata. No RUN, ADD, USER, multi-stage or other bases. Pure.
 *
 * @example
 * checkAppDockerfile('FROM databox/flow-runtime:0.1.0\nCOPY flows.json /app/flows.json\n')
 * // { runtimeImage: 'databox/flow-runtime:0.1.0', runtimeVersion: '0.1.0' }
 */
import { DataboxError } from '../../core/errors';
import { RUNTIME_REPOSITORY } from './image.labels';

const ALLOWED = new Set(['FROM', 'COPY', 'LABEL', 'ENV', 'ARG', 'WORKDIR', 'EXPOSE', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'STOPSIGNAL']);
const FROM = new RegExp(`^FROM\\s+${RUNTIME_REPOSITORY.replace('/', '\\/')}:([0-9A-Za-z][0-9A-Za-z._+-]{0,127})$`, 'i');

export interface AppDockerfile {
  runtimeImage: string;
  runtimeVersion: string;
}

function refuse(line: number, message: string, hint: string): DataboxError {
  return new DataboxError('app-dockerfile-refused', `Dockerfile line ${line}: ${message}`, { status: 400, hint });
}

/**
 * Instructions with their first line number, continuation lines joined, comments dropped.
 *
 * @example
 * dockerfileInstructions('FROM x\nLABEL a=1 \\\n  b=2\n') // [{line: 1, text: 'FROM x'}, {line: 2, text: 'LABEL a=1 b=2'}]
 */
export function dockerfileInstructions(text: string): { line: number; text: string }[] {
  const result: { line: number; text: string }[] = [];
  let current: { line: number; text: string } | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (!current && (trimmed === '' || trimmed.startsWith('#'))) return;
    const continued = trimmed.endsWith('\\');
    const part = continued ? trimmed.slice(0, -1).trim() : trimmed;
    current = current ? { line: current.line, text: `${current.text} ${part}`.trim() } : { line: index + 1, text: part };
    if (!continued) {
      result.push(current);
      current = undefined;
    }
  });
  if (current) result.push(current);
  return result;
}

export function checkAppDockerfile(text: string): AppDockerfile {
  const instructions = dockerfileInstructions(text);
  let from: AppDockerfile | undefined;
  for (const { line, text: instruction } of instructions) {
    const keyword = (instruction.split(/\s+/, 1)[0] ?? '').toUpperCase();
    if (!ALLOWED.has(keyword)) {
      throw refuse(line, `${keyword} is not allowed in an app image.`, 'An app image only copies its flow onto databox/flow-runtime; rebuild the bundle with `databox build`.');
    }
    if (keyword === 'FROM') {
      const match = FROM.exec(instruction);
      if (from || !match) {
        throw refuse(line, `"${instruction}" is not the one allowed base.`, `Use exactly one "FROM ${RUNTIME_REPOSITORY}:<version>".`);
      }
      from = { runtimeImage: `${RUNTIME_REPOSITORY}:${match[1]}`, runtimeVersion: match[1] ?? '' };
    } else if (!from) {
      throw refuse(line, `${keyword} comes before FROM.`, `Start the Dockerfile with "FROM ${RUNTIME_REPOSITORY}:<version>".`);
    }
    if (keyword === 'COPY' && /--from\b/i.test(instruction)) {
      throw refuse(line, 'COPY --from is not allowed.', 'Copy files from the bundle only.');
    }
  }
  if (!from) throw refuse(1, 'there is no FROM.', `Start the Dockerfile with "FROM ${RUNTIME_REPOSITORY}:<version>".`);
  return from;
}
