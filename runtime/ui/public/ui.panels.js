// List and text widgets of the app page (window.DataboxPanels): rows as a table (or a
// compact list), text as plain text or the safe markdown subset (markdown.js). Everything
// from the flow goes in as text, never as markup.
(function (root) {
  'use strict';

  var el = root.DataboxDom.el;
  var formatValue = root.DataboxDom.formatValue;

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

  root.DataboxPanels = { createList: createList, drawList: drawList, createText: createText, drawText: drawText };
})(window);
