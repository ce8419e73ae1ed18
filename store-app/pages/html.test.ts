import assert from 'node:assert/strict';
import { test } from 'node:test';
import { html, Html } from './html';

test('interpolated values are escaped unless already Html', () => {
  const name = '<script>alert("x")</script>';
  assert.equal(html`<p title="${name}">${name}</p>`.text, '<p title="&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;">&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;</p>');
  assert.equal(html`<ul>${['a&b', new Html('<li>ok</li>')]}</ul>`.text, '<ul>a&#38;b<li>ok</li></ul>');
  assert.equal(html`${undefined}${null}${false}${0}`.text, '0');
});
