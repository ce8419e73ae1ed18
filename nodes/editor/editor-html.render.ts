/**
 * The editor `.html` of a Databox node as Node-RED serves it, from the hand-written file and
 * the node's description: the build (scripts/copy-assets.js) puts the description's palette
 * fields and defaults where the file says `/* databox:description *\/`, and the catalogue's
 * types where it says `<!-- databox:type-options sensors|actuators -->`. Defaults are never
 * copied by hand. Pure.
 *
 * @example
 * renderEditorHtml(readFileSync('chart/databox-chart.html', 'utf8'), chartDescription)
 * // "...RED.nodes.registerType('databox-chart', {\n    category: \"databox\", ... defaults: {...},\n    label: ..."
 */
import { DATASOURCE_TYPES } from '../../core/catalogue/catalogue';
import type { NodeDescription } from '../../core/nodes/node-description';

export const DESCRIPTION_MARKER = '/* databox:description */';
const TYPE_OPTIONS = /<!-- databox:type-options (sensors|actuators) -->/g;

export function renderEditorHtml(source: string, description: NodeDescription): string {
  if (source.split(DESCRIPTION_MARKER).length !== 2) {
    throw new Error(`the editor .html of ${description.type} must hold ${DESCRIPTION_MARKER} once, in its registerType call`);
  }
  const fields = {
    category: description.category, color: description.color, paletteLabel: description.paletteLabel, icon: description.icon,
    inputs: description.inputs, outputs: description.outputs, defaults: description.defaults,
  };
  const lines = Object.entries(fields).map(([key, value]) => `${key}: ${JSON.stringify(value)},`).join('\n    ');
  return source.replace(DESCRIPTION_MARKER, lines).replace(TYPE_OPTIONS, (_marker, kind: string) => typeOptions(kind === 'actuators'));
}

function typeOptions(actuators: boolean): string {
  return DATASOURCE_TYPES.filter((type) => type.actuator === actuators)
    .map((type) => `<option value="${escapeHtml(type.id)}">${escapeHtml(type.description)}</option>`).join('\n      ');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
