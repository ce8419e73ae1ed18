/**
 * The server-rendered shell of an app's page: a header with the app's name and a status
 * line, an empty grid the browser script fills with widgets, and only relative URLs (the box
 * serves the page under `/<app>/ui/`). Pure: returns the HTML.
 *
 * @example
 * renderUiPage({ title: 'host-load', mode: 'preview' }) // '<!doctype html>...'
 */
export interface UiPageInput {
  title: string;
  mode: 'preview' | 'box';
}

/** @example escapeHtml('<b>') // '&lt;b&gt;' */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export function renderUiPage(input: UiPageInput): string {
  const title = escapeHtml(input.title);
  const mode = input.mode === 'preview' ? '<span class="mode">preview data</span>' : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="ui.css">
</head>
<body>
<header class="bar">
  <h1>${title}</h1>${mode}
  <span id="status" class="status connecting" role="status" aria-live="polite">connecting</span>
</header>
<main id="widgets" class="grid" aria-label="app outputs">
  <p id="empty" class="empty">Waiting for the flow's charts, lists and text...</p>
</main>
<footer class="foot">Databox app &middot; runs on your box, your data stays there</footer>
<script src="vendor/chart.umd.js"></script>
<script src="markdown.js"></script>
<script src="ui.dom.js"></script>
<script src="ui.chart.js"></script>
<script src="ui.panels.js"></script>
<script src="ui.js"></script>
</body>
</html>
`;
}
