import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUNTIME_VERSION } from './runtime-version';

test('the runtime version is the SDK version in package.json', () => {
  const packageJson: unknown = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
  assert.ok(typeof packageJson === 'object' && packageJson !== null && 'version' in packageJson);
  assert.equal(RUNTIME_VERSION, packageJson.version);
});
