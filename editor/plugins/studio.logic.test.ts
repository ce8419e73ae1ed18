// The pure part of the plugins' browser code (resources/studio.logic.browser.js), run in Node:
// NDJSON read as it streams, in any chunks; the studio's answers as messages; env edits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import logic = require('./resources/studio.logic.browser');

test('NDJSON split anywhere arrives as the same objects, once each', () => {
  const body = '{"progress":"compiling"}\n{"progress":"signing ✓"}\n\n{"done":true,"published":{"name":"a","version":"1.0.0","url":"https://store/a"}}';
  for (let size = 1; size <= body.length; size += 7) {
    const seen: unknown[] = [];
    let rest = '';
    for (let at = 0; at < body.length; at += size) {
      const chunk = logic.ndjsonChunk(rest, body.slice(at, at + size));
      rest = chunk.rest;
      seen.push(...chunk.objects);
    }
    seen.push(...logic.ndjsonEnd(rest));
    assert.deepEqual(seen, [{ progress: 'compiling' }, { progress: 'signing ✓' }, { done: true, published: { name: 'a', version: '1.0.0', url: 'https://store/a' } }], `chunks of ${size}`);
  }
  assert.deepEqual(logic.ndjsonChunk('', 'not json\n').objects, [{ invalid: 'not json' }]);
});

test('stream lines become progress, done, error or invalid', () => {
  assert.deepEqual(logic.streamEvent({ progress: 'x' }), { kind: 'progress', text: 'x' });
  assert.deepEqual(logic.streamEvent({ done: true, bundle: { hash: 'h' } }), { kind: 'done', result: { done: true, bundle: { hash: 'h' } } });
  assert.deepEqual(logic.streamEvent({ error: { code: 'build-refused', message: 'no', problems: [{ code: 'node-forbidden' }] } }),
    { kind: 'error', error: { code: 'build-refused', message: 'no', hint: '', problems: [{ code: 'node-forbidden' }] } });
  assert.equal(logic.streamEvent({ done: false }).kind, 'invalid');
  assert.equal(logic.streamEvent([1]).kind, 'invalid');
  assert.equal(logic.streamEvent(null).kind, 'invalid');
});

test('a non-2xx answer: the Databox error it carries, else the status and a piece of the body without markup', () => {
  assert.deepEqual(logic.failureOf(422, '{"error":{"code":"build-refused","message":"2 problems","hint":"Fix them"}}', 'Building'),
    { code: 'build-refused', message: '2 problems', hint: 'Fix them', problems: [] });
  const html = logic.failureOf(502, '<html><body><h1>Bad Gateway</h1></body></html>', 'Publishing');
  assert.equal(html.code, 'http-502');
  assert.equal(html.message, 'Publishing failed: the studio answered 502 Bad Gateway');
  assert.match(logic.failureOf(401, '', 'Building').hint, /Sign in/);
  assert.equal(logic.failureOf(0, '', 'Reading the app', 'the workspace').message, 'Reading the app failed: the workspace answered nothing');
  assert.match(logic.unreachable('Building', new TypeError('Failed to fetch')).message, /did not answer \(Failed to fetch\)/);
  assert.equal(logic.isDataboxError('{"error":{"code":"app-not-found","message":"none"}}'), true);
  assert.equal(logic.isDataboxError('Cannot GET /x'), false);
});

test('env edits: set, replace in place, remove when blank; the input is left as it was', () => {
  const env = [{ name: 'version', value: '1.0.0', type: 'str' }, { name: 'n', value: '3', type: 'num' }];
  assert.deepEqual(logic.withEnv(env, 'version', '1.1.0'), [{ name: 'version', value: '1.1.0', type: 'str' }, { name: 'n', value: '3', type: 'num' }]);
  assert.deepEqual(logic.withEnv(env, 'icon', 'fa-bolt'), [...env, { name: 'icon', value: 'fa-bolt', type: 'str' }]);
  assert.deepEqual(logic.withEnv(env, 'version', '  '), [{ name: 'n', value: '3', type: 'num' }]);
  assert.deepEqual(logic.withEnv(undefined, 'name', 'x'), [{ name: 'name', value: 'x', type: 'str' }]);
  assert.equal(env[0]?.value, '1.0.0');
  assert.equal(logic.envValue(env, 'version'), '1.0.0');
  assert.equal(logic.envValue(env, 'missing'), '');
});

test('labels, bounded newest-first lists and data text', () => {
  assert.equal(logic.nodeLabel({ id: 'abcdef0123456789', type: 'exec' }), 'exec abcdef01');
  assert.equal(logic.nodeLabel({ id: 'x', type: 'exec', name: 'curl it' }), 'curl it (exec)');
  assert.deepEqual(logic.newestFirst([2, 1], 3, 2), [3, 2]);
  const reports = [{ z: 't1', n: 1 }, { z: 't2', n: 2 }, { z: 'sf', n: 3 }, { n: 4 }];
  assert.deepEqual(logic.reportsOfTab(reports, 't1', (z) => z !== 'sf'), { shown: [reports[0], reports[2], reports[3]], hidden: 1 }, 'the tab\'s own, a subflow\'s and unplaced ones');
  assert.equal(logic.dataText({ a: 1 }), '{\n "a": 1\n}');
  assert.equal(logic.dataText({ truncated: true, json: '"xxx…' }), '"xxx…');
  assert.equal(logic.dataText('x'.repeat(1000), 10), '"xxxxxxxx…');
  assert.match(logic.clock(Date.now()), /^\d\d:\d\d:\d\d$/);
});
