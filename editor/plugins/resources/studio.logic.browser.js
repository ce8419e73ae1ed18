// The pure part of the Databox editor plugins, in the browser as window.DataboxStudioLogic and
// in Node tests through require (studio.logic.browser.d.ts types it): reading NDJSON as it
// streams, the studio's error answers, the tab's env variables, labels and bounded lists. No
// DOM, no RED, no network here.
(function (root, factory) {
  'use strict';
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.DataboxStudioLogic = factory();
})(typeof window !== 'undefined' ? window : this, function () {
  'use strict';

  /**
   * Splits what has arrived of an NDJSON body into complete lines (parsed) and the rest (a
   * line not finished yet). A line that is not JSON becomes {invalid: text}.
   * ndjsonChunk('{"a":1}\n{"b"', '') -> {objects: [{a: 1}], rest: '{"b"'}
   */
  function ndjsonChunk(buffered, chunk) {
    var text = buffered + chunk;
    var lines = text.split('\n');
    var rest = lines.pop();
    var objects = [];
    lines.forEach(function (line) {
      var trimmed = line.trim();
      if (trimmed === '') return;
      try {
        objects.push(JSON.parse(trimmed));
      } catch {
        objects.push({ invalid: trimmed.slice(0, 200) });
      }
    });
    return { objects: objects, rest: rest };
  }

  /** The end of the body: a last line without its newline still counts. */
  function ndjsonEnd(rest) {
    return ndjsonChunk(rest, '\n').objects;
  }

  /**
   * One line of a build or publish stream, as what to show: progress text, the result, an
   * error, or a line the studio should not have sent.
   */
  function streamEvent(object) {
    if (object === null || typeof object !== 'object' || Array.isArray(object)) return { kind: 'invalid', text: String(object) };
    if (typeof object.invalid === 'string') return { kind: 'invalid', text: object.invalid };
    if (typeof object.progress === 'string') return { kind: 'progress', text: object.progress };
    if (object.error && typeof object.error === 'object') return { kind: 'error', error: errorShape(object.error) };
    if (object.done === true) return { kind: 'done', result: object };
    return { kind: 'invalid', text: JSON.stringify(object).slice(0, 200) };
  }

  function errorShape(error) {
    return {
      code: typeof error.code === 'string' ? error.code : 'error',
      message: typeof error.message === 'string' ? error.message : 'the studio refused',
      hint: typeof error.hint === 'string' ? error.hint : '',
      problems: Array.isArray(error.problems) ? error.problems : [],
    };
  }

  /**
   * A non-2xx answer as a message for people: the Databox error body when there is one, else
   * the status and a short piece of the body.
   * failureOf(404, 'Not Found', 'Building') -> {code: 'http-404', message: 'Building failed: the studio answered 404 Not Found', ...}
   */
  function failureOf(status, bodyText, doing, who) {
    try {
      var parsed = JSON.parse(bodyText);
      if (parsed && parsed.error && typeof parsed.error === 'object') return errorShape(parsed.error);
    } catch { /* not JSON: described below */ }
    var piece = String(bodyText || '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120);
    return {
      code: 'http-' + status,
      message: doing + ' failed: ' + (who || 'the studio') + ' answered ' + (status || 'nothing') + (piece ? ' ' + piece : ''),
      hint: status === 401 || status === 403 ? 'Sign in to the studio again.' : 'Try again; if it keeps failing, the studio\'s log says why.',
      problems: [],
    };
  }

  /** True when a body is the Databox error shape {"error": {"code", "message"}}. */
  function isDataboxError(bodyText) {
    try {
      var parsed = JSON.parse(bodyText);
      return Boolean(parsed && parsed.error && typeof parsed.error.code === 'string' && typeof parsed.error.message === 'string');
    } catch {
      return false;
    }
  }

  /** A fetch that never got an answer (network down, studio stopped). */
  function unreachable(doing, error) {
    return {
      code: 'studio-unreachable',
      message: doing + ' failed: the studio did not answer (' + (error && error.message ? error.message : String(error)) + ')',
      hint: 'Check that the studio is running and you are online, then try again.',
      problems: [],
    };
  }

  /** The value of a tab env variable, '' when unset. */
  function envValue(env, name) {
    var found = (Array.isArray(env) ? env : []).filter(function (e) { return e && e.name === name; })[0];
    return found && typeof found.value === 'string' ? found.value : '';
  }

  /**
   * A new env list with `name` set to `value` (a string variable), or removed when value is
   * blank; other variables keep their place. The input is not changed.
   */
  function withEnv(env, name, value) {
    var list = (Array.isArray(env) ? env : []).map(function (e) { return Object.assign({}, e); });
    var at = list.findIndex(function (e) { return e && e.name === name; });
    var blank = String(value).trim() === '';
    if (blank) {
      if (at >= 0) list.splice(at, 1);
    } else if (at >= 0) {
      list[at].value = value;
      list[at].type = 'str';
    } else {
      list.push({ name: name, value: value, type: 'str' });
    }
    return list;
  }

  /** A node as people know it: its name, else its type and a short id. */
  function nodeLabel(node) {
    if (!node) return '';
    return node.name ? node.name + ' (' + node.type + ')' : node.type + ' ' + String(node.id).slice(0, 8);
  }

  /** `item` added in front, at most `max` kept (newest first). */
  function newestFirst(list, item, max) {
    var next = [item].concat(list);
    return next.length > max ? next.slice(0, max) : next;
  }

  /**
   * The reports of the flow tab in view: those its nodes sent, and those of nodes in no tab
   * (a subflow's, whose instance may be on it); `isTab(z)` says whether a z is a flow tab.
   * reportsOfTab([{z: 't1'}, {z: 't2'}, {z: 'sf'}], 't1', function (z) { return z !== 'sf'; }) -> {shown: [{z: 't1'}, {z: 'sf'}], hidden: 1}
   */
  function reportsOfTab(reports, tab, isTab) {
    var shown = reports.filter(function (r) { return !r.z || r.z === tab || !isTab(r.z); });
    return { shown: shown, hidden: reports.length - shown.length };
  }

  /** What would have been sent, as text: JSON, pretty when short, cut when long. */
  function dataText(data, max) {
    var limit = max || 600;
    var text;
    if (data && typeof data === 'object' && data.truncated === true && typeof data.json === 'string') text = data.json;
    else if (typeof data === 'string') text = JSON.stringify(data);
    else text = JSON.stringify(data, null, 1);
    if (text === undefined) text = String(data);
    return text.length > limit ? text.slice(0, limit - 1) + '…' : text;
  }

  /** hh:mm:ss of a time in ms, in the browser's zone. */
  function clock(ms) {
    var d = new Date(ms);
    var two = function (n) { return (n < 10 ? '0' : '') + n; };
    return two(d.getHours()) + ':' + two(d.getMinutes()) + ':' + two(d.getSeconds());
  }

  return {
    ndjsonChunk: ndjsonChunk, ndjsonEnd: ndjsonEnd, streamEvent: streamEvent, failureOf: failureOf, isDataboxError: isDataboxError, unreachable: unreachable,
    envValue: envValue, withEnv: withEnv, nodeLabel: nodeLabel, newestFirst: newestFirst, reportsOfTab: reportsOfTab, dataText: dataText, clock: clock,
  };
});
