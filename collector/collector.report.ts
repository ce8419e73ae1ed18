/**
 * One study report as a box's export service sends it (issue 12's contract): JSON
 * `{value, mechanism: "laplace", epsilon, period}` or `{category, mechanism:
 * "randomized-response", epsilon, period}`, with the export service's `Databox-Export-Id`.
 * Anything else is refused with what is wrong. Pure.
 *
 * @example
 * readReport('{"value":21.3,"mechanism":"laplace","epsilon":1,"period":"day"}')
 * // { value: 21.3, mechanism: 'laplace', epsilon: 1, period: 'day' }
 */
import { DataboxError } from '../core/errors';
import { EPSILON_MAX, EPSILON_MIN, type PrivateReport } from '../core/privacy/privacy.types';

/** A study's name: it is a URL segment and a page title. */
export const STUDY_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/** The export service's ids are UUIDs; other senders may use any id of this shape. */
export const EXPORT_ID = /^[A-Za-z0-9_-]{8,64}$/;

const invalid = (message: string): DataboxError => new DataboxError('report-invalid', message, {
  status: 400, hint: 'POST what a Databox private export sends: {"value": <number>, "mechanism": "laplace", "epsilon": <e>, "period": "day"|"hour"} (or "category" for randomized-response).',
});

export function readReport(text: string): PrivateReport {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalid('the body is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('the body must be a JSON object');
  const r = body as Record<string, unknown>;
  const { mechanism, epsilon, period } = r;
  if (typeof epsilon !== 'number' || !(epsilon >= EPSILON_MIN && epsilon <= EPSILON_MAX)) throw invalid(`"epsilon" must be a number from ${EPSILON_MIN} to ${EPSILON_MAX}`);
  if (period !== 'day' && period !== 'hour') throw invalid('"period" must be "day" or "hour"');
  if (mechanism === 'laplace') {
    if (Object.keys(r).length !== 4 || typeof r.value !== 'number' || !Number.isFinite(r.value)) throw invalid('a laplace report is exactly {value, mechanism, epsilon, period}, with a finite number as value');
    return { value: r.value, mechanism, epsilon, period };
  }
  if (mechanism === 'randomized-response') {
    if (Object.keys(r).length !== 4 || typeof r.category !== 'string' || r.category === '' || r.category.length > 64) throw invalid('a randomized-response report is exactly {category, mechanism, epsilon, period}, with a category of 1 to 64 characters');
    return { category: r.category, mechanism, epsilon, period };
  }
  throw invalid('"mechanism" must be "laplace" or "randomized-response"');
}
