/**
 * Readings a developer uploads to replay in preview instead of the simulation, as CSV: one
 * reading per line, the value in the last column (`value`, or `timestamp,value`; a first line
 * of names is a header). Each value is read as its type's schema says (a number, true/false, a
 * string, or JSON for an object) and checked against it. Every bad row is reported (the first
 * ten, with their line numbers); a file with any is refused whole. Pure.
 *
 * @example
 * parseReplayCsv('timestamp,value\n2026-12-01T10:00:00Z,0.5\n', findDatasourceType('loadavg1')!) // [0.5]
 */
import { DataboxError } from '../errors';
import type { DatasourceType, ValueSchema } from './catalogue.types';
import { valueProblem } from './catalogue.value';

export const REPLAY_LIMITS = { maxBytes: 1024 * 1024, maxRows: 10_000 } as const;

export function parseReplayCsv(text: string, type: DatasourceType): unknown[] {
  const hint = `Give one reading of ${type.id} per line, the value last (e.g. "2026-12-01T10:00:00Z,21.5"), at most ${REPLAY_LIMITS.maxRows} lines.`;
  if (Buffer.byteLength(text) > REPLAY_LIMITS.maxBytes) throw new DataboxError('replay-too-large', `the CSV is larger than ${REPLAY_LIMITS.maxBytes / 1024} KB`, { status: 413, hint });
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const values: unknown[] = [];
  const problems: string[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const cell = lastCell(line);
    if (i === 0 && /^[A-Za-z_ "]+$/.test(cell) && type.schema.type !== 'string') return; // a header
    const value = readCell(cell, type.schema);
    const problem = value === undefined ? `"${cell.slice(0, 40)}" is not a ${type.schema.type}` : valueProblem(type.schema, value);
    if (problem) problems.push(`line ${i + 1}: ${problem}`);
    else values.push(value);
  });
  if (problems.length > 0) {
    throw new DataboxError('replay-rows-invalid', `${problems.length} line${problems.length === 1 ? '' : 's'} of the CSV ${problems.length === 1 ? 'is' : 'are'} not a ${type.id} reading: ${problems.slice(0, 10).join('; ')}${problems.length > 10 ? '; ...' : ''}`, { status: 400, hint });
  }
  if (values.length === 0) throw new DataboxError('replay-empty', 'the CSV has no readings', { status: 400, hint });
  if (values.length > REPLAY_LIMITS.maxRows) throw new DataboxError('replay-too-large', `the CSV has ${values.length} readings`, { status: 413, hint });
  return values;
}

/** The last comma-separated cell, unquoted ("a,""b""" -> a,"b"). */
function lastCell(line: string): string {
  const quoted = /"((?:[^"]|"")*)"\s*$/.exec(line);
  if (quoted) return (quoted[1] ?? '').replace(/""/g, '"');
  return (line.split(',').pop() ?? '').trim();
}

function readCell(cell: string, schema: ValueSchema): unknown {
  switch (schema.type) {
    case 'number': return cell !== '' && Number.isFinite(Number(cell)) ? Number(cell) : undefined;
    case 'boolean': return cell === 'true' ? true : cell === 'false' ? false : undefined;
    case 'string': return cell;
    case 'object':
      try {
        return JSON.parse(cell) as unknown;
      } catch {
        return undefined;
      }
  }
}
