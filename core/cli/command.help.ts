/**
 * A command's `--help` and usage, generated from its spec (so they list exactly what the
 * parser accepts). Pure.
 *
 * @example
 * helpText(SERVE)
 * // 'Usage: databox store serve --data <dir> [options]\n\nRun the app store.\n\nOptions:\n  --data <dir> ...'
 */
import type { CommandSpec, OptionSpec } from './command.types';

const WIDTH = 100;
const COLUMN = 26;

/** The usage lines alone (what a bad argument prints), and how to get the rest. */
export function usageText(spec: CommandSpec): string {
  const lines = usageLines(spec);
  const more = spec.subcommands
    ? `Run \`${spec.name} <${label(spec)}> --help\` for a ${label(spec)}'s options.`
    : `Run \`${spec.name} --help\` for every option.`;
  return `Usage: ${lines.join('\n       ')}\n${more}`;
}

export function helpText(spec: CommandSpec): string {
  const parts = [`Usage: ${usageLines(spec).join('\n       ')}`, sentence(spec.summary)];
  if (spec.description) parts.push(wrap(spec.description, WIDTH, ''));
  if (spec.subcommands) {
    const entries = Object.entries(spec.subcommands);
    parts.push(`${capital(label(spec))}s:\n${entries.map(([, sub]) => `  ${usageLines(sub)[0] ?? sub.name}\n${wrap(sub.summary, WIDTH, '      ')}`).join('\n')}`);
    parts.push(`Run \`${spec.name} <${label(spec)}> --help\` for a ${label(spec)}'s options.`);
  } else {
    if (spec.positionals && spec.positionals.length > 0) {
      parts.push(`Arguments:\n${spec.positionals.map((p) => row(`<${p.name}>${p.multiple ? '...' : ''}`, p.description)).join('\n')}`);
    }
    const options = Object.entries(spec.options).map(([flag, option]) => row(optionLabel(flag, option), optionDescription(option)));
    parts.push(`Options:\n${[...options, row('-h, --help', 'show this help')].join('\n')}`);
  }
  const environment = Object.entries(spec.environment ?? {});
  if (environment.length > 0) {
    parts.push(`Environment:\n${environment.map(([name, text]) => row(name, text)).join('\n')}`);
    parts.push(wrap('Any of these may be given as <NAME>_FILE, a file holding the value (a Docker secret: DATABASE_URL_FILE=/run/secrets/<name>).', WIDTH, ''));
  }
  if (spec.notes) parts.push(wrap(spec.notes, WIDTH, ''));
  return parts.join('\n\n');
}

export function usageLines(spec: CommandSpec): readonly string[] {
  if (spec.usage) return spec.usage;
  if (spec.subcommands) return [`${spec.name} <${label(spec)}> [options]`];
  const words = [spec.name];
  for (const p of spec.positionals ?? []) {
    const name = `<${p.name}>${p.multiple ? '...' : ''}`;
    words.push(p.required ? name : `[${name}]`);
  }
  for (const [flag, option] of Object.entries(spec.options)) {
    if (option.required) words.push(`--${flag} ${option.value ?? '<value>'}`);
  }
  if (Object.values(spec.options).some((o) => !o.required)) words.push('[options]');
  return [words.join(' ')];
}

/** `--port <port>`, `-t, --tab <id>`, `--image`. */
export function optionLabel(flag: string, option: OptionSpec): string {
  const short = option.short ? `-${option.short}, ` : '';
  return `${short}--${flag}${option.type === 'string' ? ` ${option.value ?? '<value>'}` : ''}`;
}

/** The description, then what the spec says about the value in brackets: `(full or normal; default full)`. */
export function optionDescription(option: OptionSpec): string {
  const facts: string[] = [];
  if (option.required) facts.push('required');
  if (option.choices) facts.push(oneOf(option.choices));
  if (option.env) facts.push(`or $${option.env}`);
  const shown = option.defaultText ?? option.default;
  if (shown !== undefined) facts.push(`default: ${shown}`);
  if (option.multiple) facts.push('repeatable');
  if (option.requires) facts.push(`needs --${option.requires}`);
  return facts.length > 0 ? `${option.description} (${facts.join('; ')})` : option.description;
}

/** `a`, `a or b`, `a, b or c`. */
export function oneOf(choices: readonly string[]): string {
  return choices.length <= 1 ? (choices[0] ?? '') : `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}`;
}

function row(left: string, text: string): string {
  const head = `  ${left}`;
  const indent = ' '.repeat(COLUMN);
  if (head.length + 1 >= COLUMN) return `${head}\n${wrap(text, WIDTH, indent)}`;
  return `${head.padEnd(COLUMN)}${wrap(text, WIDTH, indent).slice(COLUMN)}`;
}

/** Words wrapped at `width`, every line (the first too) starting with `indent`; blank lines kept. */
export function wrap(text: string, width: number, indent: string): string {
  return text.split('\n').map((paragraph) => {
    const lines: string[] = [];
    let line = '';
    for (const word of paragraph.split(/ +/).filter((w) => w !== '')) {
      if (line !== '' && indent.length + line.length + 1 + word.length > width) { lines.push(line); line = word; }
      else line = line === '' ? word : `${line} ${word}`;
    }
    lines.push(line);
    return lines.map((l) => (l === '' ? '' : `${indent}${l}`)).join('\n');
  }).join('\n');
}

function label(spec: CommandSpec): string {
  return spec.subcommandLabel ?? 'command';
}

function capital(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function sentence(text: string): string {
  return `${capital(text)}${/[.!?]$/.test(text) ? '' : '.'}`;
}
