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

/** Node-RED's numeric level for an error (its Log.ERROR). */
const LOG_ERROR = 20;

/**
 * A node that could not be created as the flows started: Node-RED logs the exception its
 * constructor threw (an Error object, with the node's id and type) and starts the flows without
 * it, so the app would look healthy with part of its flow missing. Errors a node reports itself
 * (`node.error("text")`, an unbound source, say) are text, and not counted. Pure.
 *
 * @example
 * nodeStartFailure({ level: 20, id: 'f1', type: 'function', msg: new SyntaxError('Unexpected token') })
 * // 'function node f1: Unexpected token'
 */
export function nodeStartFailure(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { level, id, type, msg } = entry as { level?: unknown; id?: unknown; type?: unknown; msg?: unknown };
  if (level !== LOG_ERROR || !(msg instanceof Error)) return undefined;
  const who = typeof type === 'string' && typeof id === 'string' ? `${type} node ${id}` : 'a node';
  return `${who}: ${msg.message}`.slice(0, 500);
}
