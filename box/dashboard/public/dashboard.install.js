// The install form (browser, no build step): sends only the app, the store and the owner's
// bindings to the box's API, and shows the install's progress as the box streams it (NDJSON),
// then a link to the app's page or the reason it failed.
(function () {
  'use strict';
  var form = document.getElementById('install');
  if (!form) return;
  var section = document.getElementById('progress-section');
  var list = document.getElementById('progress');
  var outcome = document.getElementById('outcome');

  function show(line) {
    if (line.progress) {
      var item = document.createElement('li');
      item.textContent = line.progress;
      list.appendChild(item);
    } else if (line.result) {
      outcome.textContent = 'Installed: ' + (line.result.displayName || line.result.name) + ' is ' + line.result.status + '. ';
      if (line.result.page) {
        var open = document.createElement('a');
        open.href = line.result.page;
        open.className = 'open';
        open.textContent = 'Open ' + (line.result.displayName || line.result.name);
        outcome.appendChild(open);
      }
      outcome.className = 'done';
    } else if (line.error) {
      outcome.textContent = 'Not installed: ' + line.error.message + (line.error.hint ? ' ' + line.error.hint : '');
      outcome.className = 'error';
    }
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var bindings = {};
    form.querySelectorAll('select[name=bind]').forEach(function (select) {
      if (select.value) bindings[select.getAttribute('data-clientid')] = select.value;
    });
    form.querySelector('button[type=submit]').disabled = true;
    section.hidden = false;
    list.textContent = '';
    outcome.textContent = '';
    fetch('/api/install', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ app: form.getAttribute('data-app'), store: form.getAttribute('data-store'), bindings: bindings }),
    }).then(function (response) {
      if (!response.body) return response.text().then(function (text) { text.split('\n').filter(Boolean).forEach(function (l) { show(JSON.parse(l)); }); });
      var reader = response.body.getReader();
      var decoder = new TextDecoder();
      var buffered = '';
      function pump() {
        return reader.read().then(function (chunk) {
          buffered += decoder.decode(chunk.value || new Uint8Array(), { stream: !chunk.done });
          var lines = buffered.split('\n');
          buffered = chunk.done ? '' : lines.pop();
          lines.filter(Boolean).forEach(function (l) { show(JSON.parse(l)); });
          if (!chunk.done) return pump();
        });
      }
      return pump();
    }).catch(function (error) {
      show({ error: { message: String(error && error.message || error) } });
    }).finally(function () {
      form.querySelector('button[type=submit]').disabled = false;
    });
  });
})();
