// A small DOM builder for the Databox editor plugins (window.DataboxStudioDom): every text
// goes in as textContent, never HTML, so nothing from a flow, a manifest or the studio can
// run script in the editor.
(function () {
  'use strict';

  /**
   * el('a', {class: 'x', href: url, onclick: fn}, ['text', child]) -> <a class="x" href="...">
   * Attributes starting with "on" become listeners; `dataset` sets data-* attributes.
   */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === undefined || value === null || value === false) return;
      if (key.slice(0, 2) === 'on' && typeof value === 'function') node.addEventListener(key.slice(2), value);
      else if (key === 'dataset') Object.keys(value).forEach(function (k) { node.dataset[k] = String(value[k]); });
      else if (key === 'class') node.className = value;
      else if (key === 'value') node.value = value;
      else node.setAttribute(key, value === true ? '' : String(value));
    });
    (Array.isArray(children) ? children : children === undefined ? [] : [children]).forEach(function (child) {
      if (child === undefined || child === null || child === false) return;
      node.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
    });
    return node;
  }

  /** Replaces what `parent` holds with `children`. */
  function fill(parent, children) {
    while (parent.firstChild) parent.removeChild(parent.firstChild);
    children.forEach(function (child) { if (child) parent.appendChild(child); });
    return parent;
  }

  /** A link that opens outside the editor (the store's pages), only for http(s) URLs. */
  function outLink(url, text) {
    return /^https?:\/\//i.test(String(url)) ? el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, text) : el('span', {}, text);
  }

  window.DataboxStudioDom = { el: el, fill: fill, outLink: outLink };
})();
