// A separate process that builds the runtime image `databox/flow-runtime:<version>` as a
// second test file or a second box would: `calls` builds at once in this process. Prints one
// JSON line: every call's result and how many builds this process started.
import { buildRuntimeImage } from '../../builder/image';

const [version = 'test', calls = '1'] = process.argv.slice(2);
let started = 0;
const onProgress = (line: string): void => { if (/: building on /.test(line)) started++; };
Promise.all(Array.from({ length: Number(calls) }, () => buildRuntimeImage({ version, onProgress }))).then(
  (results) => process.stdout.write(`${JSON.stringify({ results, started })}\n`),
  (error: unknown) => { process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`); process.exitCode = 1; },
);
