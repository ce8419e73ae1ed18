// The studio's build, publish and versions endpoints as the Databox sidebar calls them
// (window.DataboxStudioApi). Build and publish answer application/x-ndjson, one JSON object
// a line: {"progress"} lines, then {"done": true, ...} or {"error": {...}}; each line is
// handed on as it arrives. Every failure (no answer, a non-2xx, a page that is not the
// stream, a stream that stops early) ends as one error event with a message for people.
(function () {
  'use strict';
  var BASE = '/studio/api';
  // Looked up when called: Node-RED loads a plugin's scripts in any order.
  function logicOf() { return window.DataboxStudioLogic; }

  /** POSTs {tab, ...extra} (publish: {channel}) to build|publish and calls onEvent({kind: progress|done|error|invalid, ...}) per line; resolves with the last event. */
  function stream(action, tab, extra, onEvent) {
    var logic = logicOf();
    var doing = action === 'publish' ? 'Publishing' : 'Building';
    var last;
    var emit = function (event) { last = event; onEvent(event); };
    var fail = function (error) { emit({ kind: 'error', error: error }); return last; };
    return fetch(BASE + '/' + action, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/x-ndjson' },
      body: JSON.stringify(Object.assign({ tab: tab }, extra)),
    }).then(function (response) {
      if (!response.ok) return response.text().then(function (text) { return fail(logic.failureOf(response.status, text, doing)); });
      var type = response.headers.get('content-type') || '';
      if (type.indexOf('application/x-ndjson') < 0 || !response.body) {
        // A sign-in page in place of the stream, for one: the session has ended.
        return fail({ code: 'stream-expected', message: doing + ' failed: the studio answered ' + (type || 'something') + ' instead of a progress stream',
          hint: 'Reload the studio (you may have been signed out) and try again.', problems: [] });
      }
      var reader = response.body.getReader();
      var decoder = new window.TextDecoder();
      var rest = '';
      var finished = false;
      var take = function (objects) {
        objects.forEach(function (object) {
          if (finished) return;
          var event = logic.streamEvent(object);
          emit(event);
          if (event.kind === 'done' || event.kind === 'error') finished = true;
        });
      };
      var pump = function () {
        return reader.read().then(function (part) {
          if (part.done) {
            take(logic.ndjsonEnd(rest + decoder.decode()));
            if (!finished) fail({ code: 'stream-ended', message: doing + ' stopped before the studio said it was done', hint: 'Try again; the studio\'s log says what happened.', problems: [] });
            return last;
          }
          var chunk = logic.ndjsonChunk(rest, decoder.decode(part.value, { stream: true }));
          rest = chunk.rest;
          take(chunk.objects);
          if (finished) { reader.cancel().catch(function () { return undefined; }); return last; }
          return pump();
        });
      };
      return pump();
    }).catch(function (error) { return fail(logic.unreachable(doing, error)); });
  }

  /**
   * The app's published versions: resolves {versions: [...]} or {error}. A 404 with a Databox
   * error body is an app never published; any other 404 (no such endpoint) is a failure.
   */
  function versions(name) {
    var logic = logicOf();
    var doing = 'Reading the published versions';
    return fetch(BASE + '/apps/' + encodeURIComponent(name) + '/versions', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        return response.text().then(function (text) {
          if (response.status === 404 && logic.isDataboxError(text)) return { versions: [] };
          if (!response.ok) return { error: logic.failureOf(response.status, text, doing) };
          try {
            var body = JSON.parse(text);
            return Array.isArray(body.versions) ? { versions: body.versions } : { error: logic.failureOf(response.status, 'no "versions" list', doing) };
          } catch {
            return { error: logic.failureOf(response.status, 'not JSON: ' + text, doing) };
          }
        });
      }, function (error) { return { error: logic.unreachable(doing, error) }; });
  }

  window.DataboxStudioApi = { stream: stream, versions: versions, BASE: BASE };
})();
