// Small DOM and number helpers shared by the app page's scripts (window.DataboxDom).
(function (root) {
  'use strict';

  var PALETTE = ['#2f6fdf', '#e4572e', '#17a398', '#f3a712', '#8e44ad', '#596475', '#d1495b', '#66a182'];

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

  root.DataboxDom = { PALETTE: PALETTE, el: el, timeLabel: timeLabel, formatValue: formatValue };
})(window);
