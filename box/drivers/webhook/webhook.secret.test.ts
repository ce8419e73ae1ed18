import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataboxError } from '../../../core/errors';
import { parseWebhookConfig } from './webhook.config';
import { hashSecret, newWebhookSource, secretMatches } from './webhook.secret';

test('a new source keeps only the hash of its secret, and only that secret matches it', () => {
  const { source, secret } = newWebhookSource({ id: 'phone-steps', type: 'steps', description: 'Steps from my phone' });
  assert.match(secret, /^[A-Za-z0-9_-]{43}$/, '256 random bits, base64url');
  assert.deepEqual(source, { id: 'phone-steps', type: 'steps', description: 'Steps from my phone', secretHash: hashSecret(secret) });
  assert.match(source.secretHash, /^sha256:[0-9a-f]{64}$/);
  assert.ok(!JSON.stringify(source).includes(secret));
  assert.equal(secretMatches(secret, source.secretHash), true);
  for (const wrong of [undefined, '', `${secret} `, secret.slice(1), newWebhookSource({ id: 'x', type: 'steps', description: 'x' }).secret]) {
    assert.equal(secretMatches(wrong, source.secretHash), false, JSON.stringify(wrong));
  }
  assert.equal(secretMatches(secret, 'sha256:short'), false, 'a malformed hash matches nothing');
  assert.notEqual(newWebhookSource({ id: 'phone-steps', type: 'steps', description: 'x' }).secret, secret, 'a new secret each time');
});

test('a new source with a bad id, type or description is refused, naming the field', () => {
  const refused = (spec: { id: string; type: string; description: string }, field: string) => assert.throws(() => newWebhookSource(spec),
    (e: unknown) => e instanceof DataboxError && e.code === 'webhook-source-invalid' && e.message.includes(`"${field}"`), field);
  refused({ id: 'my steps', type: 'steps', description: 'x' }, 'id');
  refused({ id: 'batch', type: 'steps', description: 'x' }, 'id');
  refused({ id: 'steps', type: '9 lives', description: 'x' }, 'type');
  refused({ id: 'steps', type: 'steps', description: '' }, 'description');
});

test('the config: sources as newWebhookSource makes them, each id once', () => {
  const a = newWebhookSource({ id: 'a', type: 'steps', description: 'A' }).source;
  const b = newWebhookSource({ id: 'b', type: 'my-gauge', description: 'B' }).source;
  assert.deepEqual(parseWebhookConfig(JSON.stringify({ sources: [a, b] }), '/etc/w.json'), [a, b]);
  const refused = (text: string, pattern: RegExp) => assert.throws(() => parseWebhookConfig(text, '/etc/w.json'), (e: unknown) => e instanceof DataboxError && pattern.test(e.message), String(pattern));
  refused('{"sources": [', /\/etc\/w.json is not JSON/);
  refused('{"source": []}', /must be \{"sources": \[...\]\}/);
  refused(JSON.stringify({ sources: [a, a] }), /names source "a" twice/);
  refused(JSON.stringify({ sources: [{ ...a, secretHash: 'plain-secret' }] }), /sources\[0\]: "secretHash" must be sha256/);
});
