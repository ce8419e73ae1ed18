/**
 * The files the page loads, by URL name: a fixed list (no path from the request ever
 * reaches the file system), read once at start. Chart.js comes from the app's own
 * `node_modules`, never a CDN.
 *
 * @example
 * const assets = loadUiAssets(); assets.get('ui.js')?.body
 */
import fs from 'node:fs';
import path from 'node:path';

export interface UiAsset {
  type: string;
  body: Buffer;
}

const PUBLIC_DIR = path.join(__dirname, 'public');

/** Chart.js's browser build, from the SDK's own node_modules (the app page, the box dashboard, the collector). */
export function chartJsFile(): string {
  // `chart.js` resolves to dist/chart.cjs; the browser build sits beside it.
  return path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.js');
}

/** @example uiAssetFiles()['vendor/chart.umd.js'].file // .../node_modules/chart.js/dist/chart.umd.js */
export function uiAssetFiles(): Record<string, { file: string; type: string }> {
  return {
    ...Object.fromEntries(['ui.js', 'ui.dom.js', 'ui.chart.js', 'ui.panels.js', 'markdown.js']
      .map((name) => [name, { file: path.join(PUBLIC_DIR, name), type: 'text/javascript; charset=utf-8' }])),
    'ui.css': { file: path.join(PUBLIC_DIR, 'ui.css'), type: 'text/css; charset=utf-8' },
    'vendor/chart.umd.js': { file: chartJsFile(), type: 'text/javascript; charset=utf-8' },
  };
}

export function loadUiAssets(): Map<string, UiAsset> {
  const assets = new Map<string, UiAsset>();
  for (const [name, { file, type }] of Object.entries(uiAssetFiles())) {
    assets.set(name, { type, body: fs.readFileSync(file) });
  }
  return assets;
}
