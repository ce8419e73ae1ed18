/**
 * What a message becomes on a chart (pure): a number (or numeric string) is one point; a
 * datasource's history rows `{timestamp, data}` are one point each (in time order, whatever
 * order the rows came in); an aggregation
 * `{result}` is one point. The series is `msg.topic` (e.g. the datasource's clientid), the
 * time `msg.timestamp` or now. Anything else is refused, saying what a chart takes.
 *
 * @example
 * chartPoints({ payload: 0.7, topic: 'load', timestamp: 1000 }, 'chart', 0);
 * // [{ kind: 'chart', t: 1000, value: 0.7, series: 'load' }]
 */
import { DataboxError } from '../../core/errors';
import type { WidgetUpdate } from '../../core/ui-bus';
import type { NodeMessage } from '../red.types';

type ChartPoint = Extract<WidgetUpdate, { kind: 'chart' }>;

export function chartPoints(msg: NodeMessage, fallbackSeries: string, now: number): ChartPoint[] {
  const series = typeof msg.topic === 'string' && msg.topic !== '' ? msg.topic : fallbackSeries;
  const t = typeof msg.timestamp === 'number' && Number.isFinite(msg.timestamp) ? msg.timestamp : now;
  const payload = msg.payload;
  const single = toNumber(payload);
  if (single !== undefined) return [{ kind: 'chart', t, value: single, series }];
  if (isRecord(payload) && typeof payload.result === 'number') return [{ kind: 'chart', t, value: payload.result, series }];
  if (Array.isArray(payload)) {
    const points: ChartPoint[] = [];
    for (const row of payload) {
      const value = isRecord(row) ? toNumber(row.data) ?? (isRecord(row.data) ? toNumber(row.data.value) : undefined) : toNumber(row);
      if (value === undefined) throw notNumeric();
      const rowTime = isRecord(row) && typeof row.timestamp === 'number' ? row.timestamp : t;
      points.push({ kind: 'chart', t: rowTime, value, series });
    }
    return points.sort((a, b) => a.t - b.t);
  }
  throw notNumeric();
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function notNumeric(): DataboxError {
  return new DataboxError('chart-value-not-number', 'a chart draws numbers, but msg.payload is not a number', {
    hint: 'Send a number, history rows {timestamp, data} or {result}; pick one field of an object with a change node first.',
  });
}
