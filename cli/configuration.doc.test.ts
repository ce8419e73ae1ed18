// docs/configuration.md is what the command specs say today (regenerate: npm run docs:configuration).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { configurationDoc, CONFIGURATION_DOC } from './configuration.doc';

test('docs/configuration.md matches the command specs', () => {
  assert.equal(readFileSync(CONFIGURATION_DOC, 'utf8'), configurationDoc(), 'run npm run docs:configuration and commit the page');
});

test('every table lists each flag of its command, and each environment variable', () => {
  const doc = configurationDoc();
  for (const needle of ['`--studio-port <port>`', '`DATABOX_PASSWORD`', '`DATABOX_GITHUB_CLIENT_SECRET`', '`DATABASE_URL`', '`--driver <driver>`', '`--study <study>=<spec>`']) {
    assert.ok(doc.includes(needle), `${needle} is in the page`);
  }
});
