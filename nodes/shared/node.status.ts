/**
 * Status dots and error reporting shared by the Databox nodes: one look for "working",
 * "idle", "would send" and "failed", a short text for any value, and a throttle so a node
 * moving thousands of messages a second does not flood the editor with status events.
 *
 * @example
 * const status = throttledStatus(node, 500);
 * status({ fill: 'green', shape: 'dot', text: shortText(0.73) });
 */
import { DataboxError, describeError } from '../../core/errors';
import type { Node, NodeStatus } from '../red.types';

const MAX_TEXT = 32;

/** A value as a status line: numbers and strings as they are, objects as compact JSON. */
export function shortText(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** Any thrown value as an Error (DataboxErrors stay themselves, with code and hint). */
export function asError(error: unknown): Error {
  if (error instanceof Error) return error;
  return new Error(String(error));
}

export function errorStatus(error: unknown): NodeStatus {
  const text = error instanceof DataboxError ? error.code : asError(error).message;
  return { fill: 'red', shape: 'ring', text: shortText(text) };
}

export interface ThrottledStatus {
  (status: NodeStatus): void;
  /** Drops a pending status (call on close). */
  stop(): void;
}

/** Sets the status at most once per `everyMs`; the latest one is shown when the window passes. */
export function throttledStatus(node: Node, everyMs: number): ThrottledStatus {
  let last = 0;
  let pending: NodeStatus | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    if (!pending) return;
    last = Date.now();
    node.status(pending);
    pending = undefined;
  };
  const set = (status: NodeStatus) => {
    const now = Date.now();
    if (!timer && now - last >= everyMs) {
      last = now;
      node.status(status);
      return;
    }
    pending = status;
    timer ??= setTimeout(flush, Math.max(0, everyMs - (now - last)));
  };
  return Object.assign(set, {
    stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      pending = undefined;
    },
  });
}

/** Refuses a misconfigured node: red status, one error at deploy, each input failed with it. */
export function refuseNode(node: Node, error: unknown): void {
  const failure = asError(error);
  node.status(errorStatus(failure));
  node.error(logText(failure));
  node.on('input', (_msg, _send, done) => done(failure));
}

/** The text a log line gets: a DataboxError with its code, node and hint. */
export function logText(error: Error): string {
  return error instanceof DataboxError ? describeError(error) : error.message;
}

/** Fails one input message: red status, and `done` with an error whose text carries code and hint. */
export function failInput(node: Node, done: (error?: Error) => void, error: unknown): void {
  const failure = asError(error);
  node.status(errorStatus(failure));
  done(failure instanceof DataboxError ? new Error(logText(failure), { cause: failure }) : failure);
}
