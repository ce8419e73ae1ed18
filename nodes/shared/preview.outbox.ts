/**
 * What an export or actuator would have sent, in preview: a report published on Node-RED's
 * comms (the editor's WebSocket) for the studio's Preview sidebar. The data is a snapshot
 * taken now (the flow may change the message later, and comms sends in batches), JSON-safe
 * (comms stringifies its batch: one circular value would drop the editor's connection) and
 * bounded, so a large payload is cut rather than flooding the editor.
 *
 * @example
 * publishPreview(RED, previewReport(node, 'export', 'https://example.org/in', msg.payload));
 */
import type { NodeAPI } from '../red.types';

/** The comms topic; the Preview sidebar subscribes to it. */
export const PREVIEW_OUTBOX_TOPIC = 'databox/preview/outbox';

/** The most characters of JSON a report carries before its data is cut. */
export const MAX_REPORT_DATA_CHARS = 4096;

export interface PreviewReport {
  /** The node that would have sent it, so the sidebar can reveal it. */
  node: string;
  name?: string;
  /** Its flow tab (or subflow). */
  z?: string;
  kind: 'export' | 'actuator';
  /** export: the URL; actuator: `<clientid> (<type>)`. */
  target: string;
  /** A JSON-safe copy of what would have been sent, or, when cut, `{truncated: true, json}`. */
  data: unknown;
  /** ms since the epoch. */
  at: number;
}

/**
 * @example
 * previewReport({ id: 'n1', z: 't1' }, 'actuator', 'lamp (set-light-on)', true, 0)
 * // { node: 'n1', z: 't1', kind: 'actuator', target: 'lamp (set-light-on)', data: true, at: 0 }
 */
export function previewReport(node: { id: string; name?: string; z?: string }, kind: PreviewReport['kind'], target: string, data: unknown, at = Date.now()): PreviewReport {
  return {
    node: node.id, ...(node.name ? { name: node.name } : {}), ...(node.z ? { z: node.z } : {}),
    kind, target, data: jsonSnapshot(data), at,
  };
}

/**
 * A JSON-safe copy of `value`: what JSON.stringify keeps (a Buffer becomes `{type, data}`),
 * a reference back to an enclosing object (a cycle) and BigInts as text, and past `max` characters `{truncated: true, json}`.
 *
 * @example
 * jsonSnapshot({ a: 1 })          // { a: 1 } (a copy)
 * jsonSnapshot('x'.repeat(9000))  // { truncated: true, json: '"xxx…' }
 */
export function jsonSnapshot(value: unknown, max = MAX_REPORT_DATA_CHARS): unknown {
  if (value === undefined) return null;
  // The objects from the root to the one being written: a value among them is a cycle (a
  // value merely seen twice elsewhere is not).
  const path: unknown[] = [];
  const json = JSON.stringify(value, function (this: unknown, _key: string, v: unknown) {
    if (typeof v === 'bigint') return `${v.toString()}n`;
    if (typeof v !== 'object' || v === null) return v;
    while (path.length > 0 && path[path.length - 1] !== this) path.pop();
    if (path.includes(v)) return '[circular]';
    path.push(v);
    return v;
  }) ?? 'null';
  if (json.length > max) return { truncated: true, json: `${json.slice(0, max - 1)}…` };
  return JSON.parse(json) as unknown;
}

/** Publishes a report on the editor's comms; a runtime without comms (headless) has no editor to tell. */
export function publishPreview(RED: NodeAPI, report: PreviewReport): void {
  RED.comms?.publish(PREVIEW_OUTBOX_TOPIC, report, false);
}
