// The Databox sidebar tab (window.DataboxSidebar.start(RED)): for the flow tab in view, what
// the builder makes of it, asked of the workspace (POST databox/manifest) a moment after each
// change: problems (a click selects the guilty node), permissions and lineage in the store's
// words, the app's details edited in place (the tab's label and env variables, through the
// editor's history so Deploy saves them and undo undoes them), Build and Publish through the
// studio (databox-sidebar.actions.browser.js), and the manifest itself.
(function () {
  'use strict';
  // Node-RED loads a plugin's scripts in parallel, in any order, and runs its inline script
  // once all have loaded: the others are looked up then (bind), never when this file runs.
  var logic, dom, el;
  function bind() {
    logic = window.DataboxStudioLogic;
    dom = window.DataboxStudioDom;
    el = dom.el;
  }
  // Long enough to take a burst of changes (a paste, an undo of many nodes) as one; short
  // enough that the tab follows the flow (the target: under 100 ms for 300 nodes).
  var DEBOUNCE_MS = 50;
  var REFRESH_ON = ['nodes:add', 'nodes:change', 'nodes:remove', 'links:add', 'links:remove', 'flows:change', 'subflows:change',
    'groups:change', 'workspace:change', 'flows:loaded', 'deploy'];
  // The app's details: the tab's label (the display name) and its env variables (builder/compile/app.metadata.ts).
  var FIELDS = [
    { env: 'name', label: 'Name', help: 'One lower-case word: it names the app\'s container and its store page' },
    { label: 'Display name', tabLabel: true, help: 'The tab\'s label' },
    { env: 'description', label: 'Description', multiline: true },
    { env: 'version', label: 'Version', help: 'Semantic version, e.g. 1.2.0' },
    { env: 'icon', label: 'Icon', help: 'A Font Awesome name such as fa-line-chart (kept with the flow; the store shows none yet)' },
    { env: 'changelog', label: 'Changelog', multiline: true, help: 'What changed in this version, sent with Publish' },
    { env: 'author', label: 'Author' },
    { env: 'license', label: 'License', help: 'An SPDX name such as MIT' },
    { env: 'tags', label: 'Tags', help: 'Comma separated; default: the data-source types' },
    { env: 'homepage', label: 'Homepage' },
  ];

  function start(RED) {
    bind();
    var view = layout();
    var state = { timer: 0, seq: 0, tabId: undefined, report: undefined, asking: false, again: false };
    var actions = window.DataboxSidebarActions.create(RED, view.actions, function () { return state; }, problemList);

    RED.sidebar.addTab({
      id: 'databox', label: 'Databox', name: 'Databox app', iconClass: 'fa fa-cube', content: view.root,
      enableOnEdit: true, onchange: function () { schedule(0); },
    });
    RED.actions.add('databox:show-databox-tab', function () { RED.sidebar.show('databox'); });
    REFRESH_ON.forEach(function (event) { RED.events.on(event, function () { schedule(DEBOUNCE_MS); }); });
    RED.events.on('workspace:dirty', function () { actions.render(); });
    schedule(0);

    // One request a moment after the last of a burst of changes, and one at a time: a change
    // while one is out asks again when it is back. Asked whether the tab is in view or not:
    // Build and Publish need it too, and the editor has no event for a tab going out of view.
    function schedule(ms) {
      clearTimeout(state.timer);
      state.timer = setTimeout(refresh, ms);
    }

    function answered() {
      state.asking = false;
      if (state.again) {
        state.again = false;
        refresh();
      }
    }

    function refresh() {
      if (state.asking) {
        state.again = true;
        return;
      }
      var tab = RED.nodes.workspace(RED.workspaces.active());
      var seq = ++state.seq;
      if (!tab) {
        state.tabId = undefined;
        state.report = undefined;
        showEmpty(view, 'Open a flow tab: each tab is one app.');
        actions.render();
        return;
      }
      state.asking = true;
      $.ajax({
        url: 'databox/manifest', method: 'POST', contentType: 'application/vnd.databox.manifest-request+json', dataType: 'json',
        data: JSON.stringify({ flows: RED.nodes.createCompleteNodeSet({ credentials: false }), tab: tab.id }),
      }).done(function (report) {
        if (seq !== state.seq) return;
        state.tabId = tab.id;
        state.report = report;
        render(RED, view, tab, report);
        actions.render();
      }).fail(function (xhr) {
        if (seq !== state.seq) return;
        state.report = undefined;
        var failure = logic.failureOf(xhr.status, xhr.responseText, 'Reading the app', 'the workspace');
        showEmpty(view, failure.message + (failure.hint ? '. ' + failure.hint : ''));
        view.status.className = 'dbx-status dbx-bad';
        actions.render();
      }).always(answered);
    }
  }

  function layout() {
    var section = function (title, extra) {
      var body = el('div', { class: 'dbx-body' });
      return { root: el('section', { class: 'dbx-section' + (extra ? ' ' + extra : '') }, [el('h3', {}, title), body]), body: body };
    };
    var problems = section('Problems', 'dbx-problems');
    var permissions = section('What it may do');
    var lineage = section('Where its data goes');
    var details = section('App details');
    var actions = section('Build and publish');
    var manifest = section('Manifest');
    var title = el('div', { class: 'dbx-title' });
    var status = el('div', { class: 'dbx-status', role: 'status', 'aria-live': 'polite' });
    var root = el('div', { class: 'dbx-sidebar', id: 'databox-sidebar' }, [
      el('header', { class: 'dbx-head' }, [title, status]),
      problems.root, permissions.root, lineage.root, actions.root, details.root, manifest.root,
    ]);
    return { root: root, title: title, status: status, problems: problems, permissions: permissions, lineage: lineage, details: details, actions: actions.body, manifest: manifest.body, fields: undefined };
  }

  function showEmpty(view, text) {
    dom.fill(view.title, [el('span', {}, 'Databox app')]);
    view.status.textContent = text;
    view.status.className = 'dbx-status';
    [view.problems, view.permissions, view.lineage].forEach(function (s) { dom.fill(s.body, []); s.root.hidden = true; });
    view.details.root.hidden = true;
    dom.fill(view.manifest, []);
  }

  function render(RED, view, tab, report) {
    var manifest = report.manifest;
    var problems = report.problems || [];
    dom.fill(view.title, [
      el('span', { class: 'dbx-name' }, tab.label || (manifest && manifest.name) || 'Unnamed tab'),
      manifest ? el('span', { class: 'dbx-version' }, manifest.name + ' ' + manifest.version) : null,
    ]);
    view.status.textContent = problems.length === 0 ? 'Ready to build' : (problems.length === 1 ? '1 problem stops a build' : problems.length + ' problems stop a build');
    view.status.className = 'dbx-status ' + (problems.length === 0 ? 'dbx-good' : 'dbx-bad');

    view.problems.root.hidden = problems.length === 0;
    dom.fill(view.problems.body, [problemList(RED, problems)]);

    [view.permissions, view.lineage].forEach(function (s) { s.root.hidden = false; });
    var permissions = report.permissions || [];
    dom.fill(view.permissions.body, [permissions.length === 0
      ? el('p', { class: 'dbx-quiet' }, 'Reads nothing, acts on nothing and sends nothing off the box.')
      : el('ul', { class: 'dbx-permissions' }, permissions.map(function (p) { return el('li', { dataset: { kind: p.kind, key: p.key } }, p.text); }))]);
    var lineage = report.lineage || [];
    dom.fill(view.lineage.body, [lineage.length === 0
      ? el('p', { class: 'dbx-quiet' }, 'No data leaves the box, and no device is acted on.')
      : el('ul', { class: 'dbx-lineage' }, lineage.map(function (text) { return el('li', {}, text); }))]);
    if (problems.length > 0 && manifest) {
      view.permissions.body.appendChild(el('p', { class: 'dbx-quiet' }, 'As the flow stands: fix the problems to build it.'));
    }

    view.details.root.hidden = false;
    renderDetails(RED, view, tab, manifest);
    dom.fill(view.manifest, manifest ? [el('details', {}, [el('summary', {}, 'databox-manifest.json'), el('pre', { class: 'dbx-json' }, JSON.stringify(manifest, null, 2))])] : []);
  }

  /** Problems as a list; a click reveals the guilty node and selects it. Used for build refusals too. */
  function problemList(RED, problems) {
    return el('ul', { class: 'dbx-problem-list' }, problems.map(function (p) {
      var node = p.node;
      return el('li', {
        class: 'dbx-problem' + (node ? ' dbx-clickable' : ''), dataset: node ? { node: node.id, code: p.code } : { code: p.code },
        title: node ? 'Show this node' : '', onclick: node ? function () { reveal(RED, node.id); } : undefined,
      }, [
        el('div', { class: 'dbx-problem-message' }, [el('code', {}, p.code), ' ', p.message]),
        p.hint ? el('div', { class: 'dbx-hint' }, p.hint) : null,
        node ? el('div', { class: 'dbx-node' }, [el('i', { class: 'fa fa-crosshairs' }), ' ', logic.nodeLabel(node)]) : null,
      ]);
    }));
  }

  function reveal(RED, id) {
    if (RED.nodes.workspace(id)) { RED.workspaces.show(id); return; }
    if (!RED.nodes.node(id) && !RED.nodes.group(id)) { RED.notify('That node is no longer in the editor', 'warning'); return; }
    RED.view.reveal(id);
    RED.view.select(id);
  }

  function renderDetails(RED, view, tab, manifest) {
    if (!view.fields || view.fields.tabId !== tab.id) {
      var inputs = FIELDS.map(function (field) {
        var input = el(field.multiline ? 'textarea' : 'input', field.multiline ? { rows: 2, id: 'dbx-field-' + (field.env || 'label') } : { type: 'text', id: 'dbx-field-' + (field.env || 'label') });
        input.addEventListener('change', function () { edit(RED, RED.nodes.workspace(tab.id), field, input.value); });
        return { field: field, input: input };
      });
      view.fields = { tabId: tab.id, inputs: inputs };
      dom.fill(view.details.body, [el('form', { class: 'dbx-form', onsubmit: function (e) { e.preventDefault(); } }, inputs.map(function (entry) {
        return el('div', { class: 'dbx-field' }, [
          el('label', { for: entry.input.id }, entry.field.label), entry.input,
          entry.field.help ? el('div', { class: 'dbx-hint' }, entry.field.help) : null,
        ]);
      }))]);
    }
    view.fields.inputs.forEach(function (entry) {
      var field = entry.field;
      if (document.activeElement !== entry.input) entry.input.value = field.tabLabel ? tab.label || '' : logic.envValue(tab.env, field.env);
      var derived = manifest ? (field.env === 'tags' ? (manifest.tags || []).join(', ') : manifest[field.env]) : '';
      entry.input.placeholder = typeof derived === 'string' && derived !== '' ? derived : '';
    });
  }

  /** One change to the tab, as the editor's own flow-properties dialog makes it: history, dirty, events. */
  function edit(RED, tab, field, value) {
    if (!tab) return;
    var changes = {};
    if (field.tabLabel) {
      if ((tab.label || '') === value) return;
      changes.label = tab.label;
      tab.label = value;
    } else {
      var next = logic.withEnv(tab.env, field.env, value);
      if (JSON.stringify(next) === JSON.stringify(tab.env || [])) return;
      changes.env = tab.env;
      tab.env = next;
    }
    var wasDirty = RED.nodes.dirty();
    tab.changed = true;
    RED.history.push({ t: 'edit', changes: changes, node: tab, dirty: wasDirty });
    RED.nodes.dirty(true);
    RED.workspaces.refresh();
    RED.events.emit('flows:change', tab);
  }

  window.DataboxSidebar = { start: start, problemList: problemList };
})();
