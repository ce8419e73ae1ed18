/**
 * `databox box ...`: the box itself and the owner's commands (box.manage.ts), or one box
 * service on its own (box.service.ts).
 *
 * @example
 * process.exitCode = await main(['start', '--data', '/var/lib/databox']);
 */
import { runCommand, type CommandIO } from '../../core/cli';
import { BOX_COMMAND } from './box.commands';
import { manage } from './box.manage';
import { isService, runService } from './box.service';

export function main(argv: string[], io?: CommandIO): Promise<number> {
  return runCommand(BOX_COMMAND, argv, (parsed, io) => (isService(parsed) ? runService(parsed, io) : manage(parsed, io)), io);
}
