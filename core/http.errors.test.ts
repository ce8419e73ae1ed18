import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataboxError } from './errors';
import { errorFromAnswer, httpError, isInternal } from './http.errors';

test('body-parser failures and unknown errors become one code each, never leaking internals', () => {
  const malformed = httpError(Object.assign(new Error('Unexpected token'), { type: 'entity.parse.failed' }));
  assert.deepEqual([malformed.code, malformed.status], ['body-malformed', 400]);
  const large = httpError(Object.assign(new Error('too big'), { type: 'entity.too.large', limit: 1024 }));
  assert.deepEqual([large.code, large.status, large.message], ['body-too-large', 413, 'the request body is larger than 1024 bytes']);
  assert.equal(httpError(Object.assign(new Error('x'), { type: 'encoding.unsupported' })).status, 415);
  const hidden = httpError(new Error('SQLITE_CORRUPT at /var/lib/x'), 'the app store');
  assert.deepEqual([hidden.code, hidden.status, hidden.message], ['internal', 500, 'the app store could not answer this request']);
  assert.ok(isInternal(hidden));
  assert.doesNotMatch(JSON.stringify(hidden.toJSON()), /SQLITE|var\/lib/);
  const known = new DataboxError('key-unknown', 'no key', { status: 404 });
  assert.equal(httpError(known), known, 'a DataboxError is answered as it is');
  assert.ok(!isInternal(known));
});

test('a client reads the same DataboxError back from the answer', () => {
  const sent = new DataboxError('token-caveat-path', 'the token does not cover /ts/x', { status: 403, hint: 'Ask for another token' });
  const back = errorFromAnswer(403, JSON.stringify(sent.toJSON()), 'the datastore');
  assert.deepEqual([back.code, back.message, back.hint, back.status], [sent.code, sent.message, sent.hint, 403]);
  const other = errorFromAnswer(502, '<html>bad gateway</html>', 'the datastore');
  assert.deepEqual([other.code, other.status], ['request-failed', 502]);
  assert.match(other.message, /^the datastore answered 502: <html>/);
});
