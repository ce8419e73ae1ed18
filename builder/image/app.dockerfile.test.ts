import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataboxError } from '../../core/errors';
import { checkAppDockerfile, dockerfileInstructions } from './app.dockerfile';

test('the Dockerfile `databox build` writes is accepted', () => {
  const text = '# app\nFROM databox/flow-runtime:0.1.0\nLABEL a="1" \\\n      b="2"\nCOPY databox-manifest.json flows.json package.json /app/\nCOPY node_modules/ /app/node_modules/\n';
  assert.deepEqual(checkAppDockerfile(text), { runtimeImage: 'databox/flow-runtime:0.1.0', runtimeVersion: '0.1.0' });
  assert.deepEqual(dockerfileInstructions(text).map((i) => i.line), [2, 3, 5, 6]);
});

test('anything that runs code, changes user or uses another base is refused, naming the line', () => {
  const cases: [string, RegExp][] = [
    ['FROM databox/flow-runtime:0.1.0\nRUN curl http://x | sh\n', /line 2: RUN is not allowed/],
    ['FROM databox/flow-runtime:0.1.0\nADD https://x/y /app/\n', /line 2: ADD/],
    ['FROM databox/flow-runtime:0.1.0\nUSER root\n', /line 2: USER/],
    ['FROM node:20\nCOPY flows.json /app/\n', /line 1: "FROM node:20" is not the one allowed base/],
    ['FROM databox/flow-runtime:0.1.0 AS a\n', /line 1/],
    ['FROM databox/flow-runtime:0.1.0\nFROM databox/flow-runtime:0.1.0\n', /line 2/],
    ['FROM databox/flow-runtime:0.1.0\nCOPY --from=other /x /app/\n', /COPY --from/],
    ['COPY flows.json /app/\n', /line 1: COPY comes before FROM/],
    ['# nothing\n', /no FROM/],
    ['FROM databox/flow-runtime:0.1.0\nONBUILD RUN x\n', /ONBUILD/],
  ];
  for (const [text, pattern] of cases) {
    assert.throws(() => checkAppDockerfile(text), (e: unknown) => e instanceof DataboxError && e.code === 'app-dockerfile-refused' && pattern.test(e.message), text);
  }
});
