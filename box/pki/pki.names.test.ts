import { test } from 'node:test';
import assert from 'node:assert/strict';
import { componentName, ipAddress, sameNames, subjectNames } from './pki.names';

test('names are normalised: IPs canonical, repeats dropped, order ignored', () => {
  assert.equal(ipAddress('::0001'), '::1');
  assert.equal(ipAddress('fe80:0:0:0:0:0:0:1'), 'fe80::1');
  assert.equal(ipAddress('127.0.0.1'), '127.0.0.1');
  assert.deepEqual(subjectNames(['localhost', 'arbiter', 'arbiter'], ['::0001']), { dnsNames: ['arbiter', 'localhost'], ipAddresses: ['::1'] });
  assert.ok(sameNames({ dnsNames: ['b', 'a'], ipAddresses: [] }, { dnsNames: ['a', 'b'], ipAddresses: [] }));
  assert.ok(!sameNames({ dnsNames: ['a'], ipAddresses: [] }, { dnsNames: ['a'], ipAddresses: ['127.0.0.1'] }));
  assert.equal(componentName('os-monitor-store'), 'os-monitor-store');
  assert.throws(() => componentName('os.monitor'), /one lower-case host name label/);
});
