/**
 * A `databox` command described as data: what it is, the arguments and options it takes, its
 * sub-commands. `parseCommand` reads argv with it and `helpText` prints it, so what a command
 * accepts and what its help says come from one place (docs/decisions/0013-one-cli.md).
 *
 * @example
 * const SERVE = defineCommand({
 *   name: 'databox store serve', summary: 'run the app store',
 *   options: { data: { type: 'string', value: '<dir>', required: true, description: 'the store\'s data directory' } },
 * });
 */

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** One sentence (or a few) a person reads in `--help`: what it does, its unit. */
  readonly description: string;
  /** The value's placeholder in help and usage, e.g. `<dir>` (string options; default `<value>`). */
  readonly value?: string;
  /** Used when the option is not given (nor its `env`), read as if typed (through `choices` and `parse`). */
  readonly default?: string;
  /** How help shows the default when it is worked out at run time (or reads better in words). */
  readonly defaultText?: string;
  /** An environment variable read when the option is not given (empty counts as not set). */
  readonly env?: string;
  /** May be given several times; the value is then an array (empty when not given). */
  readonly multiple?: boolean;
  readonly required?: boolean;
  /** A one-letter alias, without the dash. */
  readonly short?: string;
  /** The only values allowed. */
  readonly choices?: readonly string[];
  /** Another option (by name) this one is only accepted with. */
  readonly requires?: string;
  /** Reads the text into the value; throws a `DataboxError` when it is not acceptable. */
  readonly parse?: (text: string) => unknown;
}

export interface PositionalSpec {
  /** Shown as `<name>`. */
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
  /** Takes every remaining argument (last positional only). */
  readonly multiple?: boolean;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export interface CommandSpec {
  /** The full command as typed: `databox box arbiter`. */
  readonly name: string;
  /** One line, lower case, no full stop: shown in the parent's list and under the usage. */
  readonly summary: string;
  /** Usage lines (without `Usage:`); default: built from the positionals and required options. */
  readonly usage?: readonly string[];
  /** Paragraphs shown after the summary. */
  readonly description?: string;
  readonly positionals?: readonly PositionalSpec[];
  /** Every option but `--help`/`-h`, which every command has. */
  readonly options: OptionSpecs;
  /** Sub-commands by the word that selects them (one level). */
  readonly subcommands?: Readonly<Record<string, CommandSpec>>;
  /** What a sub-command is called in messages and usage (`service`); default `command`. */
  readonly subcommandLabel?: string;
  /** Variables read only from the environment (secrets stay off the command line), each with what it sets. */
  readonly environment?: Readonly<Record<string, string>>;
  /** Shown last in the help, e.g. the exit status. */
  readonly notes?: string;
}

type ParsedText<O> = O extends { readonly parse: (text: string) => infer T } ? T
  : O extends { readonly choices: readonly (infer C extends string)[] } ? C
    : string;

/** The value an option has after parsing. */
export type OptionValue<O extends OptionSpec> =
  O extends { readonly type: 'boolean' } ? boolean
    : O extends { readonly multiple: true } ? ParsedText<O>[]
      : O extends { readonly required: true } | { readonly default: string } ? ParsedText<O>
        : ParsedText<O> | undefined;

export type Values<S extends CommandSpec> = { -readonly [K in keyof S['options']]: OptionValue<S['options'][K]> };

export interface CommandOk<S extends CommandSpec, Sub extends string | undefined = undefined> {
  kind: 'ok';
  /** The command that was parsed (the sub-command's full name when there is one). */
  command: string;
  subcommand: Sub;
  values: Values<S>;
  positionals: string[];
}

/** For a command with sub-commands, one `ok` shape per sub-command, told apart by `subcommand`. */
export type OkOf<S extends CommandSpec> = S extends { readonly subcommands: infer Subs extends Readonly<Record<string, CommandSpec>> }
  ? { [K in keyof Subs & string]: CommandOk<Subs[K], K> }[keyof Subs & string]
  : CommandOk<S>;

export type ParseResult<S extends CommandSpec> =
  | { kind: 'help'; command: string; text: string }
  | { kind: 'error'; command: string; message: string; usage: string }
  | OkOf<S>;

/** Environment variables, for options' `env` fallbacks. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Keeps the spec's literal types (so values are typed from it) and checks it is a spec.
 *
 * @example
 * const BUILD = defineCommand({ name: 'databox build', summary: '...', options: { image: { type: 'boolean', description: '...' } } });
 */
export function defineCommand<const S extends CommandSpec>(spec: S): S {
  return spec;
}
