/**
 * The one error type every part of Databox raises for a refusal a person can act on.
 * `code` is stable (tests and clients match on it), `status` is the HTTP status a server
 * answers with, `message` says what is wrong and `hint` what to do next. Flow errors name
 * the node, so the editor can select it.
 *
 * @example
 * throw new DataboxError('export-url-invalid', 'export node has no valid URL', {
 *   status: 400, hint: 'Set an https:// URL in the export node', node: { id, type, name } });
 */
export interface NodeRef {
  id: string;
  type: string;
  name?: string;
}

export interface DataboxErrorOptions {
  status?: number;
  hint?: string;
  node?: NodeRef;
  cause?: unknown;
}

export class DataboxError extends Error {
  readonly code: string;
  readonly status: number;
  readonly hint: string | undefined;
  readonly node: NodeRef | undefined;

  constructor(code: string, message: string, options: DataboxErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DataboxError';
    this.code = code;
    this.status = options.status ?? 400;
    this.hint = options.hint;
    this.node = options.node;
  }

  /** The JSON body a server sends: never a stack trace. */
  toJSON(): { error: { code: string; message: string; hint?: string; node?: NodeRef } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.hint ? { hint: this.hint } : {}),
        ...(this.node ? { node: this.node } : {}),
      },
    };
  }
}

/** A one-line, human-readable form: `[code] message (node id type "name") - hint`. */
export function describeError(error: DataboxError): string {
  const node = error.node ? ` (node ${error.node.id} ${error.node.type}${error.node.name ? ` "${error.node.name}"` : ''})` : '';
  const hint = error.hint ? ` - ${error.hint}` : '';
  return `[${error.code}] ${error.message}${node}${hint}`;
}

export function isDataboxError(value: unknown): value is DataboxError {
  return value instanceof DataboxError;
}
