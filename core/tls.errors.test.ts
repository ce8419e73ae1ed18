import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tlsRefusal } from './tls.errors';

const fetchError = (code: string, message = 'x') => new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });

test('TLS verification failures become one DataboxError each; other failures are not TLS ones', () => {
  assert.equal(tlsRefusal(fetchError('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), 'the arbiter', 'https://arbiter:8080/token')?.code, 'tls-untrusted');
  assert.equal(tlsRefusal(fetchError('SELF_SIGNED_CERT_IN_CHAIN'), 'the arbiter', 'https://arbiter:8080')?.code, 'tls-untrusted');
  assert.equal(tlsRefusal(fetchError('CERT_HAS_EXPIRED'), 'the arbiter', 'https://arbiter:8080')?.code, 'tls-untrusted');
  const host = tlsRefusal(Object.assign(new Error('Hostname/IP does not match'), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }), 'the datastore', 'wss://os-monitor-store:8080/ws?token=secret');
  assert.equal(host?.code, 'tls-host-mismatch');
  assert.equal(host?.status, 502);
  assert.match(host?.message ?? '', /^the datastore at wss:\/\/os-monitor-store:8080 presented a certificate for another host name/);
  assert.doesNotMatch(host?.message ?? '', /secret/, 'only the origin is named, never the query');
  assert.match(host?.hint ?? '', /NODE_EXTRA_CA_CERTS/);
  assert.equal(tlsRefusal(fetchError('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number'), 'the audit log', 'https://audit:8080')?.code, 'tls-not-spoken');
  assert.equal(tlsRefusal(fetchError('ECONNREFUSED'), 'the arbiter', 'https://arbiter:8080'), undefined);
  assert.equal(tlsRefusal(new Error('timeout'), 'the arbiter', 'https://arbiter:8080'), undefined);
  assert.equal(tlsRefusal('text', 'the arbiter', 'https://arbiter:8080'), undefined);
});
