/**
 * argv -> help, a bad-argument message, or typed values, by a command's spec. Pure: the
 * environment comes in as an argument. Built on node:util `parseArgs` (strict): `--flag value`
 * and `--flag=value`, `-x` for a declared short name, `--` ends the options.
 *
 * @example
 * parseCommand(BUILD, ['flows.json', '--tab', 'Host load'])
 * // { kind: 'ok', command: 'databox build', subcommand: undefined, values: { tab: 'Host load', image: false, ... }, positionals: ['flows.json'] }
 * parseCommand(BUILD, ['--colour', 'red'])
 * // { kind: 'error', command: 'databox build', message: 'unknown option --colour', usage: 'Usage: databox build ...' }
 */
import { parseArgs } from 'node:util';
import { isDataboxError } from '../errors';
import { helpText, oneOf, usageText } from './command.help';
import type { CommandSpec, Env, OptionSpec, ParseResult } from './command.types';

type Internal =
  | { kind: 'help'; command: string; text: string }
  | { kind: 'error'; command: string; message: string; usage: string }
  | { kind: 'ok'; command: string; subcommand: string | undefined; values: Record<string, unknown>; positionals: string[] };

export function parseCommand<S extends CommandSpec>(spec: S, argv: readonly string[], env: Env = {}): ParseResult<S> {
  // The one cast: `parse` builds exactly the values the spec's types describe.
  return parse(spec, argv, env) as ParseResult<S>;
}

function parse(spec: CommandSpec, argv: readonly string[], env: Env): Internal {
  const subcommands = spec.subcommands;
  if (!subcommands) return parseLeaf(spec, argv, env);
  const label = spec.subcommandLabel ?? 'command';
  const names = oneOf(Object.keys(subcommands));
  const [word, ...rest] = argv;
  if (word === undefined) return error(spec, `give a ${label}: ${names}`);
  if (word === 'help' || isHelpFlag(word)) return help(spec);
  const sub = Object.hasOwn(subcommands, word) ? subcommands[word] : undefined;
  if (!sub) return error(spec, word.startsWith('-') ? `give a ${label} (${names}) before the options` : `unknown ${label} "${word}" (give ${names})`);
  const result = parse(sub, rest, env);
  return result.kind === 'ok' ? { ...result, subcommand: word } : result;
}

function parseLeaf(spec: CommandSpec, argv: readonly string[], env: Env): Internal {
  const config: Record<string, { type: 'string' | 'boolean'; multiple: true; short?: string }> = {
    help: { type: 'boolean', multiple: true, short: 'h' },
  };
  for (const [flag, option] of Object.entries(spec.options)) {
    config[flag] = { type: option.type, multiple: true, ...(option.short ? { short: option.short } : {}) };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: config, strict: true, allowPositionals: true });
  } catch (problem) {
    const terminator = argv.indexOf('--');
    if ((terminator < 0 ? argv : argv.slice(0, terminator)).some(isHelpFlag)) return help(spec);
    return error(spec, argumentMessage(problem));
  }
  if (parsed.values.help !== undefined) return help(spec);

  const values: Record<string, unknown> = {};
  const given = new Set<string>();
  for (const [flag, option] of Object.entries(spec.options)) {
    const raw = parsed.values[flag];
    const typed = Array.isArray(raw) ? raw : [];
    if (option.type === 'boolean') {
      values[flag] = typed.length > 0;
      if (typed.length > 0) given.add(flag);
      continue;
    }
    const texts = typed.filter((t): t is string => typeof t === 'string');
    if (texts.length > 1 && !option.multiple) return error(spec, `--${flag} is given more than once`);
    if (texts.some((t) => t === '')) return error(spec, `--${flag} needs a value`);
    let source = `--${flag}`;
    if (texts.length > 0) given.add(flag);
    else if (option.env !== undefined && (env[option.env] ?? '') !== '') {
      texts.push(env[option.env] ?? '');
      source = `$${option.env}`;
      given.add(flag);
    } else if (option.default !== undefined) texts.push(option.default);
    else if (option.required) return error(spec, `--${flag} ${option.value ?? '<value>'} is required${option.env ? ` (or set $${option.env})` : ''}`);
    const read: unknown[] = [];
    for (const text of texts) {
      const value = readValue(source, text, option);
      if (value.kind === 'error') return error(spec, value.message);
      read.push(value.value);
    }
    values[flag] = option.multiple ? read : read[0];
  }
  for (const flag of given) {
    const needs = spec.options[flag]?.requires;
    if (needs !== undefined && !given.has(needs)) return error(spec, `--${flag} needs --${needs}`);
  }

  const positionals = parsed.positionals;
  const declared = spec.positionals ?? [];
  const missing = declared.slice(positionals.length).find((p) => p.required);
  if (missing) return error(spec, `give <${missing.name}>: ${missing.description}`);
  const room = declared.some((p) => p.multiple) ? Infinity : declared.length;
  if (positionals.length > room) return error(spec, `unexpected argument "${positionals[room] ?? ''}"`);
  return { kind: 'ok', command: spec.name, subcommand: undefined, values, positionals };
}

function readValue(source: string, text: string, option: OptionSpec): { kind: 'ok'; value: unknown } | { kind: 'error'; message: string } {
  if (option.choices && !option.choices.includes(text)) return { kind: 'error', message: `${source} ${text}: use ${oneOf(option.choices)}` };
  if (!option.parse) return { kind: 'ok', value: text };
  try {
    return { kind: 'ok', value: option.parse(text) };
  } catch (problem) {
    if (!isDataboxError(problem)) throw problem;
    return { kind: 'error', message: `${source} ${text}: ${problem.message}${problem.hint ? ` - ${problem.hint}` : ''}` };
  }
}

/** node:util's parseArgs messages, said shortly (`unknown option --colour`, `--tab needs a value`). */
function argumentMessage(problem: unknown): string {
  const message = problem instanceof Error ? problem.message : String(problem);
  const code = typeof problem === 'object' && problem !== null && 'code' in problem ? problem.code : undefined;
  // `Option '-i, --image' does not ...`, `Option '--tab <value>' argument missing`, `Unknown option '-x'`
  const quoted = (/'(-[^']*)'/.exec(message)?.[1] ?? '').split(/[ ,]+/).filter((word) => word.startsWith('-'));
  const named = quoted.find((word) => word.startsWith('--')) ?? quoted[0] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${named}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (message.includes('does not take an argument')) return `${named} takes no value`;
    if (message.includes('ambiguous')) return `${named} needs a value (to give one that starts with "-", write ${named}=<value>)`;
    return `${named} needs a value`;
  }
  return message.split('\n')[0] ?? message;
}

function isHelpFlag(arg: string): boolean {
  return arg === '--help' || arg === '-h';
}

function help(spec: CommandSpec): Internal {
  return { kind: 'help', command: spec.name, text: helpText(spec) };
}

function error(spec: CommandSpec, message: string): Internal {
  return { kind: 'error', command: spec.name, message, usage: usageText(spec) };
}
