// One study's chart (browser, no build step): the estimate's history, then the API polled
// every 2 s, so the line moves as the boxes' reports arrive. Laplace: the mean with its 95%
// band by number of reports; randomized response: each answer's share with its interval.
(function () {
  'use strict';
  var script = document.currentScript;
  var study = script.getAttribute('data-study');
  var api = '/api/studies/' + encodeURIComponent(study);
  var summary = document.getElementById('summary');
  var canvas = document.getElementById('chart');
  var chart;
  var lastCount = -1;

  function round(n, digits) { return n === null || n === undefined ? '–' : Number(n.toPrecision(digits || 4)).toLocaleString('en-US'); }

  function describe(view) {
    if (view.mechanism === 'laplace') {
      if (view.estimate === null) return 'No reports yet.';
      var interval = view.low === null ? '' : ' (95% interval ' + round(view.low) + ' to ' + round(view.high) + ')';
      return view.reports.toLocaleString('en-US') + ' reports: the population\'s mean is about ' + round(view.estimate) + interval + '.';
    }
    var shares = (view.shares || []).map(function (s) { return s.category + ' ' + round(s.estimate * 100, 3) + '% (±' + round((s.high - s.estimate) * 100, 2) + ')'; });
    return view.reports.toLocaleString('en-US') + ' reports: ' + (shares.join(', ') || 'too few categories seen yet') + '.';
  }

  function meanChart(points) {
    var labels = points.map(function (p) { return p.reports; });
    var line = function (key) { return points.map(function (p) { return p[key]; }); };
    return new Chart(canvas, {
      type: 'line',
      data: {
        labels: labels,
        datasets: [
          { label: '95% interval', data: line('low'), borderColor: 'rgba(29,53,87,0.25)', backgroundColor: 'rgba(69,123,157,0.2)', pointRadius: 0, fill: false },
          { label: 'high', data: line('high'), borderColor: 'rgba(29,53,87,0.25)', backgroundColor: 'rgba(69,123,157,0.2)', pointRadius: 0, fill: '-1' },
          { label: 'estimated mean', data: line('estimate'), borderColor: '#1d3557', pointRadius: 0, borderWidth: 2, fill: false },
        ],
      },
      options: {
        animation: false, responsive: true, scales: { x: { title: { display: true, text: 'reports' } } },
        // One legend entry for the band (its two edges are two datasets).
        plugins: { legend: { labels: { filter: function (item) { return item.text !== 'high'; } } } },
      },
    });
  }

  function sharesChart(view) {
    var shares = view.shares || [];
    return new Chart(canvas, {
      type: 'bar',
      data: {
        labels: shares.map(function (s) { return s.category; }),
        datasets: [
          // Drawn over each other: the share, and its interval as a thin bar across it.
          { label: 'estimated share (%)', data: shares.map(function (s) { return s.estimate * 100; }), backgroundColor: '#457b9d', grouped: false, barPercentage: 0.7 },
          { label: '95% interval (%)', data: shares.map(function (s) { return [s.low * 100, s.high * 100]; }), backgroundColor: 'rgba(29,53,87,0.55)', grouped: false, barPercentage: 0.15 },
        ],
      },
      options: { animation: false, responsive: true, scales: { y: { title: { display: true, text: '%' } } } },
    });
  }

  function update(view) {
    summary.textContent = describe(view);
    if (view.reports === lastCount) return;
    lastCount = view.reports;
    if (view.mechanism === 'laplace') {
      if (!chart) chart = meanChart([]);
      chart.data.labels.push(view.reports);
      chart.data.datasets[0].data.push(view.low);
      chart.data.datasets[1].data.push(view.high);
      chart.data.datasets[2].data.push(view.estimate);
    } else {
      if (chart) chart.destroy();
      chart = sharesChart(view);
    }
    chart.update();
    canvas.setAttribute('data-points', String(chart.data.labels.length));
  }

  function poll() {
    fetch(api).then(function (r) { return r.json(); }).then(update).catch(function () { /* the next poll tries again */ })
      .finally(function () { setTimeout(poll, 2000); });
  }

  fetch(api + '/history').then(function (r) { return r.json(); }).then(function (history) {
    var points = history.points || [];
    return fetch(api).then(function (r) { return r.json(); }).then(function (view) {
      if (view.mechanism === 'laplace') {
        chart = meanChart(points);
        lastCount = points.length ? points[points.length - 1].reports : -1;
        canvas.setAttribute('data-points', String(points.length));
      }
      update(view);
    });
  }).finally(poll);
})();
