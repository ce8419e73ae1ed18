/**
 * `databox up`: its arguments as a core/cli spec. Pure data.
 */
import { defineCommand, portOption, COMMAND_SUMMARIES, HOST_OPTION } from '../core/cli';
import { GITHUB_ENVIRONMENT } from '../editor/cli/studio.command';

export const UP_COMMAND = defineCommand({
  name: 'databox up',
  summary: COMMAND_SUMMARIES.up,
  description: 'Runs the studio, an app store and a personal box together on this machine, with their embedded defaults '
    + '(SQLite; process workspaces; the box\'s docker driver when a Docker engine answers, its process driver otherwise), '
    + 'the studio publishing to the store and the box installing from it. Prints the three URLs and, on the first start, the '
    + 'box\'s owner password. Ctrl-C (SIGINT) or SIGTERM stops all three, leaving no process or container behind.',
  options: {
    data: { type: 'string', value: '<dir>', default: './databox-data', description: 'one folder for all three: <dir>/studio, <dir>/store and <dir>/box (created if missing, owner only)' },
    host: HOST_OPTION,
    'studio-port': { ...portOption(8070), description: 'the studio\'s port; 0 lets the OS pick one' },
    'store-port': { ...portOption(8090), description: 'the app store\'s port; 0 lets the OS pick one' },
    'box-port': { ...portOption(8080), description: 'the box\'s port (its dashboard); 0 lets the OS pick one' },
    driver: { type: 'string', value: '<driver>', choices: ['docker', 'process'], defaultText: 'docker when an engine answers, else process', description: 'the box\'s container driver' },
  },
  environment: {
    DATABOX_PASSWORD: 'the box\'s owner password on its first start (made up and printed once when unset)',
    DATABOX_GITHUB_CLIENT_ID: GITHUB_ENVIRONMENT.DATABOX_GITHUB_CLIENT_ID,
    DATABOX_GITHUB_CLIENT_SECRET: GITHUB_ENVIRONMENT.DATABOX_GITHUB_CLIENT_SECRET,
    DATABOX_GITHUB_URL: GITHUB_ENVIRONMENT.DATABOX_GITHUB_URL,
    DATABOX_GITHUB_API_URL: `${GITHUB_ENVIRONMENT.DATABOX_GITHUB_API_URL} (the store reads it too)`,
  },
  notes: 'Without a GitHub app the studio\'s one local developer publishes with a store token this command mints once and keeps in '
    + '<dir>/studio/store.token. Each part also runs alone: databox studio, databox store serve, databox box start.',
});
