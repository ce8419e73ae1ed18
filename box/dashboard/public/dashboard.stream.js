// A form whose work is long (install, update, rollback) (browser, no build step): it sends the
// box's API only what the form names (data-body: the app, the store, the version) with the
// owner's bindings and consent, and shows the progress as the box streams it (NDJSON), then a
// link to the app's page or the reason it failed. The box decides everything else itself.
(function () {
  'use strict';
  var form = document.querySelector('form.streamed');
  if (!form) return;
  var section = document.getElementById('progress-section');
  var list = document.getElementById('progress');
  var outcome = document.getElementById('outcome');
  var done = form.getAttribute('data-done');
  var failed = form.getAttribute('data-failed');

  function show(line) {
    if (line.progress) {
      var item = document.createElement('li');
      item.textContent = line.progress;
      list.appendChild(item);
    } else if (line.result) {
      outcome.textContent = done + ': ' + (line.result.displayName || line.result.name) + ' ' + line.result.version + ' is ' + line.result.status + '. ';
      if (line.result.page) {
        var open = document.createElement('a');
        open.href = line.result.page;
        open.className = 'open';
        open.textContent = 'Open ' + (line.result.displayName || line.result.name);
        outcome.appendChild(open);
      }
      outcome.className = 'done';
    } else if (line.error) {
      outcome.textContent = failed + ': ' + line.error.message + (line.error.hint ? ' ' + line.error.hint : '');
      outcome.className = 'error';
    }
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var body = JSON.parse(form.getAttribute('data-body') || '{}');
    var bindings = {};
    form.querySelectorAll('select[name=bind]').forEach(function (select) {
      if (select.value) bindings[select.getAttribute('data-clientid')] = select.value;
    });
    body.bindings = bindings;
    var consent = form.querySelector('input[name=consent]');
    if (consent && consent.checked) body.consent = consent.value;
    form.querySelector('button[type=submit]').disabled = true;
    section.hidden = false;
    list.textContent = '';
    outcome.textContent = '';
    outcome.className = '';
    fetch(form.getAttribute('data-url'), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    }).then(function (response) {
      // A refusal before any work (a 4xx) is one JSON error, not a stream.
      if (!response.ok) return response.json().then(show);
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
