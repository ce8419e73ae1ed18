/**
 * One request to a box's datastore as an app makes it: a component registered for the test, one
 * grant, a token from the arbiter, the request with it; the component is gone afterwards. For
 * tests that check what a datastore holds (readings kept across a restart, an update, an
 * uninstall), through the same checks an app's requests meet.
 *
 * @example
 * const answer = await asReader(box.running.runtime, { target: 'os-monitor-store', path: '/ts/loadavg1/length', method: 'GET' });
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { BoxRuntime } from '../../box/daemon/box.runtime';

export async function asReader(rt: BoxRuntime, grant: { target: string; path: string; method: 'GET' | 'POST' }, body?: unknown): Promise<Response> {
  const key = randomBytes(24).toString('hex');
  await rt.admin.unregister('test-reader').catch(() => undefined);
  await rt.admin.register({ name: 'test-reader', type: 'app', key });
  try {
    await rt.admin.grant('test-reader', grant);
    const token = await fetch(`${await rt.driver.boxUrl('arbiter')}/token`, { method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json' }, body: JSON.stringify(grant) });
    assert.equal(token.status, 200, await token.clone().text());
    return await fetch(`${await rt.driver.boxUrl(grant.target)}${grant.path}`, {
      method: grant.method, headers: { 'x-api-key': await token.text(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } finally {
    await rt.admin.unregister('test-reader');
  }
}
