/**
 * Where a posted value is stored. A number, or an object with a numeric `value` (its other
 * fields become the point's tags), goes to the numeric series `/ts/<id>`; anything else to
 * the blob series `/ts/blob/<id>`. A source of a catalogue type keeps to the type: the value
 * must fit its schema and is stored as the type is (a `steps` source takes only numbers).
 * `null` is no reading. Pure.
 *
 * @example
 * routeWebhookValue('my-gauge', 3)                       // { storeType: 'ts', body: { value: 3 } }
 * routeWebhookValue('my-gauge', { value: 3, room: 'k' }) // { storeType: 'ts', body: { value: 3, room: 'k' } }
 * routeWebhookValue('location', { lat: 52.2, lon: 0.1 }) // { storeType: 'ts/blob', body: { lat: 52.2, lon: 0.1 } }
 * routeWebhookValue('steps', 'many')                     // throws webhook-value-invalid (400)
 */
import { findDatasourceType } from '../../../core/catalogue/catalogue';
import { valueProblem } from '../../../core/catalogue/catalogue.value';
import { DataboxError } from '../../../core/errors';

export interface RoutedValue {
  storeType: 'ts' | 'ts/blob';
  /** What the datastore is sent: `{value, ...tags}` for a numeric series, the value itself for a blob series. */
  body: unknown;
}

export function routeWebhookValue(type: string, value: unknown): RoutedValue {
  if (value === null || value === undefined) throw invalid('the body is null: send a number or a JSON object');
  const reading = numericReading(value);
  const known = findDatasourceType(type);
  if (!known) return reading === undefined ? { storeType: 'ts/blob', body: value } : { storeType: 'ts', body: typeof value === 'number' ? { value } : value };
  if (known.storeType === 'ts') {
    if (reading === undefined) throw invalid(`a ${type} source takes a number or {"value": <number>, ...tags}`);
    const problem = valueProblem(known.schema, reading);
    if (problem !== undefined) throw invalid(`a ${type} reading's ${problem}`);
    return { storeType: 'ts', body: typeof value === 'number' ? { value } : value };
  }
  const problem = valueProblem(known.schema, value);
  if (problem !== undefined) throw invalid(`a ${type} reading does not fit its type: ${problem}`);
  return { storeType: 'ts/blob', body: value };
}

/** The number of a numeric reading: the value itself, or an object's numeric `value`. */
function numericReading(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const inner: unknown = Reflect.get(value, 'value');
  return typeof inner === 'number' ? inner : undefined;
}

function invalid(message: string): DataboxError {
  return new DataboxError('webhook-value-invalid', message, { status: 400, hint: 'Post JSON: a number, {"value": <number>, ...tags}, or an object the source\'s type describes.' });
}
