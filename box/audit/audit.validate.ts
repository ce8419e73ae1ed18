/**
 * Pure validation of audit events arriving over HTTP: every problem, named by field.
 */
import { AUDIT_KIND, COMPONENT_NAME, type AuditEvent } from './audit.types';
import { isRecord } from '../service/service.body';

export const MAX_BATCH = 1000;
const TEXT_FIELDS = ['source', 'target', 'path', 'method', 'destination', 'detail'] as const;

/**
 * Reads one event or returns its problems.
 *
 * @example
 * readAuditEvent({ id: 'a1', time: 1, component: 'app', kind: 'export' }) // { event: {...} }
 */
export function readAuditEvent(value: unknown): { event: AuditEvent } | { problems: string[] } {
  if (!isRecord(value)) return { problems: ['an event must be a JSON object'] };
  const problems: string[] = [];
  const { id, time, component, kind, bytes, status } = value;
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) problems.push('"id" must be 8-64 characters of letters, digits, "_" or "-"');
  if (typeof time !== 'number' || !Number.isSafeInteger(time) || time < 0) problems.push('"time" must be ms since the epoch');
  if (typeof component !== 'string' || !COMPONENT_NAME.test(component)) problems.push('"component" must be a component name');
  if (typeof kind !== 'string' || !AUDIT_KIND.test(kind)) problems.push('"kind" must be lower-case letters, digits and "-"');
  if (bytes !== undefined && (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes < 0)) problems.push('"bytes" must be a non-negative integer');
  if (status !== undefined && (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599)) problems.push('"status" must be an HTTP status');
  const text: Partial<Record<(typeof TEXT_FIELDS)[number], string>> = {};
  for (const field of TEXT_FIELDS) {
    const v = value[field];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v.length > 2048) problems.push(`"${field}" must be a string of at most 2048 characters`);
    else text[field] = v;
  }
  const known = new Set(['id', 'time', 'component', 'kind', 'bytes', 'status', ...TEXT_FIELDS]);
  for (const key of Object.keys(value)) if (!known.has(key)) problems.push(`unknown field "${key}"`);
  if (problems.length > 0) return { problems };
  return {
    event: {
      id: String(id), time: Number(time), component: String(component), kind: String(kind), ...text,
      ...(typeof bytes === 'number' ? { bytes } : {}), ...(typeof status === 'number' ? { status } : {}),
    },
  };
}

/**
 * Reads a batch `{events: [...]}`; all or nothing.
 *
 * @example
 * readAuditBatch({ events: [event] }) // { events: [event] }
 */
export function readAuditBatch(body: unknown): { events: AuditEvent[] } | { problems: string[] } {
  if (!isRecord(body) || !Array.isArray(body.events)) return { problems: ['the body must be {"events": [...]}'] };
  if (body.events.length > MAX_BATCH) return { problems: [`at most ${MAX_BATCH} events per batch`] };
  const events: AuditEvent[] = [];
  const problems: string[] = [];
  body.events.forEach((raw: unknown, i: number) => {
    const read = readAuditEvent(raw);
    if ('problems' in read) problems.push(...read.problems.map((p) => `events[${i}]: ${p}`));
    else events.push(read.event);
  });
  return problems.length > 0 ? { problems: problems.slice(0, 20) } : { events };
}
