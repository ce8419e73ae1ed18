// The app page: opens a WebSocket to the runtime (relative URL, works under /<app>/ui/),
// takes the snapshot of every chart/list/text output, then live updates, keeps one card per
// widget and redraws changed cards once per animation frame (ui.chart.js, ui.panels.js).
// The status line says connected / reconnecting.
(function () {
  'use strict';

  var el = window.DataboxDom.el;
  var charts = window.DataboxChart;
  var panels = window.DataboxPanels;
  var grid = document.getElementById('widgets');
  var empty = document.getElementById('empty');
  var statusEl = document.getElementById('status');
  var views = new Map();
  var dirty = new Set();
  var frame = 0;
  var retryMs = 500;

  function setStatus(state, text) {
    statusEl.className = 'status ' + state;
    statusEl.textContent = text;
    document.body.dataset.connection = state;
  }

  // ---- widgets ----------------------------------------------------------------------
  function addWidget(widget) {
    removeWidget(widget.id);
    var card = el('section', 'card ' + widget.kind + ' ' + widget.kind + '-' + widget.style);
    card.dataset.widget = widget.id;
    card.dataset.kind = widget.kind;
    card.style.order = String(typeof widget.order === 'number' ? widget.order : 0);
    var head = el('div', 'card-head');
    head.appendChild(el('h2', '', widget.label || widget.kind));
    var latest = el('span', 'latest', '');
    head.appendChild(latest);
    card.appendChild(head);
    var body = el('div', 'card-body');
    card.appendChild(body);
    grid.appendChild(card);
    var view = { widget: widget, card: card, body: body, latest: latest };
    views.set(widget.id, view);
    if (widget.kind === 'chart') charts.create(view);
    else if (widget.kind === 'list') panels.createList(view);
    else panels.createText(view);
    empty.hidden = true;
    markDirty(view);
    return view;
  }

  function removeWidget(id) {
    var view = views.get(id);
    if (!view) return;
    if (view.chart) view.chart.destroy();
    view.card.remove();
    views.delete(id);
    dirty.delete(view);
    empty.hidden = views.size > 0;
  }

  function applyUpdate(view, update) {
    if (update.kind === 'chart' && view.widget.kind === 'chart') charts.add(view, update);
    else if (update.kind === 'list' && view.widget.kind === 'list') {
      view.rows.push(update.row || {});
      if (view.rows.length > view.widget.capacity) view.rows.splice(0, view.rows.length - view.widget.capacity);
    } else if (update.kind === 'text') view.text = update.text;
    markDirty(view);
  }

  function markDirty(view) {
    dirty.add(view);
    if (!frame) frame = window.requestAnimationFrame(flush);
  }

  function flush() {
    frame = 0;
    dirty.forEach(function (view) {
      if (view.widget.kind === 'chart') charts.draw(view);
      else if (view.widget.kind === 'list') panels.drawList(view);
      else panels.drawText(view);
    });
    dirty.clear();
  }

  function onMessage(message) {
    if (message.type === 'snapshot') {
      Array.from(views.keys()).forEach(removeWidget);
      message.widgets.forEach(function (entry) {
        var view = addWidget(entry.widget);
        entry.updates.forEach(function (u) { applyUpdate(view, u); });
      });
    } else if (message.type === 'widget') {
      var existing = views.get(message.widget.id);
      var view = addWidget(message.widget);
      if (existing && existing.series) existing.series.forEach(function (points) { points.forEach(function (p) { applyUpdate(view, { kind: 'chart', t: p.x, value: p.y }); }); });
    } else if (message.type === 'remove') {
      removeWidget(message.id);
    } else if (message.type === 'update') {
      var target = views.get(message.id);
      if (target) applyUpdate(target, message.update);
    }
  }

  // ---- connection -------------------------------------------------------------------
  function connect() {
    var url = new URL('ws', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    var socket = new WebSocket(url.href);
    socket.onopen = function () { retryMs = 500; setStatus('connected', 'connected'); };
    socket.onmessage = function (event) {
      try { onMessage(JSON.parse(event.data)); } catch (error) { console.error('databox ui: bad message', error); }
    };
    socket.onclose = function () {
      setStatus('reconnecting', 'reconnecting...');
      window.setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 10000);
    };
  }

  if (window.Chart) {
    Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily;
    Chart.defaults.color = '#5b6472';
    Chart.defaults.borderColor = '#eceff4';
  }
  connect();
})();
