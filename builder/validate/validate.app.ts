/**
 * Every problem of a tab as an app, found at once: an empty or disabled tab, an invalid app name, and
 * each node's problems (unknown, forbidden, misconfigured, clientid conflicts). Pure.
 *
 * @example
 * const problems = validateApp({ tab, nodes, name: 'host-load', modules: new Map() });
 * for (const p of problems) console.error(describeError(p));
 */
import { DataboxError } from '../../core/errors';
import type { FlowNode } from '../../core/flow/flow.types';
import { APP_NAME } from '../../core/manifest/manifest.types';
import { isConfigNode, STRIPPED_TYPES } from '../compile/flow.kinds';
import type { NodeModuleRef } from '../modules/modules.types';
import { checkClientIds } from './validate.clientids';
import { checkNode, nodeRef } from './validate.nodes';

export interface AppToValidate {
  tab: FlowNode;
  /** The tab's nodes with the subflows and config nodes they use (debug nodes not yet stripped). */
  nodes: readonly FlowNode[];
  name: string;
  modules: ReadonlyMap<string, NodeModuleRef>;
}

export function validateApp(app: AppToValidate): DataboxError[] {
  const problems: DataboxError[] = [];
  const working = app.nodes.filter((n) => n.z === app.tab.id && !STRIPPED_TYPES.has(n.type) && n.type !== 'group' && !isConfigNode(n));
  if (working.length === 0) {
    problems.push(new DataboxError('tab-empty', 'the tab has no nodes that do anything (debug and comment nodes do not count)', {
      hint: 'Add a flow to the tab: for example a datasource node wired to a chart node', node: nodeRef(app.tab),
    }));
  }
  if (app.tab.disabled === true) {
    problems.push(new DataboxError('tab-disabled', 'the tab is disabled, so Node-RED would run none of it', {
      hint: 'Enable the tab (double-click it > Enabled) and export the flow again', node: nodeRef(app.tab),
    }));
  }
  if (!APP_NAME.test(app.name)) {
    problems.push(new DataboxError('app-name-invalid', `"${app.name}" is not a valid app name`, {
      hint: 'Use one lower-case word: a letter, then letters, digits or "-" (at most 63); rename the tab, set the tab\'s environment variable "name", or pass --name', node: nodeRef(app.tab),
    }));
  }
  const subflows = new Set(app.nodes.filter((n) => n.type === 'subflow').map((n) => n.id));
  for (const node of app.nodes) {
    if (node.id === app.tab.id) continue;
    problems.push(...checkNode(node, { subflows, modules: app.modules }));
  }
  problems.push(...checkClientIds(app.nodes));
  return problems;
}
