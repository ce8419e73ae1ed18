import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dockerfileInstructions } from './dockerfile.instructions';

test('instructions keep their first line number; continuations are joined, comments and blank lines dropped', () => {
  const text = '# app\nFROM databox/flow-runtime:0.1.0\nLABEL a="1" \\\n      b="2"\n\nCOPY databox-manifest.json flows.json package.json /app/\nCOPY node_modules/ /app/node_modules/\n';
  assert.deepEqual(dockerfileInstructions(text), [
    { line: 2, text: 'FROM databox/flow-runtime:0.1.0' },
    { line: 3, text: 'LABEL a="1" b="2"' },
    { line: 6, text: 'COPY databox-manifest.json flows.json package.json /app/' },
    { line: 7, text: 'COPY node_modules/ /app/node_modules/' },
  ]);
});
