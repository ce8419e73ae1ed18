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
import { RUNTIME_VERSION } from '../../builder/compile/runtime-version';
import { dockerDriver } from '../workspaces/docker.driver';
import { swarmDriver } from '../workspaces/swarm.driver';
import { WORKSPACE_IMAGE } from '../workspaces/workspace.image';
import type { WorkspaceDriver } from '../workspaces/workspace.types';
import { STUDIO_COMMAND } from './studio.command';
import { sdkRoot } from '../../core/sdk-root';

const ROOT = sdkRoot(__dirname, 2);

export function main(argv: string[], io?: CommandIO): Promise<number> {
  return runCommand(STUDIO_COMMAND, argv, async ({ values }, io) => {
    const { app: github, warning } = githubFromEnv(io.env);
    if (warning) io.err(`databox studio: ${warning}`);
    const dataDir = path.resolve(values.data ?? './studio-data');
    const workspaceMemoryMb = values['workspace-memory'] as number;
    const network = io.env.DATABOX_SWARM_NETWORK || 'databox-workspaces';
    // One studio's containers and network (or services), labelled by its data folder; on Swarm
    // by its workspaces' network, one per stack (every studio's data folder there is /data).
    const studioId = createHash('sha256').update(values.driver === 'swarm' ? `swarm\n${network}` : dataDir).digest('hex').slice(0, 10);
    const drivers: Record<string, () => WorkspaceDriver> = {
      docker: () => dockerDriver({ studioId, root: ROOT, memoryMb: workspaceMemoryMb }),
      swarm: () => swarmDriver({
        studioId, root: ROOT, memoryMb: workspaceMemoryMb,
        image: io.env.DATABOX_WORKSPACE_IMAGE || `${WORKSPACE_IMAGE}:${RUNTIME_VERSION}`,
        network,
      }),
    };
    const driver = drivers[values.driver as string]?.();
    const studio = await startStudio({
      dataDir,
      ...(driver ? { driver } : {}),
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
