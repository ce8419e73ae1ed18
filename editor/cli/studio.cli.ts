/**
 * `databox studio ...`: runs the studio until stopped, and says how developers sign in and
 * whether their flow code is isolated.
 *
 * @example
 * process.exitCode = await main(['--port', '8070', '--data', '/var/lib/databox-studio', '--store', 'http://127.0.0.1:8090']);
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { runCommand, untilStopped, type CommandIO } from '../../core/cli';
import { githubFromEnv } from '../auth/github.env';
import { startStudio } from '../server/studio.server';
import { dockerDriver } from '../workspaces/docker.driver';
import { STUDIO_COMMAND } from './studio.command';

const ROOT = path.resolve(__dirname, '..', '..');

export function main(argv: string[], io?: CommandIO): Promise<number> {
  return runCommand(STUDIO_COMMAND, argv, async ({ values }, io) => {
    const { app: github, warning } = githubFromEnv(io.env);
    if (warning) io.err(`databox studio: ${warning}`);
    const dataDir = path.resolve(values.data ?? './studio-data');
    const workspaceMemoryMb = values['workspace-memory'] as number;
    // One studio's containers and network, named and labelled by its data folder.
    const studioId = createHash('sha256').update(dataDir).digest('hex').slice(0, 10);
    const studio = await startStudio({
      dataDir,
      ...(values.driver === 'docker' ? { driver: dockerDriver({ studioId, root: ROOT, memoryMb: workspaceMemoryMb }) } : {}),
      port: values.port,
      host: values.host,
      root: ROOT,
      ...(values['public-url'] ? { publicUrl: values['public-url'] as string } : {}),
      ...(github ? { github } : {}),
      ...(values.store ? { storeUrl: values.store as string } : {}),
      ...(io.env.DATABOX_STORE_TOKEN ? { storeToken: io.env.DATABOX_STORE_TOKEN } : {}),
      idleMs: (values['idle-minutes'] as number) * 60_000,
      workspaceMemoryMb,
      log: (line) => io.out(`  ${line}`),
    });
    io.out(`databox studio listening on ${studio.url} (${github ? 'GitHub sign-in' : 'one local developer, no sign-in'}; ${studio.driver.kind} workspaces)`);
    await untilStopped();
    io.out('databox studio: stopping');
    await studio.close();
    return 0;
  }, io);
}
