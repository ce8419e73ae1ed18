import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Request } from 'express';
import { safeReturn } from '../auth/studio.auth';
import { parseWorkspaceConfig } from '../workspace/workspace.config';
import { crossSite } from '../../core/http.same-origin';
import { checkDeploy } from './workspace.proxy';

const request = (method: string, headers: Record<string, string>): Request =>
  ({ method, protocol: 'http', get: (name: string) => headers[name.toLowerCase()] }) as unknown as Request;

test('a change is cross-site when the browser says so or its Origin is another; reads never are', () => {
  assert.equal(crossSite(request('POST', { host: 'studio:8070', origin: 'http://studio:8070', 'sec-fetch-site': 'same-origin' })), false);
  assert.equal(crossSite(request('POST', { host: 'studio:8070', 'sec-fetch-site': 'cross-site' })), true);
  assert.equal(crossSite(request('POST', { host: 'studio:8070', origin: 'http://studio:8070', 'sec-fetch-site': 'same-site' })), true, 'another origin of the same site is another origin');
  assert.equal(crossSite(request('POST', { host: 'studio:8070', origin: 'null', 'sec-fetch-site': 'same-origin' })), false, 'a same-origin form post under Referrer-Policy no-referrer');
  assert.equal(crossSite(request('POST', { host: 'studio:8070', origin: 'null' })), true, 'an opaque origin the browser does not vouch for');
  assert.equal(crossSite(request('POST', { host: 'studio:8070', origin: 'http://evil.example' })), true);
  assert.equal(crossSite(request('POST', { host: 'studio:8070' })), false, 'a client that is no browser (curl) sends neither');
  assert.equal(crossSite(request('GET', { host: 'studio:8070', 'sec-fetch-site': 'cross-site' })), false);
});

test('after sign-in the studio returns only to its own paths', () => {
  assert.equal(safeReturn('/workspace/'), '/workspace/');
  for (const bad of ['//evil.example/x', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', undefined, '']) assert.equal(safeReturn(bad), '/', String(bad));
});

test('a deploy must be JSON and a flow, in either of Node-RED\'s shapes', () => {
  checkDeploy(Buffer.from('[{"id":"t","type":"tab"}]'));
  checkDeploy(Buffer.from('{"flows":[{"id":"t","type":"tab"}],"rev":"abc"}'));
  assert.throws(() => checkDeploy(Buffer.from('{nope')), { code: 'flows-not-json' });
  assert.throws(() => checkDeploy(Buffer.from('{"hello":1}')), { code: 'flows-invalid' });
  assert.throws(() => checkDeploy(Buffer.from('[{"id":"a","type":"x"},{"id":"a","type":"y"}]')), /appears twice/);
});

test('a workspace refuses a configuration without strong secrets', () => {
  const good = { host: '127.0.0.1', port: 0, gateSecret: 'g'.repeat(43), storage: { url: 'http://127.0.0.1:1/internal/storage', token: 't'.repeat(43) }, credentialSecret: 'c'.repeat(43), title: 'a', nodesDirs: ['/x'] };
  assert.equal(parseWorkspaceConfig(JSON.stringify(good)).title, 'a');
  assert.throws(() => parseWorkspaceConfig(JSON.stringify({ ...good, gateSecret: 'short' })), /gateSecret/);
  assert.throws(() => parseWorkspaceConfig(JSON.stringify({ ...good, storage: { url: 'x', token: 'short' } })), /storage/);
  assert.throws(() => parseWorkspaceConfig('not json'), { code: 'workspace-config-invalid' });
});
