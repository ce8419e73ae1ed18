// A tiny, safe markdown subset for the app page's text panels: headings, paragraphs,
// bullet/numbered lists, fenced code, `code`, **bold**, *italic* and http(s) links.
// Everything is HTML-escaped first, so a flow can never inject markup or script.
(function (root) {
  'use strict';

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function inline(escaped) {
    var codes = [];
    var text = escaped.replace(/`([^`]+)`/g, function (_m, code) {
      codes.push('<code>' + code + '</code>');
      return '\uE000' + (codes.length - 1) + '\uE001';
    });
    text = text
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
      .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, '<a href="$2" target="_blank" rel="noopener noreferrer">$1</a>');
    return text.replace(/\uE000(\d+)\uE001/g, function (_m, i) { return codes[Number(i)]; });
  }

  function render(source) {
    var lines = escapeHtml(source).replace(/[\uE000\uE001]/g, '').split(/\r?\n/);
    var out = [];
    var paragraph = [];
    var list = null;
    var code = null;
    function flushParagraph() {
      if (paragraph.length) out.push('<p>' + inline(paragraph.join(' ')) + '</p>');
      paragraph = [];
    }
    function flushList() {
      if (list) out.push('<' + list.tag + '>' + list.items.map(function (i) { return '<li>' + inline(i) + '</li>'; }).join('') + '</' + list.tag + '>');
      list = null;
    }
    lines.forEach(function (line) {
      if (code !== null) {
        if (/^```/.test(line)) { out.push('<pre><code>' + code.join('\n') + '</code></pre>'); code = null; } else code.push(line);
        return;
      }
      if (/^```/.test(line)) { flushParagraph(); flushList(); code = []; return; }
      var heading = /^(#{1,4})\s+(.*)$/.exec(line);
      var bullet = /^\s*[-*]\s+(.*)$/.exec(line);
      var numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
      if (heading) {
        flushParagraph(); flushList();
        var level = heading[1].length + 1;
        out.push('<h' + level + '>' + inline(heading[2]) + '</h' + level + '>');
      } else if (bullet || numbered) {
        flushParagraph();
        var tag = bullet ? 'ul' : 'ol';
        if (list && list.tag !== tag) flushList();
        list = list || { tag: tag, items: [] };
        list.items.push((bullet || numbered)[1]);
      } else if (line.trim() === '') {
        flushParagraph(); flushList();
      } else {
        flushList();
        paragraph.push(line.trim());
      }
    });
    if (code !== null) out.push('<pre><code>' + code.join('\n') + '</code></pre>');
    flushParagraph(); flushList();
    return out.join('\n');
  }

  var api = { render: render, escapeHtml: escapeHtml };
  if (typeof module === 'object' && module.exports) module.exports = api;
  else root.DataboxMarkdown = api;
})(this);
