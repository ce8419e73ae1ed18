// Chart widgets of the app page (window.DataboxChart): line (one dataset per series, time
// axis), bar (recent values of one series, or the latest value of each series) and gauge
// (a half doughnut between the widget's min and max), drawn with the app's own Chart.js.
(function (root) {
  'use strict';

  var dom = root.DataboxDom;
  var el = dom.el;
  var timeLabel = dom.timeLabel;
  var formatValue = dom.formatValue;
  var PALETTE = dom.PALETTE;

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

  root.DataboxChart = { create: createChart, add: addChartPoint, draw: drawChart };
})(window);
