/**
 * The thin edge every `databox` command runs through: parse argv by the spec, then print and
 * exit the same way everywhere. Exit status: 0 done (and `--help`); 1 refused or failed, with
 * the reason (a `DataboxError` as `[code] message - hint`; anything else as its message, one
 * line, never a stack); 2 bad arguments, with the command's usage.
 *
 * @example
 * export const main = (argv: string[], io?: CommandIO) => runCommand(SERVE, argv, async ({ values }, io) => {
 *   io.out(`serving ${values.data}`);
 *   return 0;
 * }, io);
 */
import { describeError, isDataboxError } from '../errors';
import { parseCommand } from './command.parse';
import { withFileVariables } from './env.files';
import type { CommandSpec, Env, OkOf } from './command.types';
import { listenFailure } from './ports';

export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
  env: Env;
}

export const processIO: CommandIO = {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
  env: process.env,
};

export type CommandHandler<S extends CommandSpec> = (parsed: OkOf<S>, io: CommandIO) => Promise<number | void> | number | void;

export async function runCommand<S extends CommandSpec>(spec: S, argv: readonly string[], handler: CommandHandler<S>, given: CommandIO = processIO): Promise<number> {
  let io = given;
  try {
    io = { ...given, env: withFileVariables(spec, given.env) };
  } catch (problem) {
    given.err(`${spec.name}: ${failureLine(problem)}`);
    return 1;
  }
  const parsed = parseCommand(spec, argv, io.env);
  if (parsed.kind === 'help') { io.out(parsed.text); return 0; }
  if (parsed.kind === 'error') { io.err(`${parsed.command}: ${parsed.message}\n\n${parsed.usage}`); return 2; }
  try {
    return (await handler(parsed, io)) ?? 0;
  } catch (problem) {
    io.err(`${parsed.command}: ${failureLine(problem)}`);
    return 1;
  }
}

/** What a person reads when a command fails: the DataboxError's code, message and hint, or the message alone. */
export function failureLine(problem: unknown): string {
  const known = isDataboxError(problem) ? problem : listenFailure(problem);
  if (known) return describeError(known);
  const message = problem instanceof Error ? problem.message : String(problem);
  return message.split('\n')[0] || 'failed';
}

/** Resolves at the first SIGTERM or SIGINT: how a service command waits until it is stopped. */
export function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve();
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
