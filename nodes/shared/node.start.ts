/**
 * The start of a node whose configuration its description can check on its own (actuator,
 * export): read the runtime's Databox settings and the description's problems; when either
 * fails, the node is refused (error status, and every input fails) and nothing is returned.
 *
 * @example
 * const settings = startChecked(RED, node, config, exportDescription, { code: 'export-url-invalid', hint: 'Set its URL.' });
 * if (!settings) return;
 */
import { DataboxError } from '../../core/errors';
import type { NodeDescription } from '../../core/nodes/node-description';
import type { DataboxSettings } from '../../runtime/databox-settings';
import type { Node, NodeAPI, NodeConfig } from '../red.types';
import { nodeRef } from './node.ref';
import { refuseNode } from './node.status';
import { readDataboxSettings } from './settings.read';

export function startChecked(
  RED: NodeAPI, node: Node, config: NodeConfig, description: NodeDescription, refusal: { code: string; hint: string },
): DataboxSettings | undefined {
  try {
    const settings = readDataboxSettings(RED.settings.databox);
    const problems = description.problems(config);
    if (problems.length > 0) throw new DataboxError(refusal.code, problems.join(' '), { node: nodeRef(config), hint: refusal.hint });
    return settings;
  } catch (error) {
    refuseNode(node, error);
    return undefined;
  }
}
