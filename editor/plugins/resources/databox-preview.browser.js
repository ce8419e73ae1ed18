// The Preview sidebar tab (window.DataboxPreview.start(RED)): the app's own page as the
// workspace serves it at preview/ (the runtime's page code: every chart, list and text drawn
// live from the preview run), and below it what each export and actuator would have sent,
// newest first, from the nodes' reports on the editor's comms (topic databox/preview/outbox).
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
  var TOPIC = 'databox/preview/outbox';
  var KEEP = 100;

  function start(RED) {
    bind();
    var reports = [];
    var frame = el('iframe', { class: 'dbx-preview-frame', title: 'The app\'s page, running on preview data', id: 'databox-preview-frame' });
    var list = el('ol', { class: 'dbx-outbox', id: 'databox-outbox', 'aria-live': 'polite' });
    var count = el('span', { class: 'dbx-quiet' });
    var clear = el('button', { type: 'button', class: 'red-ui-button red-ui-button-small', title: 'Clear the list', onclick: function () { reports = []; draw(); } }, [el('i', { class: 'fa fa-trash' })]);
    var reload = el('button', { type: 'button', class: 'red-ui-button red-ui-button-small', title: 'Reload the app page', onclick: function () { load(true); } }, [el('i', { class: 'fa fa-refresh' })]);
    var open = el('a', { class: 'red-ui-button red-ui-button-small', href: 'preview/', target: '_blank', rel: 'noopener', title: 'Open the app page on its own' }, [el('i', { class: 'fa fa-external-link' })]);
    var root = el('div', { class: 'dbx-preview', id: 'databox-preview' }, [
      el('header', { class: 'dbx-preview-head' }, [el('h3', {}, 'The app\'s page'), el('span', { class: 'dbx-buttons' }, [reload, open])]),
      frame,
      el('header', { class: 'dbx-preview-head' }, [el('h3', {}, ['Would have sent ', count]), clear]),
      el('p', { class: 'dbx-quiet' }, 'In preview nothing leaves the workspace: each export and actuator shows here what it would have sent.'),
      list,
    ]);

    // The page loads once the tab is first shown; it follows deploys over its own WebSocket.
    function load(again) {
      if (!frame.getAttribute('src')) frame.setAttribute('src', 'preview/');
      else if (again) frame.contentWindow.location.reload();
    }

    function draw() {
      // The flow tab in view only: another tab is another app.
      var tab = logic.reportsOfTab(reports, RED.workspaces.active(), function (z) { return Boolean(RED.nodes.workspace(z)); });
      var shown = tab.shown;
      var others = tab.hidden ? ' (' + tab.hidden + ' from other tabs not shown)' : '';
      count.textContent = shown.length ? '(' + shown.length + (reports.length === KEEP ? ', the newest' : '') + ')' + others : '';
      dom.fill(list, shown.length === 0 ? [el('li', { class: 'dbx-quiet dbx-empty' }, 'Nothing yet from this tab: deploy a flow with an export or an actuator.' + others)] : shown.map(function (r) {
        var node = RED.nodes.node(r.node);
        var name = r.name || (node && node.name) || (r.kind === 'export' ? 'export' : 'actuator');
        return el('li', { class: 'dbx-report dbx-' + r.kind, dataset: { node: r.node, kind: r.kind } }, [
          el('div', { class: 'dbx-report-head' }, [
            el('i', { class: r.kind === 'export' ? 'fa fa-cloud-upload' : 'fa fa-lightbulb-o' }), ' ',
            el('a', { href: '#', title: 'Show this node', onclick: function (e) { e.preventDefault(); if (RED.nodes.node(r.node)) { RED.view.reveal(r.node); RED.view.select(r.node); } } }, name),
            ' ', el('span', { class: 'dbx-quiet' }, logic.clock(r.at)),
          ]),
          el('div', { class: 'dbx-target' }, (r.kind === 'export' ? 'to ' : 'on ') + r.target),
          el('pre', { class: 'dbx-json' }, logic.dataText(r.data)),
        ]);
      }));
    }

    RED.sidebar.addTab({
      id: 'databox-preview', label: 'Preview', name: 'Databox preview', iconClass: 'fa fa-eye', content: root,
      enableOnEdit: true, onchange: function () { load(false); },
    });
    RED.actions.add('databox:show-preview-tab', function () { RED.sidebar.show('databox-preview'); });
    RED.events.on('workspace:change', function () { draw(); });
    // Reports can come much faster than anyone reads: the list redraws once a frame at most.
    var pending = false;
    RED.comms.subscribe(TOPIC, function (_topic, report) {
      if (!report || typeof report !== 'object' || typeof report.node !== 'string') return;
      reports = logic.newestFirst(reports, report, KEEP);
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; draw(); });
    });
    draw();
  }

  window.DataboxPreview = { start: start };
})();
