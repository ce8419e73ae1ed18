import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartDescription } from '../chart/chart.description';
import { DESCRIPTION_MARKER, renderEditorHtml } from './editor-html.render';

test('the description fields go where the marker is; type options are the catalogue\'s, escaped', () => {
  const html = renderEditorHtml(`RED.nodes.registerType('databox-chart', {\n    ${DESCRIPTION_MARKER}\n    label: 'x',\n});\n<datalist><!-- databox:type-options actuators --></datalist>`, chartDescription);
  assert.match(html, /defaults: \{"name":\{"value":""\},.*"points":\{"value":100\}/);
  assert.match(html, /paletteLabel: "chart",/);
  assert.match(html, /<option value="set-light-brightness">Set a smart light&#39;s brightness \(0-254\)<\/option>/);
  assert.doesNotMatch(html, /loadavg1/, 'only actuators');
});

test('a file without the marker, or with two, is a build error naming the node', () => {
  assert.throws(() => renderEditorHtml('RED.nodes.registerType("databox-chart", {})', chartDescription), /databox-chart must hold/);
  assert.throws(() => renderEditorHtml(`${DESCRIPTION_MARKER}${DESCRIPTION_MARKER}`, chartDescription), /once/);
});
