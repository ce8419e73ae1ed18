/**
 * How a Databox node checks its settings at start: with its description's `problems()` and
 * nothing else, so whatever a node refuses at start the builder has refused at build, in the
 * same words, naming the node (test/node-checks.test.ts holds the two to each other).
 *
 * @example
 * const refusal = settingsRefusal(chartDescription, config);
 * if (refusal) return refuseNode(node, refusal);
 */
import { DataboxError } from '../../core/errors';
import type { FlowNode } from '../../core/flow/flow.types';
import type { NodeDescription } from '../../core/nodes/node-description';
import type { DataboxSettings } from '../../runtime/databox-settings';
import type { Node, NodeAPI, NodeConfig } from '../red.types';
import { nodeRef } from './node.ref';
import { refuseNode } from './node.status';
import { readDataboxSettings } from './settings.read';

export const SETTINGS_HINT = 'Open the node in the editor and fix its settings.';

/** The refusal of a node's settings, or undefined when its description finds nothing wrong. */
export function settingsRefusal(description: NodeDescription, config: FlowNode): DataboxError | undefined {
  const problems = description.problems(config);
  if (problems.length === 0) return undefined;
  return new DataboxError(description.problemCode ?? 'node-config-invalid', problems.join(' '), { node: nodeRef(config), hint: SETTINGS_HINT });
}

/**
 * The start of a node that needs the runtime's Databox settings (actuator, export): those and
 * its own settings checked; when either fails, the node is refused (error status, and every
 * input fails) and nothing is returned.
 */
export function startChecked(RED: NodeAPI, node: Node, config: NodeConfig, description: NodeDescription): DataboxSettings | undefined {
  try {
    const settings = readDataboxSettings(RED.settings.databox);
    const refusal = settingsRefusal(description, config);
    if (refusal) throw refusal;
    return settings;
  } catch (error) {
    refuseNode(node, error);
    return undefined;
  }
}
