/**
 * Runs one built-in driver until SIGTERM/SIGINT: the one named by the argument, else by
 * `DATABOX_LOCAL_NAME`, with the environment the box gives it (driver.env.ts). Prints
 * `<driver> <what it does>` once it runs; a refusal at start is one line
 * (`[code] message - hint`) and exit 1.
 *
 * @example
 * node --import tsx box/drivers/main.ts os-monitor        # or: node dist/box/drivers/main.js os-monitor
 */
import { defineCommand, runCommand, untilStopped, type CommandIO } from '../../core/cli';
import { stopWhenOrphaned } from '../../runtime/process/orphan.watch';
import { openDriverClient } from './driver.client';
import { driverEnv } from './driver.env';
import type { RunningDriver } from './driver.types';
import { BUILT_IN_DRIVERS, findDriver } from './drivers';

export const DRIVER_COMMAND = defineCommand({
  name: 'databox-driver',
  summary: 'run one of the box\'s built-in drivers',
  positionals: [{ name: 'driver', description: `${BUILT_IN_DRIVERS.map((d) => d.name).join(', ')}; default $DATABOX_LOCAL_NAME` }],
  options: {},
  description: 'Reads DATABOX_ARBITER_ENDPOINT, DATABOX_ARBITER_TOKEN_FILE, DATABOX_STORE_ENDPOINT, DATABOX_STORE_NAME, DATABOX_LOCAL_NAME, DATABOX_DRIVER_PORT, DATABOX_DRIVER_HOST, DATABOX_DRIVER_CONFIG, DATABOX_INTERVAL_MS and DATABOX_DISK_PATH (box/drivers/README.md).',
  notes: 'Exit status: 0 stopped (SIGTERM or SIGINT); 1 could not start (the reason); 2 bad arguments.',
});

export function main(argv: string[], io?: CommandIO): Promise<number> {
  return runCommand(DRIVER_COMMAND, argv, async (parsed, io) => {
    const program = findDriver(parsed.positionals[0] ?? io.env.DATABOX_LOCAL_NAME);
    const env = driverEnv(io.env);
    const client = openDriverClient(env);
    const log = (line: string) => io.err(line);
    let running: RunningDriver;
    try {
      running = await program.start({ env, client, log });
    } catch (error) {
      await client.close();
      throw error;
    }
    io.out(`${program.name} ${running.summary}`);
    const stopped = untilStopped();
    stopWhenOrphaned();
    await stopped;
    await running.stop();
    await client.close();
    return 0;
  }, io);
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
