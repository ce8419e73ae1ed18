/**
 * Node-RED reports a flow that cannot start (unknown node types, most often) as a
 * `runtime-event` and then waits forever; the launcher turns that into a DataboxError and
 * exits instead of serving a page that never fills. Pure.
 *
 * @example
 * runtimeStateProblem({ id: 'runtime-state', payload: { error: 'missing-types', types: ['mqtt in'] } })
 * // DataboxError launcher-missing-types
 */
import { DataboxError } from '../../core/errors';

export function runtimeStateProblem(event: unknown): DataboxError | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const { id, payload } = event as { id?: unknown; payload?: unknown };
  if (id !== 'runtime-state' || typeof payload !== 'object' || payload === null) return undefined;
  const { error, types } = payload as { error?: unknown; types?: unknown };
  if (typeof error !== 'string' || error === '') return undefined;
  if (error === 'missing-types') {
    const names = Array.isArray(types) ? types.filter((t): t is string => typeof t === 'string') : [];
    return new DataboxError('launcher-missing-types', `The flow uses node types this runtime does not have: ${names.join(', ') || 'unknown'}.`, {
      status: 500, hint: 'Build the app with `databox build`, which packs the third-party node modules a flow uses into the bundle (modules/*.tgz); the image build installs them into /app/node_modules.' });
  }
  return new DataboxError('launcher-flows-stopped', `Node-RED stopped the flows: ${error}.`, { status: 500, hint: 'See the log above for what Node-RED reported.' });
}
