/**
 * `databox studio`: its arguments as a core/cli spec (parsing and `--help` from one
 * description). The GitHub app comes from the environment only: a client secret on a command
 * line would be in every process listing. Pure data.
 */
import { defineCommand, parseHttpUrl, portOption, COMMAND_SUMMARIES, HOST_OPTION } from '../../core/cli';
import { DataboxError } from '../../core/errors';

/** The studio's GitHub app, and a store token for a studio without one; `databox up` reads the same. */
export const GITHUB_ENVIRONMENT = {
  DATABOX_GITHUB_CLIENT_ID: 'the GitHub app\'s client id; with the secret, developers sign in with GitHub (without both: one local developer)',
  DATABOX_GITHUB_CLIENT_SECRET: 'the GitHub app\'s client secret',
  DATABOX_GITHUB_URL: 'GitHub\'s web base, for GitHub Enterprise (default https://github.com): <url>/login/oauth/authorize and /access_token',
  DATABOX_GITHUB_API_URL: 'GitHub\'s API base (default https://api.github.com): <url>/user',
  DATABOX_STORE_TOKEN: 'a store API token (from databox store token) a studio without GitHub sign-in publishes with',
} as const;

export const STUDIO_COMMAND = defineCommand({
  name: 'databox studio',
  summary: COMMAND_SUMMARIES.studio,
  description: 'Runs until SIGTERM or SIGINT. Developers sign in with GitHub (DATABOX_GITHUB_CLIENT_ID and DATABOX_GITHUB_CLIENT_SECRET; '
    + 'DATABOX_GITHUB_URL and DATABOX_GITHUB_API_URL for GitHub Enterprise); without a GitHub app the studio signs in one local '
    + 'developer. Each developer gets their own Node-RED editor at /workspace/, started on demand and stopped when idle.',
  options: {
    port: portOption(8070),
    host: HOST_OPTION,
    data: { type: 'string', value: '<dir>', default: './studio-data', description: 'the studio\'s data folder: its database (flows, versions, sessions), publisher keys and logs (created if missing, owner only)' },
    store: { type: 'string', value: '<url>', env: 'DATABOX_STORE_URL', parse: parseHttpUrl, description: 'the app store developers publish to' },
    'public-url': { type: 'string', value: '<url>', env: 'DATABOX_STUDIO_URL', parse: parseHttpUrl, defaultText: 'http://<host>:<port>', description: 'where browsers reach the studio, for GitHub\'s callback' },
    driver: {
      type: 'string', value: '<driver>', choices: ['process', 'docker', 'swarm'], default: 'process',
      description: 'process: each workspace a child process on 127.0.0.1, flow code not isolated from the studio (one developer on their own machine); '
        + 'docker: each workspace its own container on an internal network, holding no file of the studio (several developers); '
        + 'swarm: each workspace a Docker Swarm service on the internal overlay network DATABOX_SWARM_NETWORK, from the image DATABOX_WORKSPACE_IMAGE (a studio run as a Swarm service: deploy/stack.yml)',
    },
    'idle-minutes': { type: 'string', value: '<n>', default: '30', parse: parseMinutes, description: 'stop a workspace nobody used for this long' },
    'workspace-memory': { type: 'string', value: '<MB>', default: '256', parse: parseMegabytes, description: 'the heap limit of each workspace' },
  },
  environment: {
    ...GITHUB_ENVIRONMENT,
    DATABOX_SWARM_NETWORK: 'with --driver swarm: the internal overlay network the studio and its workspaces share (default databox-workspaces)',
    DATABOX_WORKSPACE_IMAGE: 'with --driver swarm: the workspace image every node can pull (default databox/studio-workspace:<version>)',
  },
});

function parseMinutes(text: string): number {
  const n = Number(text);
  if (!/^\d{1,5}$/.test(text) || n < 1) throw new DataboxError('minutes-invalid', 'give whole minutes, at least 1', { hint: 'e.g. --idle-minutes 30' });
  return n;
}

function parseMegabytes(text: string): number {
  const n = Number(text);
  if (!/^\d{2,5}$/.test(text) || n < 64) throw new DataboxError('megabytes-invalid', 'give megabytes, at least 64', { hint: 'e.g. --workspace-memory 256' });
  return n;
}
