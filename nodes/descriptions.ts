/**
 * Every Databox node's static description, by Node-RED type: what the builder reads to
 * derive a manifest without running any node.
 */
import type { NodeDescription } from '../core/nodes/node-description';
import { actuatorDescription } from './actuator/actuator.description';
import { chartDescription } from './chart/chart.description';
import { datasourceDescription } from './datasource/datasource.description';
import { exportDescription } from './export/export.description';
import { listDescription } from './list/list.description';
import { privateExportDescription } from './private-export/private-export.description';
import { appDataDescription } from './app-data/app-data.description';
import { textDescription } from './text/text.description';

export const NODE_DESCRIPTIONS: readonly NodeDescription[] = [
  datasourceDescription, actuatorDescription, exportDescription, privateExportDescription, appDataDescription,
  chartDescription, listDescription, textDescription,
];

const byType = new Map(NODE_DESCRIPTIONS.map((d) => [d.type, d]));

export function findNodeDescription(type: string): NodeDescription | undefined {
  return byType.get(type);
}
