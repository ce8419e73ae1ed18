/**
 * `databox build`: its arguments as a command spec (core/cli), so the parser and `--help`
 * come from this one description.
 *
 * @example
 * parseCommand(BUILD_COMMAND, ['flows.json', '--tab', 'Host load', '--out', 'app'])
 * // { kind: 'ok', positionals: ['flows.json'], values: { tab: 'Host load', out: 'app', image: false, label: [], modules: [], ... } }
 */
import { defineCommand, COMMAND_SUMMARIES } from '../../core/cli';
import { DataboxError } from '../../core/errors';

const LABEL = /^([a-z0-9][a-z0-9._-]{0,127})=(.{0,1024})$/s;

/** `key=value` -> `[key, value]`: an image label (lower-case key, as Docker's convention). */
export function parseLabel(text: string): [string, string] {
  const match = LABEL.exec(text);
  if (!match?.[1]) {
    throw new DataboxError('label-invalid', 'use key=value with a lower-case key (letters, digits, ".", "_", "-")', { hint: 'e.g. --label org.example.team=garden' });
  }
  return [match[1], match[2] ?? ''];
}

export const BUILD_COMMAND = defineCommand({
  name: 'databox build',
  summary: COMMAND_SUMMARIES.build,
  description: 'The bundle is databox-manifest.json, Dockerfile, flows.json and package.json, plus modules/<name>-<version>.tgz '
    + '(an npm pack tarball) for each third-party node module the flow uses and each of its dependencies.',
  positionals: [{ name: 'flows.json', description: 'the flows file exported from Node-RED', required: true }],
  options: {
    tab: { type: 'string', value: '<id|label>', description: 'the tab to build, by id or label (needed when the file has several tabs)' },
    out: {
      type: 'string', value: '<dir>',
      defaultText: './<app name>',
      description: 'where to write the bundle: a new or empty folder, or one a previous build wrote',
    },
    name: { type: 'string', value: '<name>', defaultText: 'the tab label as one lower-case word', description: 'the app name' },
    version: { type: 'string', value: '<semver>', defaultText: 'the tab\'s "version" env variable, else 0.1.0', description: 'the app version' },
    tarball: { type: 'string', value: '<file>', description: 'also write the bundle as a deterministic .tar.gz' },
    image: { type: 'boolean', description: 'also build the app image with Docker, showing the build\'s progress' },
    tag: { type: 'string', value: '<image:tag>', requires: 'image', defaultText: 'databox/app-<name>:<version>', description: 'the image tag' },
    label: { type: 'string', value: '<key=value>', multiple: true, requires: 'image', parse: parseLabel, description: 'an extra label on the image' },
    modules: {
      type: 'string', value: '<dir>', multiple: true,
      defaultText: 'the one beside the flows file, and ./node_modules',
      description: 'a node_modules folder with third-party node modules',
    },
  },
  notes: 'Exit status: 0 built; 1 refused (each problem is printed with the node\'s id, type and name); 2 bad arguments.',
});
