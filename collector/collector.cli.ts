/**
 * `databox collector serve --data <dir> [--port <p>] [--host <h>] [--study <name>=<spec>]...`
 * runs a study collector until SIGTERM or SIGINT.
 */
import { defineCommand, portOption, runCommand, untilStopped, COMMAND_SUMMARIES, HOST_OPTION, type CommandIO } from '../core/cli';
import { DataboxError } from '../core/errors';
import { privacyProblems } from '../core/privacy/privacy.validate';
import type { PrivacySpec } from '../core/privacy/privacy.types';
import { STUDY_NAME } from './collector.report';
import { readStudySpec } from './collector.study';
import { startCollector } from './collector.server';

function parseStudy(text: string): [string, PrivacySpec] {
  const at = text.indexOf('=');
  const study = at > 0 ? text.slice(0, at) : '';
  const spec = readStudySpec(text.slice(at + 1));
  const problems = spec === undefined ? [{ field: '', message: 'must start with laplace: or randomized-response:' }] : privacyProblems(spec, '');
  if (!STUDY_NAME.test(study) || problems.length > 0) {
    throw new DataboxError('study-invalid', `"${text}" is not <study>=<spec>${problems.length ? ` (${problems.map((p) => `${p.field.replace(/^\./, '')} ${p.message}`.trim()).join('; ')})` : ''}`, {
      hint: 'Write the spec the app\'s databox-private-export node declares: temp=laplace:1:day:0:40:°C, or presence=randomized-response:2:hour:home,away,asleep (a study name is lower-case letters, digits, "-" or "_").',
    });
  }
  return [study, spec as PrivacySpec];
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
        study: {
          type: 'string', value: '<study>=<spec>', multiple: true, parse: parseStudy,
          description: 'declare a study: it then takes only reports of this spec, laplace:<epsilon>:<day|hour>:<lo>:<hi>[:<unit>] (a value on the bounds\' grid, within the noise\'s reach) or randomized-response:<epsilon>:<day|hour>:<a>,<b>,... (a listed answer; shares need it). An undeclared study is fixed by its first report',
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
    const { data, port, host, study } = parsed.values;
    const collector = await startCollector({ dataDir: data, port, host, studies: Object.fromEntries(study) });
    io.out(`Databox study collector listening on ${collector.url} (reports in ${data}/collector.db)`);
    await untilStopped();
    await collector.close();
    return 0;
  }, io);
}
