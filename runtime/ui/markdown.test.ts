// The page's markdown renderer is plain browser JS (public/markdown.js); it also loads in Node.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

interface Markdown { render(text: string): string }
const markdown: Markdown = require(path.join(__dirname, 'public', 'markdown.js'));

test('renders the safe subset', () => {
  assert.equal(markdown.render('# Title\nsome **bold** and *it* and `x<y`'),
    '<h2>Title</h2>\n<p>some <strong>bold</strong> and <em>it</em> and <code>x&lt;y</code></p>');
  assert.equal(markdown.render('- a\n- b\n\n1. one'), '<ul><li>a</li><li>b</li></ul>\n<ol><li>one</li></ol>');
  assert.equal(markdown.render('```\n<b>\n```'), '<pre><code>&lt;b&gt;</code></pre>');
  assert.equal(markdown.render('[site](https://example.org/a?b=1&c=2)'),
    '<p><a href="https://example.org/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">site</a></p>');
});

test('never lets markup or script through', () => {
  const html = markdown.render('<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) [y](https://a.b/"onmouseover="alert(1))');
  assert.ok(!/<script|<img|href="javascript/i.test(html), html);
  assert.ok(!html.includes('"onmouseover'), html);
});
