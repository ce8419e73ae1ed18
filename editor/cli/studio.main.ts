/**
 * The compiled entry of `databox studio` (what the server image runs: no tsx there).
 * Usage: node dist/editor/cli/studio.main.js --data /data --host 0.0.0.0 --driver swarm
 */
import { main } from './studio.cli';

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
