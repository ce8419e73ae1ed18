/**
 * The compiled entry of `databox store` (what the server image runs: no tsx there).
 * Usage: node dist/store-app/cli/store.main.js serve --data /data --host 0.0.0.0
 */
import { main } from './app-store.cli';

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
