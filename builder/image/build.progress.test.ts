import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataboxError } from '../../core/errors';
import { buildProgress } from './build.progress';

test('progress lines go out as they come, and the image id comes back', () => {
  const lines: string[] = [];
  const progress = buildProgress((line) => lines.push(line));
  progress.push({ stream: 'Step 1/2 : FROM databox/flow-runtime:0.1.0\n' });
  progress.push({ stream: ' ---> 1234\n' });
  progress.push({ stream: 'Step 2/2 : COPY flows.json /app/\n\n' });
  progress.push({ aux: { ID: 'sha256:abcdef' } });
  progress.push({ stream: 'Successfully built abcdef123456\n' });
  assert.deepEqual(lines, ['Step 1/2 : FROM databox/flow-runtime:0.1.0', ' ---> 1234', 'Step 2/2 : COPY flows.json /app/', 'Successfully built abcdef123456']);
  assert.equal(progress.finish(), 'sha256:abcdef');
});

test('without an aux id, the "Successfully built" line gives the id', () => {
  const progress = buildProgress();
  progress.push({ stream: 'Successfully built 0123456789ab\n' });
  assert.equal(progress.finish(), 'sha256:0123456789ab');
});

test('an error names the failing step and the step output', () => {
  const progress = buildProgress();
  progress.push({ stream: 'Step 2/3 : COPY missing.txt /app/\n' });
  progress.push({ errorDetail: { message: 'COPY failed: file not found in build context' }, error: 'COPY failed' });
  assert.throws(() => progress.finish(), (e: unknown) => e instanceof DataboxError && e.code === 'image-build-failed'
    && e.message === 'Step 2/3 : COPY missing.txt /app/: COPY failed: file not found in build context');
});

test('a stream that ends without an image is an error too', () => {
  const progress = buildProgress();
  progress.push({ stream: 'Step 1/1 : FROM x\n' });
  assert.throws(() => progress.finish(), /ended without an image \(last step: Step 1\/1 : FROM x\)/);
});

test('very long lines (a LABEL with a manifest) are cut for people', () => {
  const lines: string[] = [];
  const progress = buildProgress((line) => lines.push(line));
  progress.push({ stream: `Step 2/3 : LABEL io.databox.manifest="${'x'.repeat(1000)}"\n` });
  assert.equal(lines[0]?.length, 240);
  assert.ok(lines[0]?.endsWith('...'));
});
