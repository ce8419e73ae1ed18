/**
 * docs/configuration.md: each component's flags and environment variables as one table,
 * generated from the command specs (`npm run docs:configuration` writes it; a test keeps it
 * current), so the page cannot drift from what the commands accept.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { configTable, type CommandSpec } from '../core/cli';
import { STUDIO_COMMAND } from '../editor/cli/studio.command';
import { APP_STORE_COMMAND } from '../store-app/cli/app-store.cli';
import { BOX_COMMAND } from '../box/cli/box.commands';
import { COLLECTOR_COMMAND } from '../collector/collector.cli';
import { UP_COMMAND } from '../stack/up.command';

export const CONFIGURATION_DOC = path.resolve(__dirname, '..', 'docs', 'configuration.md');

const sub = (spec: CommandSpec, word: string): CommandSpec => {
  const found = spec.subcommands?.[word];
  if (!found) throw new Error(`${spec.name} has no ${word}`);
  return found;
};

const SECTIONS: { title: string; spec: CommandSpec; more: string }[] = [
  { title: 'Everything on one machine: `databox up` (`npm start`)', spec: UP_COMMAND, more: 'stack/README.md' },
  { title: 'The studio: `databox studio`', spec: STUDIO_COMMAND, more: 'editor/README.md' },
  { title: 'The app store: `databox store serve`', spec: sub(APP_STORE_COMMAND, 'serve'), more: 'store-app/README.md' },
  { title: 'The personal box: `databox box start`', spec: sub(BOX_COMMAND, 'start'), more: 'box/README.md' },
  { title: 'A study collector: `databox collector serve`', spec: sub(COLLECTOR_COMMAND, 'serve'), more: 'collector/README.md' },
];

export function configurationDoc(): string {
  return [
    '# Configuration',
    '',
    '<!-- Generated from the command specs by `npm run docs:configuration`; edit the specs, not this file. -->',
    '',
    'Each component\'s flags and environment variables. A flag wins over its variable; an empty',
    'variable counts as unset. `--help` on any command says the same.',
    ...SECTIONS.flatMap(({ title, spec, more }) => ['', `## ${title}`, '', spec.summary.charAt(0).toUpperCase() + spec.summary.slice(1) + '.', '', configTable(spec), '', `More: [${more}](../${more}).`]),
    '',
  ].join('\n');
}

if (require.main === module) writeFileSync(CONFIGURATION_DOC, configurationDoc());
