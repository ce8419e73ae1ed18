/**
 * `databox build` arguments: parsed without side effects, refusing what it does not know.
 *
 * @example
 * parseBuildArgs(['flows.json', '--tab', 'Host load', '--out', 'app'])
 * // { kind: 'build', flows: 'flows.json', tab: 'Host load', out: 'app', image: false, labels: {}, moduleDirs: [] }
 */

export const BUILD_USAGE = `Usage: databox build <flows.json> [options]

Compiles one flow tab into a Databox app bundle: databox-manifest.json, Dockerfile,
flows.json and package.json (plus node_modules/ when the flow uses third-party node modules).

Options:
  --tab <id|label>     the tab to build (needed when the file has several tabs)
  --out <dir>          where to write the bundle (default: ./<app name>)
  --name <name>        the app name (default: the tab label as one lower-case word)
  --version <semver>   the app version (default: the tab's "version" env variable, else 0.1.0)
  --tarball <file>     also write the bundle as a deterministic .tar.gz
  --image              also build the app image with Docker, showing the build's progress
  --tag <image:tag>    the image tag with --image (default: databox/app-<name>:<version>)
  --label <key=value>  an extra image label with --image (repeatable)
  --modules <dir>      a node_modules folder with third-party node modules (repeatable;
                       default: the one beside the flows file and ./node_modules)
  --help               show this help

Exit status: 0 built; 1 refused (each problem is printed with the node's id, type and name);
2 bad arguments.`;

export interface BuildArgs {
  kind: 'build';
  flows: string;
  tab?: string;
  out?: string;
  name?: string;
  version?: string;
  tarball?: string;
  image: boolean;
  tag?: string;
  labels: Record<string, string>;
  moduleDirs: string[];
}

export type ParsedArgs = BuildArgs | { kind: 'help' } | { kind: 'error'; message: string };

const VALUED = new Set(['--tab', '--out', '--name', '--version', '--tarball', '--tag', '--modules', '--label']);
const LABEL = /^([a-z0-9][a-z0-9._-]{0,127})=(.{0,1024})$/s;

export function parseBuildArgs(argv: readonly string[]): ParsedArgs {
  const values = new Map<string, string>();
  const moduleDirs: string[] = [];
  const labels: Record<string, string> = {};
  const positional: string[] = [];
  let image = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    if (arg === '--image') { image = true; continue; }
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (VALUED.has(flag)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') return { kind: 'error', message: `${flag} needs a value` };
      if (flag === '--modules') moduleDirs.push(value);
      else if (flag === '--label') {
        const match = LABEL.exec(value);
        if (!match?.[1]) return { kind: 'error', message: `--label ${value}: use key=value with a lower-case key (letters, digits, ".", "_", "-")` };
        labels[match[1]] = match[2] ?? '';
      }
      else if (values.has(flag)) return { kind: 'error', message: `${flag} is given twice` };
      else values.set(flag, value);
      continue;
    }
    if (arg.startsWith('-')) return { kind: 'error', message: `unknown option ${arg}` };
    positional.push(arg);
  }
  if (positional.length !== 1 || positional[0] === undefined) {
    return { kind: 'error', message: positional.length === 0 ? 'give the flows file to build' : `give one flows file, not ${positional.length}` };
  }
  if (values.has('--tag') && !image) return { kind: 'error', message: '--tag only makes sense with --image' };
  if (Object.keys(labels).length > 0 && !image) return { kind: 'error', message: '--label only makes sense with --image' };
  const args: BuildArgs = { kind: 'build', flows: positional[0], image, labels, moduleDirs };
  const fields: [Exclude<keyof BuildArgs, 'kind' | 'flows' | 'image' | 'labels' | 'moduleDirs'>, string][] = [
    ['tab', '--tab'], ['out', '--out'], ['name', '--name'], ['version', '--version'], ['tarball', '--tarball'], ['tag', '--tag'],
  ];
  for (const [key, flag] of fields) {
    const value = values.get(flag);
    if (value !== undefined) args[key] = value;
  }
  return args;
}
