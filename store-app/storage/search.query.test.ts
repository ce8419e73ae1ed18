import assert from 'node:assert/strict';
import { test } from 'node:test';
import { indexTerms, LISTED_TERM, queryTerms } from './search.query';

test('index terms: every prefix of every word, filters after ":", and the listed term', () => {
  assert.deepEqual(indexTerms('air Air', ['typeapp']), [LISTED_TERM, 'a', 'ai', 'air', ':typeapp']);
  assert.equal(indexTerms('x'.repeat(100), []).length, 1 + 40, 'prefixes stop at the 40 characters a query word keeps');
});

test('query terms: words folded like the index, filters as tokens, ":" alone for a bare listing', () => {
  assert.deepEqual(queryTerms('Café  cafe', { type: 'app', exportsData: false }), ['cafe', ':typeapp', ':exportsno']);
  assert.deepEqual(queryTerms(undefined, {}), [LISTED_TERM]);
  assert.deepEqual(queryTerms('"; DROP', {}), ['drop']);
  // Every query term of a matching app is among its index terms.
  const index = new Set(indexTerms('Crème brûlée timer', ['typeapp']));
  assert.ok(queryTerms('creme BRU', { type: 'app' }).every((t) => index.has(t)));
  assert.ok(!queryTerms('creme', { type: 'driver' }).every((t) => index.has(t)));
});
