/**
 * `databox collector serve --data <dir> [--port <p>] [--host <h>] [--categories <study>=<a,b,...>]...`
 * runs a study collector until SIGTERM or SIGINT.
 */
import { defineCommand, portOption, runCommand, untilStopped, COMMAND_SUMMARIES, HOST_OPTION, type CommandIO } from '../core/cli';
import { DataboxError } from '../core/errors';
import { STUDY_NAME } from './collector.report';
import { startCollector } from './collector.server';

function parseCategories(text: string): [string, string[]] {
  const at = text.indexOf('=');
  const study = at > 0 ? text.slice(0, at) : '';
  const categories = text.slice(at + 1).split(',').map((c) => c.trim()).filter((c) => c !== '');
  if (!STUDY_NAME.test(study) || categories.length < 2 || new Set(categories).size !== categories.length) {
    throw new DataboxError('categories-invalid', `"${text}" is not <study>=<category>,<category>,...`, { hint: 'Name the study and list at least two distinct categories, as the app\'s databox-private-export node does, e.g. presence=home,away,asleep' });
  }
  return [study, categories];
}

export const COLLECTOR_COMMAND = defineCommand({
  name: 'databox collector',
  summary: COMMAND_SUMMARIES.collector,
  options: {},
  subcommands: {
    serve: {
      name: 'databox collector serve',
      summary: 'run the collector until SIGTERM or SIGINT; it prints the URL it listens on',
      description: 'Boxes POST their noisy reports to /studies/<study>/reports (the URL a databox-private-export node names); each export id counts once. '
        + 'GET /api/studies/<study> answers {reports, estimate, low, high} (a 95% interval); / lists the studies and /studies/<study> draws one.',
      options: {
        data: { type: 'string', value: '<dir>', required: true, description: 'the collector\'s data directory: collector.db (SQLite, every report); created when missing' },
        port: portOption(8090),
        host: HOST_OPTION,
        categories: {
          type: 'string', value: '<study>=<a,b,...>', multiple: true, parse: parseCategories,
          description: 'the categories of a randomized-response study (its shares are over these); without it, the categories reported so far',
        },
      },
    },
  },
});

/**
 * @example
 * await main(['serve', '--data', '/var/lib/databox-collector', '--port', '8090']);
 */
export function main(argv: string[], io?: CommandIO): Promise<number> {
  return runCommand(COLLECTOR_COMMAND, argv, async (parsed, io) => {
    const { data, port, host, categories } = parsed.values;
    const collector = await startCollector({ dataDir: data, port, host, categories: Object.fromEntries(categories) });
    io.out(`Databox study collector listening on ${collector.url} (reports in ${data}/collector.db)`);
    await untilStopped();
    await collector.close();
    return 0;
  }, io);
}
