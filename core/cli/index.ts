/**
 * One way for every `databox` command to declare, parse and explain its arguments
 * (docs/decisions/0013-one-cli.md): a spec as data, `parseCommand` and `helpText` over it,
 * `runCommand` for the exit codes, and the shared `--port`/`--host` options.
 */
export { defineCommand, type CommandSpec, type OptionSpec, type PositionalSpec, type Values, type ParseResult, type OkOf, type Env } from './command.types';
export { parseCommand } from './command.parse';
export { helpText, usageText } from './command.help';
export { configTable } from './command.table';
export { runCommand, failureLine, untilStopped, processIO, type CommandIO, type CommandHandler } from './command.run';
export { parsePort, portOption, HOST_OPTION, listenFailure } from './ports';
export { parseHttpUrl } from './values';
export { COMMAND_SUMMARIES } from './commands';
