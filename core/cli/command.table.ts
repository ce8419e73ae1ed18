/**
 * A command's configuration as one Markdown table (flags and environment variables), generated
 * from its spec like its `--help`, so docs/configuration.md says what the parser accepts. Pure.
 *
 * @example
 * configTable(UP_COMMAND)
 * // '| flag | environment | default | what it sets |\n|---|---|---|---|\n| `--data <dir>` | | `./databox-data` | one folder ... |'
 */
import { oneOf, optionLabel } from './command.help';
import type { CommandSpec } from './command.types';

export function configTable(spec: CommandSpec): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\n/g, ' ');
  const code = (text: string) => `\`${text}\``;
  const rows = Object.entries(spec.options).map(([flag, option]) => {
    const facts = [option.required ? 'required' : '', option.choices ? oneOf(option.choices) : '', option.multiple ? 'repeatable' : '', option.requires ? `needs --${option.requires}` : ''].filter(Boolean);
    const shown = option.defaultText ?? option.default;
    const fallback = shown === undefined ? '' : option.defaultText === undefined ? code(shown) : shown;
    return `| ${code(optionLabel(flag, option))} | ${option.env ? code(option.env) : ''} | ${cell(fallback)} | ${cell(`${option.description}${facts.length ? ` (${facts.join('; ')})` : ''}`)} |`;
  });
  const environment = Object.entries(spec.environment ?? {}).map(([name, text]) => `| | ${code(name)} | | ${cell(text)} |`);
  return ['| flag | environment | default | what it sets |', '|---|---|---|---|', ...rows, ...environment].join('\n');
}
