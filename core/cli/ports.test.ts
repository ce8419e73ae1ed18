import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { DataboxError, describeError } from '../errors';
import { listenFailure, parsePort, portOption } from './ports';
import { parseHttpUrl } from './values';

test('a port is a whole number from 0 to 65535; 0 lets the OS pick', () => {
  assert.deepEqual(['0', '1', '8080', '65535', '007'].map(parsePort), [0, 1, 8080, 65535, 7]);
  for (const text of ['', '-1', '65536', '99999', '1.5', '1e3', ' 80', '80 ', '0x50', 'http', '123456']) {
    assert.throws(() => parsePort(text), (e: unknown) => e instanceof DataboxError && e.code === 'port-invalid', JSON.stringify(text));
  }
  assert.deepEqual(portOption(7001), { ...portOption(7001), type: 'string', value: '<port>', default: '7001' });
});

test('a port another program holds is a refusal naming it; other errors are not listen failures', async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const { port } = taken.address() as AddressInfo;
  const second = createServer();
  const problem = await new Promise<unknown>((resolve) => { second.once('error', resolve); second.listen(port, '127.0.0.1'); });
  taken.close();
  const refusal = listenFailure(problem);
  assert.ok(refusal);
  assert.equal(describeError(refusal), `[port-in-use] 127.0.0.1:${port} is in use by another program - Stop that program, or give another --port (0 lets the OS pick a free one)`);
  assert.equal(listenFailure(Object.assign(new Error('x'), { code: 'EACCES', syscall: 'listen', address: '0.0.0.0', port: 80 }))?.code, 'port-forbidden');
  assert.equal(listenFailure(Object.assign(new Error('x'), { code: 'ENOENT', syscall: 'open' })), undefined);
  assert.equal(listenFailure(new Error('plain')), undefined);
  assert.equal(listenFailure('text'), undefined);
});

test('URLs: http and https only', () => {
  assert.equal(parseHttpUrl('http://127.0.0.1:7001'), 'http://127.0.0.1:7001');
  assert.equal(parseHttpUrl('https://store.example.org/'), 'https://store.example.org/');
  for (const text of ['127.0.0.1:7001', 'ftp://x', 'store.example.org', '']) {
    assert.throws(() => parseHttpUrl(text), (e: unknown) => e instanceof DataboxError && e.code === 'url-invalid', text);
  }
});
