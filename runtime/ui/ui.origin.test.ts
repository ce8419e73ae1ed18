import assert from 'node:assert/strict';
import { test } from 'node:test';
import { originAllowed } from './ui.origin';

test('same-origin and non-browser clients may open the page socket; other sites may not', () => {
  assert.equal(originAllowed({ host: 'box.local:8080' }), true);
  assert.equal(originAllowed({ origin: 'http://box.local:8080', host: 'box.local:8080' }), true);
  assert.equal(originAllowed({ origin: 'https://box.example', host: 'app:8080', 'x-forwarded-host': 'box.example' }), true);
  assert.equal(originAllowed({ origin: 'https://evil.example', host: 'box.local:8080' }), false);
  assert.equal(originAllowed({ origin: 'http://box.local:9999', host: 'box.local:8080' }), false);
  assert.equal(originAllowed({ origin: 'null', host: 'box.local' }), false);
  assert.equal(originAllowed({ origin: 'http://box.local' }), false);
});
