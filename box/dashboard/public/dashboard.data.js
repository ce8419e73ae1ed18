// The data page's charts (browser, no build step): each source's recent readings, embedded in
// the page by the box, drawn as a line with Chart.js (served by the box itself).
(function () {
  'use strict';
  document.querySelectorAll('canvas.history').forEach(function (canvas) {
    var series = JSON.parse(canvas.getAttribute('data-series') || '[]');
    var unit = canvas.getAttribute('data-unit') || '';
    new Chart(canvas, {
      type: 'line',
      data: {
        labels: series.map(function (p) { return new Date(p[0]).toISOString().slice(11, 19); }),
        datasets: [{ label: unit || 'value', data: series.map(function (p) { return p[1]; }), borderColor: '#1d3557', pointRadius: 0, borderWidth: 2 }],
      },
      options: { animation: false, responsive: true, plugins: { legend: { display: false } }, scales: { x: { ticks: { maxTicksLimit: 6 } } } },
    });
    canvas.setAttribute('data-points', String(series.length));
  });
})();
