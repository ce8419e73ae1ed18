/**
 * The clientid of a datasource/actuator node: the one the developer typed, or one derived
 * from the type and the node id, which Node-RED keeps stable, so every build of the same flow
 * derives the same clientid (and an installed app keeps its grants across updates).
 *
 * @example
 * deriveClientId({ id: '3f2a9c1b8e7d6a50', type: 'databox-datasource', datasourceType: 'loadavg1' })
 * // 'loadavg1_3f2a9c1b'
 */
import { stringProp, type FlowNode } from '../flow/flow.types';

export const CLIENT_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export function deriveClientId(node: FlowNode): string {
  const given = stringProp(node, 'clientid').trim();
  if (given !== '') return given;
  const type = stringProp(node, 'datasourceType').replace(/[^A-Za-z0-9_-]/g, '-').replace(/^[^A-Za-z]+/, '') || 'source';
  const id = node.id.replace(/[^A-Za-z0-9]/g, '').slice(0, 8);
  return `${type.slice(0, 48)}_${id}`;
}
