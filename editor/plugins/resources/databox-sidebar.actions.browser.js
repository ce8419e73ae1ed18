// The Databox sidebar's Build and Publish buttons and the app's published versions
// (window.DataboxSidebarActions). The studio builds what was deployed, so both wait until the
// flow is deployed and has no problems; progress lines show as the studio streams them.
(function () {
  'use strict';
  // Node-RED loads a plugin's scripts in parallel, in any order, and runs its inline script
  // once all have loaded: the others are looked up then (bind), never when this file runs.
  var api, dom, el;
  function bind() {
    api = window.DataboxStudioApi;
    dom = window.DataboxStudioDom;
    el = dom.el;
  }

  /** container: where the section goes; current(): {tabId, report}; problemList(RED, problems): a clickable list. */
  function create(RED, container, current, problemList) {
    bind();
    var running = false;
    var versionsOf;
    var note = el('p', { class: 'dbx-note', role: 'status' });
    var build = el('button', { type: 'button', class: 'red-ui-button dbx-build', onclick: function () { run('build'); } }, [el('i', { class: 'fa fa-cogs' }), ' Build']);
    var publish = el('button', { type: 'button', class: 'red-ui-button primary dbx-publish', onclick: function () { run('publish'); } }, [el('i', { class: 'fa fa-cloud-upload' }), ' Publish']);
    // The store's release channels: a beta version is offered to owners only when they ask for it.
    var channel = el('select', { class: 'dbx-channel', id: 'dbx-channel', title: 'The release channel Publish sends this version to' }, [
      el('option', { value: 'stable' }, 'stable'), el('option', { value: 'beta' }, 'beta')]);
    var progress = el('ol', { class: 'dbx-progress', 'aria-live': 'polite' });
    var result = el('div', { class: 'dbx-result' });
    var versionsList = el('div', { class: 'dbx-versions' });
    var reload = el('button', { type: 'button', class: 'red-ui-button red-ui-button-small', title: 'Read them again', onclick: function () { versionsOf = undefined; render(); } }, [el('i', { class: 'fa fa-refresh' })]);
    dom.fill(container, [note, el('div', { class: 'dbx-buttons' }, [build, publish, ' ', el('label', { for: 'dbx-channel' }, 'to'), ' ', channel]), progress, result,
      el('h4', {}, ['Published versions ', reload]), versionsList]);

    function render() {
      var state = current();
      var report = state.report;
      var problems = report ? report.problems || [] : [];
      var why = !state.tabId || !report ? 'Open a flow tab that the builder can read to build it.'
        : RED.nodes.dirty() ? 'Deploy first: the studio builds and publishes what was deployed, and this flow has changes that are not.'
          : problems.length > 0 ? 'Fix the problems above first.' : '';
      note.textContent = running ? 'Working...' : why || 'Builds the deployed flow of this tab; Publish signs it with your key and sends it to the app store.';
      note.className = 'dbx-note' + (why && !running ? ' dbx-warn' : '');
      build.disabled = running || why !== '';
      publish.disabled = running || why !== '';
      channel.disabled = running;
      var name = report && report.manifest ? report.manifest.name : undefined;
      if (name && name !== versionsOf) loadVersions(name);
      if (!name) dom.fill(versionsList, [el('p', { class: 'dbx-quiet' }, 'The app needs a name first.')]);
    }

    function run(action) {
      var state = current();
      if (running || !state.tabId) return;
      running = true;
      dom.fill(progress, []);
      dom.fill(result, []);
      render();
      api.stream(action, state.tabId, action === 'publish' ? { channel: channel.value } : {}, function (event) {
        if (event.kind === 'progress' || event.kind === 'invalid') {
          progress.appendChild(el('li', { class: event.kind === 'invalid' ? 'dbx-invalid' : '' }, event.kind === 'invalid' ? 'The studio sent a line that is not progress: ' + event.text : event.text));
        } else if (event.kind === 'done') {
          dom.fill(result, [done(action, event.result)]);
        } else if (event.kind === 'error') {
          dom.fill(result, [failure(event.error)]);
        }
      }).then(function (last) {
        running = false;
        if (action === 'publish' && last && last.kind === 'done') versionsOf = undefined;
        render();
      });
    }

    function done(action, answer) {
      if (action === 'publish') {
        var p = answer.published || {};
        return el('div', { class: 'dbx-done' }, [el('i', { class: 'fa fa-check' }), ' Published ', el('b', {}, String(p.name || '') + ' ' + String(p.version || '')), ': ',
          dom.outLink(p.url, 'its page in the app store')]);
      }
      var b = answer.bundle || {};
      return el('div', { class: 'dbx-done' }, [el('i', { class: 'fa fa-check' }), ' Built ', el('b', {}, String(b.name || '') + ' ' + String(b.version || '')),
        b.hash ? el('span', { class: 'dbx-quiet' }, ' (bundle ' + String(b.hash).slice(0, 12) + ')') : null]);
    }

    function failure(error) {
      return el('div', { class: 'dbx-failed', role: 'alert' }, [
        el('div', {}, [el('i', { class: 'fa fa-exclamation-triangle' }), ' ', el('code', {}, error.code), ' ', error.message]),
        error.hint ? el('div', { class: 'dbx-hint' }, error.hint) : null,
        error.problems && error.problems.length ? problemList(RED, error.problems) : null,
      ]);
    }

    function loadVersions(name) {
      versionsOf = name;
      dom.fill(versionsList, [el('p', { class: 'dbx-quiet' }, 'Reading...')]);
      api.versions(name).then(function (answer) {
        if (versionsOf !== name) return;
        if (answer.error) {
          dom.fill(versionsList, [el('p', { class: 'dbx-failed' }, answer.error.message + '. ' + answer.error.hint)]);
          return;
        }
        dom.fill(versionsList, [answer.versions.length === 0 ? el('p', { class: 'dbx-quiet' }, 'Not published yet.')
          : el('ul', {}, answer.versions.map(function (v) {
            return el('li', { dataset: { version: v.version } }, [dom.outLink(v.url, String(v.version)), ' ', el('span', { class: 'dbx-chip' }, String(v.channel || '')),
              ' ', el('span', { class: 'dbx-quiet' }, v.publishedAt ? String(v.publishedAt).slice(0, 10) : '')]);
          }))]);
      });
    }

    return { render: render };
  }

  window.DataboxSidebarActions = { create: create };
})();
