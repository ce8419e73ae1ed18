/**
 * Which tab of a flows file becomes the app: by id or label, the only tab when there is one,
 * or, for a file without tab nodes (Node-RED's "export selected nodes"), a tab made for the
 * nodes it holds. Pure.
 *
 * @example
 * selectTab(flows, 'Host load') // the tab node labelled "Host load"
 */
import { DataboxError } from '../../core/errors';
import { stringProp, type FlowNode, type Flows } from '../../core/flow/flow.types';
import { isConfigNode } from './flow.kinds';

export interface SelectedFlows {
  tab: FlowNode;
  /** The flows with a made-up tab when the file had none (its nodes moved onto it). */
  flows: Flows;
}

export function selectTab(flows: Flows, wanted?: string): SelectedFlows {
  const tabs = flows.filter((n) => n.type === 'tab');
  if (tabs.length === 0) return synthesizeTab(flows);
  const list = tabs.map((t) => `${t.id} "${stringProp(t, 'label')}"`).join(', ');
  if (wanted === undefined || wanted === '') {
    if (tabs.length === 1 && tabs[0]) return { tab: tabs[0], flows };
    throw new DataboxError('tab-required', `the flows have ${tabs.length} tabs; say which one is the app`, {
      hint: `Pass --tab with one of: ${list}`,
    });
  }
  const byId = tabs.find((t) => t.id === wanted);
  if (byId) return { tab: byId, flows };
  const byLabel = tabs.filter((t) => stringProp(t, 'label') === wanted);
  if (byLabel.length > 1) {
    throw new DataboxError('tab-ambiguous', `${byLabel.length} tabs are labelled "${wanted}"`, {
      hint: `Pass the tab's id instead: ${byLabel.map((t) => t.id).join(', ')}`,
    });
  }
  const [found] = byLabel;
  if (!found) throw new DataboxError('tab-not-found', `no tab has the id or label "${wanted}"`, { status: 404, hint: `The tabs are: ${list}` });
  return { tab: found, flows };
}

function synthesizeTab(flows: Flows): SelectedFlows {
  const subflowIds = new Set(flows.filter((n) => n.type === 'subflow').map((n) => n.id));
  const onTab = (n: FlowNode) => n.type !== 'subflow' && !isConfigNode(n) && !subflowIds.has(n.z ?? '');
  const counts = new Map<string, number>();
  for (const node of flows.filter(onTab)) counts.set(node.z ?? '', (counts.get(node.z ?? '') ?? 0) + 1);
  const common = [...counts.entries()].filter(([z]) => z !== '').sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  const id = common ?? 'databox-app-tab';
  const tab: FlowNode = { id, type: 'tab', label: '', disabled: false, info: '' };
  return { tab, flows: [tab, ...flows.map((n) => (onTab(n) ? { ...n, z: id } : n))] };
}
