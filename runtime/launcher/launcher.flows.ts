/**
 * Checks a flows file before Node-RED sees it (Node-RED would log and run nothing), and
 * finds the page title in the manifest beside it. Pure over the texts read by the caller.
 *
 * @example
 * checkFlowsText('[{"id":"a","type":"tab"}]') // 1 (nodes)
 * appTitle({ manifestText: '{"name":"host-load"}', fallback: 'app' }) // 'host-load'
 */
import { DataboxError } from '../../core/errors';
import { isFlowNode } from '../../core/flow/flow.types';

export function checkFlowsText(text: string, file = 'flows file'): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new DataboxError('launcher-flows-invalid', `${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`, {
      status: 400, hint: 'Pass the flows.json a Node-RED export or `databox build` wrote.' });
  }
  if (!Array.isArray(parsed)) {
    throw new DataboxError('launcher-flows-invalid', `${file} is not a list of nodes.`, { status: 400, hint: 'A flows file is a JSON array of nodes.' });
  }
  const bad = parsed.findIndex((node) => !isFlowNode(node));
  if (bad >= 0) {
    throw new DataboxError('launcher-flows-invalid', `${file}: entry ${bad} is not a node (it needs a string id and type).`, { status: 400, hint: 'Re-export the flow from Node-RED or rebuild it with `databox build`.' });
  }
  return parsed.length;
}

/** The page title: the manifest's displayName (what the owner saw in the review), else the app's name. */
export function appTitle(input: { appName?: string; manifestText?: string; flowsText?: string; fallback: string }): string {
  let name: string | undefined;
  if (input.manifestText) {
    try {
      const manifest: unknown = JSON.parse(input.manifestText);
      if (typeof manifest === 'object' && manifest !== null) {
        const fields = manifest as { displayName?: unknown; name?: unknown };
        if (typeof fields.displayName === 'string' && fields.displayName.trim()) return fields.displayName.trim();
        if (typeof fields.name === 'string' && fields.name.trim()) name = fields.name.trim();
      }
    } catch {
      // A broken manifest does not stop the app: the page keeps the fallback title.
    }
  }
  return input.appName || name || firstTabLabel(input.flowsText) || input.fallback;
}

function firstTabLabel(flowsText: string | undefined): string | undefined {
  try {
    const flows: unknown = JSON.parse(flowsText ?? '');
    const tab = Array.isArray(flows) ? flows.find((node) => isFlowNode(node) && node.type === 'tab') : undefined;
    return isFlowNode(tab) && typeof tab.label === 'string' && tab.label.trim() ? tab.label.trim() : undefined;
  } catch {
    return undefined;
  }
}
