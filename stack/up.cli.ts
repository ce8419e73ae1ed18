/**
 * `databox up`: the studio, an app store and a personal box together until Ctrl-C, with the
 * three URLs (and the box's first-start password) printed once they all serve.
 *
 * @example
 * process.exitCode = await main(['--data', './databox-data']);
 */
import path from 'node:path';
import { runCommand, untilStopped, type CommandIO } from '../core/cli';
import { chooseDriver } from '../box/cli/box.driver-choice';
import { githubFromEnv } from '../editor/auth/github.env';
import { UP_COMMAND } from './up.command';
import { startStack } from './up';
import { sdkRoot } from '../core/sdk-root';

const ROOT = sdkRoot(__dirname, 1);

export function main(argv: string[], io?: CommandIO): Promise<number> {
  return runCommand(UP_COMMAND, argv, async ({ values }, io) => {
    const { app: github, warning } = githubFromEnv(io.env);
    if (warning) io.err(`databox up: ${warning}`);
    const driver = values.driver === 'docker' || values.driver === 'process' ? values.driver : await chooseDriver(io);
    io.out(`databox up: starting an app store, a personal box (${driver} driver) and the studio in ${path.resolve(values.data)}`);
    const stack = await startStack({
      dataDir: values.data, host: values.host, driver, root: ROOT,
      ports: { studio: values['studio-port'], store: values['store-port'], box: values['box-port'] },
      ...(github ? { github } : {}), ...(io.env.DATABOX_PASSWORD ? { password: io.env.DATABOX_PASSWORD } : {}),
      log: (line) => io.out(`  ${line}`),
    });
    const { studio, store, box } = stack;
    io.out('');
    io.out(`  Studio     ${studio.url}/   (${github ? 'sign in with GitHub' : 'the one local developer, no sign-in'}; build and publish apps)`);
    io.out(`  App store  ${store.url}/   (what the studio publishes)`);
    io.out(`  Box        ${box.url}/   (install and run apps; ${box.isolated ? 'each in its own container' : 'process driver: NO isolation between components, for development only'})`);
    if (box.generatedPassword) io.out(`  Owner password (shown this once; keep it): ${box.generatedPassword}`);
    else io.out('  Owner password: the one set on the box\'s first start');
    io.out('');
    io.out('databox up: ready. Ctrl-C stops all three.');
    await untilStopped();
    io.out('databox up: stopping the studio, the box and the store');
    await stack.close();
    io.out('databox up: stopped');
    return 0;
  }, io);
}
