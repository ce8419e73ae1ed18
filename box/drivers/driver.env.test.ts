import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataboxError } from '../../core/errors';
import { driverEnv } from './driver.env';

const base = { DATABOX_ARBITER_ENDPOINT: 'http://arbiter:8080', DATABOX_STORE_ENDPOINT: 'http://os-monitor-store:8080' };

test('the box\'s environment, with the defaults', () => {
  assert.deepEqual(driverEnv(base), {
    arbiter: 'http://arbiter:8080', store: { endpoint: 'http://os-monitor-store:8080', name: 'os-monitor-store' },
    tokenFile: '/run/secrets/DATABOX_ARBITER_TOKEN', host: '127.0.0.1', intervalMs: 5000, diskPath: '/',
  });
  assert.deepEqual(driverEnv({
    ...base, DATABOX_STORE_ENDPOINT: 'http://127.0.0.1:7004', DATABOX_STORE_NAME: 'webhook-store', DATABOX_ARBITER_TOKEN_FILE: '/var/lib/databox/keys/webhook.key',
    DATABOX_LOCAL_NAME: 'webhook', DATABOX_DRIVER_PORT: '8081', DATABOX_DRIVER_HOST: '0.0.0.0', DATABOX_DRIVER_CONFIG: '/etc/databox/webhook.json',
    DATABOX_INTERVAL_MS: '250', DATABOX_DISK_PATH: '/var/lib/databox', DATABOX_UNRELATED: 'x',
  }), {
    arbiter: 'http://arbiter:8080', store: { endpoint: 'http://127.0.0.1:7004', name: 'webhook-store' }, tokenFile: '/var/lib/databox/keys/webhook.key',
    localName: 'webhook', port: 8081, host: '0.0.0.0', configFile: '/etc/databox/webhook.json', intervalMs: 250, diskPath: '/var/lib/databox',
  });
  assert.equal(driverEnv({ ...base, DATABOX_INTERVAL_MS: '', DATABOX_DRIVER_PORT: '' }).intervalMs, 5000, 'empty is not set');
});

test('a bad or missing variable is refused, naming it', () => {
  const cases: [Record<string, string | undefined>, RegExp][] = [
    [{ ...base, DATABOX_ARBITER_ENDPOINT: undefined }, /^DATABOX_ARBITER_ENDPOINT is not set/],
    [{ ...base, DATABOX_ARBITER_ENDPOINT: 'arbiter:8080' }, /^DATABOX_ARBITER_ENDPOINT must be an http\(s\) URL/],
    [{ ...base, DATABOX_STORE_ENDPOINT: undefined }, /^DATABOX_STORE_ENDPOINT is not set/],
    [{ ...base, DATABOX_STORE_ENDPOINT: 'ftp://store' }, /^DATABOX_STORE_ENDPOINT must be an http\(s\) URL/],
    [{ ...base, DATABOX_STORE_NAME: 'My Store' }, /^DATABOX_STORE_NAME must be the store's host name/],
    [{ ...base, DATABOX_LOCAL_NAME: 'OS monitor' }, /^DATABOX_LOCAL_NAME must be the driver's component name/],
    [{ ...base, DATABOX_DRIVER_PORT: '70000' }, /^DATABOX_DRIVER_PORT must be a port number/],
    [{ ...base, DATABOX_DRIVER_PORT: '80a' }, /^DATABOX_DRIVER_PORT must be a port number/],
    [{ ...base, DATABOX_DRIVER_HOST: 'a b' }, /^DATABOX_DRIVER_HOST must be an address/],
    [{ ...base, DATABOX_INTERVAL_MS: '5s' }, /^DATABOX_INTERVAL_MS must be whole milliseconds/],
    [{ ...base, DATABOX_INTERVAL_MS: '10' }, /^DATABOX_INTERVAL_MS must be whole milliseconds/],
    [{ ...base, DATABOX_DISK_PATH: 'var/lib' }, /^DATABOX_DISK_PATH must be an absolute path/],
  ];
  for (const [env, message] of cases) {
    assert.throws(() => driverEnv(env), (error: unknown) => error instanceof DataboxError && error.code === 'driver-env-invalid' && message.test(error.message) && /box sets it/.test(error.hint ?? ''), String(message));
  }
});
