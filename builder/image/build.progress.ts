/**
 * Reads Docker's build stream (one JSON object per event) into progress lines for people,
 * the built image id, and, on failure, a DataboxError naming the step that failed. Pure.
 *
 * @example
 * const progress = buildProgress((line) => console.log(line));
 * progress.push({ stream: 'Step 1/3 : FROM databox/flow-runtime:0.1.0\n' });
 * progress.push({ aux: { ID: 'sha256:abc' } });
 * progress.finish(); // 'sha256:abc'
 */
import { DataboxError } from '../../core/errors';

export interface BuildEvent {
  stream?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string };
}

export interface BuildProgress {
  push(event: BuildEvent): void;
  /** The image id; throws the build's error as a DataboxError. */
  finish(): string;
}

/** Progress lines are for people: a LABEL step carrying a whole manifest is cut short. */
const MAX_LINE = 240;

/** @example isBuildEvent({ stream: 'Step 1/2 : FROM x' }) // true */
export function isBuildEvent(value: unknown): value is BuildEvent {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function buildProgress(onProgress: (line: string) => void = () => undefined): BuildProgress {
  let step = '';
  let imageId = '';
  let failure = '';
  const output: string[] = [];
  return {
    push(event) {
      if (event.error || event.errorDetail?.message) {
        failure ||= (event.errorDetail?.message ?? event.error ?? '').trim();
        onProgress(`error: ${failure}`);
        return;
      }
      if (event.aux?.ID) imageId = event.aux.ID;
      const text = event.stream ?? event.status ?? '';
      for (const line of text.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '')) {
        if (/^Step \d+\/\d+ : /.test(line)) {
          step = line;
          output.length = 0;
        } else {
          output.push(line.trim());
          if (output.length > 20) output.shift();
        }
        const built = /^Successfully built ([0-9a-f]{12,64})$/.exec(line);
        if (built && !imageId) imageId = built[1] ?? '';
        onProgress(line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 3)}...` : line);
      }
    },
    finish() {
      if (failure) {
        const where = step.length > MAX_LINE ? `${step.slice(0, MAX_LINE - 3)}...` : step;
        throw new DataboxError('image-build-failed', `${where ? `${where}: ` : ''}${failure}`, {
          status: 422,
          hint: output.length ? `Last output of the step: ${output.slice(-5).join(' | ')}` : 'Check the Dockerfile step named above.',
        });
      }
      if (!imageId) {
        throw new DataboxError('image-build-failed', `The build ended without an image${step ? ` (last step: ${step})` : ''}.`, { status: 500, hint: 'See the build output for what happened.' });
      }
      return imageId.startsWith('sha256:') ? imageId : `sha256:${imageId}`;
    },
  };
}
