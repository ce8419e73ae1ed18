// An app's side of test/box-tls.test.ts, in its own process as in a container: the box client
// from the environment the box gives (DATABOX_*, the key file, NODE_EXTRA_CA_CERTS naming the
// box CA), with no TLS option anywhere. Prints one JSON line per step; after `observing` it
// waits for one pushed row, then exports.
import { createBoxClient } from '../../runtime/box-client/box-client';
import { describeError, isDataboxError } from '../../core/errors';

const say = (line: Record<string, unknown>): void => { process.stdout.write(`${JSON.stringify(line)}\n`); };

async function main(): Promise<void> {
  const box = createBoxClient(process.env);
  const temp = box.source('temp');
  if (!temp) throw new Error('DATASOURCE_temp is not set');
  say({ read: await box.read(temp, { kind: 'latest' }) });
  const row = new Promise<unknown>((resolve, reject) => {
    void box.observe(temp, resolve, reject).then(() => say({ observing: true }), reject);
  });
  say({ row: await row });
  const destination = process.env.TEST_EXPORT_URL;
  if (destination) say({ exported: await box.export(destination, { hello: 'outside' }) });
  await box.close();
}

main().then(() => process.exit(0), (error: unknown) => {
  say({ error: isDataboxError(error) ? { code: error.code, text: describeError(error) } : { code: 'unexpected', text: String(error) } });
  process.exit(1);
});
