// The app page: opens a WebSocket to the runtime (relative URL, works under /<app>/ui/),
// takes the snapshot of every chart/list/text output, then live updates, and draws them:
// Chart.js for charts, tables for lists, escaped text or safe markdown for text.
(function () {
  'use strict';

  var PALETTE = ['#2f6fdf', '#e4572e', '#17a398', '#f3a712', '#8e44ad', '#596475', '#d1495b', '#66a182'];
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

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function timeLabel(t) {
    var d = new Date(t);
    return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  function formatValue(value, unit) {
    var n = Number(value);
    var text = Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2);
    return unit ? text + ' ' + unit : text;
  }

  // ---- charts -------------------------------------------------------------------------
  function createChart(view) {
    var w = view.widget;
    var canvasBox = el('div', 'canvas-box' + (w.style === 'gauge' ? ' gauge' : ''));
    var canvas = el('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', w.label);
    canvasBox.appendChild(canvas);
    view.body.appendChild(canvasBox);
    view.series = new Map();
    if (w.style === 'gauge') {
      view.reading = el('div', 'gauge-reading', '-');
      canvasBox.appendChild(view.reading);
      var bounds = el('div', 'gauge-bounds');
      bounds.appendChild(el('span', '', formatValue(typeof w.min === 'number' ? w.min : 0, '')));
      bounds.appendChild(el('span', '', formatValue(typeof w.max === 'number' ? w.max : 100, '')));
      view.body.appendChild(bounds);
      view.chart = new Chart(canvas, {
        type: 'doughnut',
        data: { labels: ['value', 'rest'], datasets: [{ data: [0, 1], backgroundColor: [PALETTE[0], '#e6e9ef'], borderWidth: 0 }] },
        options: { animation: false, responsive: true, maintainAspectRatio: false, rotation: -90, circumference: 180, cutout: '72%',
          plugins: { legend: { display: false }, tooltip: { enabled: false } } },
      });
      return;
    }
    var timeAxis = { type: 'linear', ticks: { maxTicksLimit: 6, callback: function (v) { return timeLabel(v); } }, grid: { display: false } };
    view.chart = new Chart(canvas, {
      type: w.style === 'bar' ? 'bar' : 'line',
      data: { labels: [], datasets: [] },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, parsing: false, normalized: true,
        interaction: { mode: 'nearest', intersect: false },
        scales: {
          x: w.style === 'bar' ? { grid: { display: false }, ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 4 } } : timeAxis,
          y: { title: { display: !!w.unit, text: w.unit || '' }, grace: '5%' },
        },
        plugins: { legend: { display: false, position: 'bottom' } },
        elements: { point: { radius: 0 }, line: { tension: 0.25, borderWidth: 2 } },
      },
    });
  }

  function addChartPoint(view, update) {
    var name = update.series || 'value';
    var points = view.series.get(name);
    if (!points) { points = []; view.series.set(name, points); }
    points.push({ x: update.t, y: update.value });
    if (points.length > view.widget.capacity) points.splice(0, points.length - view.widget.capacity);
    view.last = update;
  }

  function drawChart(view) {
    var w = view.widget;
    var chart = view.chart;
    if (w.style === 'gauge') {
      var min = typeof w.min === 'number' ? w.min : 0;
      var max = typeof w.max === 'number' ? w.max : 100;
      var value = view.last ? view.last.value : min;
      var filled = Math.max(0, Math.min(max - min, value - min));
      chart.data.datasets[0].data = [filled, Math.max(0, max - min - filled)];
      view.reading.textContent = view.last ? formatValue(value, w.unit) : '-';
    } else if (w.style === 'bar') {
      var names = Array.from(view.series.keys());
      if (names.length === 1) {
        var recent = view.series.get(names[0]).slice(-24);
        chart.data.labels = recent.map(function (p) { return timeLabel(p.x); });
        chart.data.datasets = [{ label: names[0], data: recent.map(function (p) { return p.y; }), backgroundColor: PALETTE[0], borderRadius: 4 }];
      } else {
        chart.data.labels = names;
        chart.data.datasets = [{ label: w.label, data: names.map(function (n) { var s = view.series.get(n); return s[s.length - 1].y; }),
          backgroundColor: names.map(function (_n, i) { return PALETTE[i % PALETTE.length]; }), borderRadius: 4 }];
      }
      chart.options.parsing = true;
    } else {
      var i = 0;
      chart.data.datasets = Array.from(view.series.entries()).map(function (entry) {
        var color = PALETTE[i++ % PALETTE.length];
        return { label: entry[0], data: entry[1].slice(), borderColor: color, backgroundColor: color + '22', fill: view.series.size === 1 };
      });
      chart.options.plugins.legend.display = view.series.size > 1;
      var times = [];
      view.series.forEach(function (points) { if (points.length) times.push(points[0].x, points[points.length - 1].x); });
      chart.options.scales.x.min = times.length ? Math.min.apply(null, times) : undefined;
      chart.options.scales.x.max = times.length ? Math.max.apply(null, times) : undefined;
    }
    if (view.last && w.style !== 'gauge') view.latest.textContent = formatValue(view.last.value, w.unit);
    chart.update('none');
    view.card.dataset.points = String(Array.from(view.series.values()).reduce(function (n, s) { return n + s.length; }, 0));
  }

  // ---- lists and text ---------------------------------------------------------------
  function createList(view) {
    view.rows = [];
    view.table = el('table', 'rows');
    view.body.appendChild(view.table);
  }

  function cellText(value) {
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') return formatValue(value, '');
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  }

  function drawList(view) {
    var rows = view.rows.slice().reverse();
    var columns = [];
    rows.forEach(function (row) { Object.keys(row).forEach(function (k) { if (columns.indexOf(k) < 0 && columns.length < 8) columns.push(k); }); });
    var table = view.table;
    table.textContent = '';
    if (view.widget.style !== 'list') {
      var head = el('thead');
      var tr = el('tr');
      columns.forEach(function (c) { tr.appendChild(el('th', rows.length && typeof rows[0][c] === 'number' ? 'num' : '', c)); });
      head.appendChild(tr);
      table.appendChild(head);
    }
    var body = el('tbody');
    rows.forEach(function (row) {
      var line = el('tr');
      if (view.widget.style === 'list') {
        line.appendChild(el('td', '', columns.map(function (c) { return c + ': ' + cellText(row[c]); }).join(' · ')));
      } else {
        columns.forEach(function (c) { line.appendChild(el('td', typeof row[c] === 'number' ? 'num' : '', cellText(row[c]))); });
      }
      body.appendChild(line);
    });
    table.appendChild(body);
    view.card.dataset.rows = String(rows.length);
  }

  function createText(view) {
    view.textBox = el('div', 'text ' + (view.widget.style === 'markdown' ? 'markdown' : 'plain'));
    view.body.appendChild(view.textBox);
  }

  function drawText(view) {
    var text = view.text || '';
    if (view.widget.style === 'markdown') view.textBox.innerHTML = window.DataboxMarkdown.render(text);
    else view.textBox.textContent = text;
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
    if (widget.kind === 'chart') createChart(view);
    else if (widget.kind === 'list') createList(view);
    else createText(view);
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
    if (update.kind === 'chart' && view.widget.kind === 'chart') addChartPoint(view, update);
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
      if (view.widget.kind === 'chart') drawChart(view);
      else if (view.widget.kind === 'list') drawList(view);
      else drawText(view);
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
