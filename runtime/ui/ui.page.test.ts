import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml, renderUiPage } from './ui.page';

test('the shell escapes the title and uses only relative URLs', () => {
  const html = renderUiPage({ title: '<img src=x onerror=alert(1)>', mode: 'preview' });
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(!html.includes('<img'));
  const urls = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1] ?? '');
  assert.deepEqual(urls, ['data:,', 'ui.css', 'vendor/chart.umd.js', 'markdown.js', 'ui.dom.js', 'ui.chart.js', 'ui.panels.js', 'ui.js']);
  assert.ok(html.includes('id="status"'));
  assert.ok(html.includes('preview data'));
  assert.ok(!renderUiPage({ title: 'a', mode: 'box' }).includes('preview data'));
});

test('escapeHtml covers quotes and ampersands', () => {
  assert.equal(escapeHtml(`a&b"c'd<e>`), 'a&amp;b&quot;c&#39;d&lt;e&gt;');
});
