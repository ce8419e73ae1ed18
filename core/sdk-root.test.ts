import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sdkRoot } from './sdk-root';

test('the SDK folder is found from source and from the compiled dist/ alike', () => {
  assert.equal(sdkRoot('/work/sdk/editor/cli', 2), '/work/sdk');
  assert.equal(sdkRoot('/opt/databox/dist/editor/cli', 2), '/opt/databox');
  assert.equal(sdkRoot('/opt/databox/dist/stack', 1), '/opt/databox');
});
