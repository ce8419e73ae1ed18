// A component's output as a live tail (browser, no build step): its last lines, then each new
// one as the box streams it (GET /api/apps/<name>/logs?follow=1), the newest 1,000 kept.
(function () {
  'use strict';
  var pre = document.getElementById('logs');
  if (!pre) return;
  var name = pre.getAttribute('data-name');
  var lines = [];
  var MAX = 1000;

  function render() {
    var atEnd = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
    pre.textContent = lines.length ? lines.join('\n') : '(no output yet)';
    pre.setAttribute('data-lines', String(lines.length));
    if (atEnd) pre.scrollTop = pre.scrollHeight;
  }

  fetch('/api/apps/' + encodeURIComponent(name) + '/logs?tail=200&follow=1').then(function (response) {
    if (!response.ok || !response.body) { pre.textContent = 'Its output cannot be read (' + response.status + ').'; return; }
    var reader = response.body.getReader();
    var decoder = new TextDecoder();
    var partial = '';
    render();
    function pump() {
      return reader.read().then(function (chunk) {
        partial += decoder.decode(chunk.value || new Uint8Array(), { stream: !chunk.done });
        var parts = partial.split('\n');
        partial = chunk.done ? '' : parts.pop();
        if (parts.length) {
          lines = lines.concat(parts).slice(-MAX);
          render();
        }
        if (!chunk.done) return pump();
      });
    }
    return pump();
  }).catch(function () { /* the page was left, or the box stopped */ });
})();
