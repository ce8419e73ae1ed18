/**
 * `databox publish <bundle dir|.tgz> --store <url> --token <t> [--key <file>]`: signs the
 * bundle with the publisher's ed25519 key (made on first use) and publishes it.
 */
import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { describeError, isDataboxError, DataboxError } from '../../core/errors';
import { packBundle, unpackBundle } from '../../core/bundle';
import { readBundleDir } from '../../builder/bundle';
import { handOver, publishBundle } from '../client/publish.client';
import { defaultKeyFile, loadOrCreateKey } from '../signing/publisher-key';
import { keyFingerprint } from '../signing/bundle-signature';

const HELP = `Usage: databox publish <bundle dir | bundle.tgz> --store <url> --token <token> [options]

Signs the bundle with your ed25519 publisher key and publishes it to an app store.

Options:
  --store <url>        the store, e.g. https://store.example.org (or DATABOX_STORE_URL)
  --token <token>      a GitHub OAuth token or a store API token (or DATABOX_STORE_TOKEN)
  --key <file>         your publisher key (PEM). Without it: ${defaultKeyFile()}
                       (created on first use; keep it: updates must be signed with it)
  --channel <c>        stable (default) or beta
  --changelog <text>   what changed in this version
  --handover <file>    instead of publishing: hand the app named by the bundle over to the
                       key in <file>, signed with the current key (--key)
  -h, --help           this help`;

/**
 * @example
 * await main(['./out/loadmon', '--store', 'http://127.0.0.1:8080', '--token', 'dbx_...']);
 */
export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv, allowPositionals: true,
      options: {
        store: { type: 'string' }, token: { type: 'string' }, key: { type: 'string' }, channel: { type: 'string' },
        changelog: { type: 'string' }, handover: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    console.error(`databox publish: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) { console.log(HELP); return 0; }
  const storeUrl = values.store ?? process.env.DATABOX_STORE_URL;
  const token = values.token ?? process.env.DATABOX_STORE_TOKEN;
  if (positionals.length !== 1 || !storeUrl || !token) {
    console.error(`databox publish: give one bundle, --store and --token\n\n${HELP}`);
    return 2;
  }
  if (values.channel !== undefined && values.channel !== 'stable' && values.channel !== 'beta') {
    console.error('databox publish: --channel must be stable or beta');
    return 2;
  }
  try {
    const tarball = await readTarball(positionals[0] ?? '');
    const key = loadOrCreateKey(values.key ?? defaultKeyFile(), values.key === undefined);
    if (key.created) console.log(`Created your publisher key: ${key.file} (keep it safe: every update of your apps must be signed with it)`);
    if (values.handover) {
      const next = loadOrCreateKey(values.handover, false);
      const app = (await unpackBundle(tarball)).manifest.name;
      await handOver({ storeUrl, token, app, currentKeyPem: key.privateKeyPem, newKeyPem: next.privateKeyPem });
      console.log(`Handed ${app} over to key ${keyFingerprint(next.publicKey)}`);
      return 0;
    }
    const result = await publishBundle({
      storeUrl, token, tarball, privateKeyPem: key.privateKeyPem,
      ...(values.channel === 'beta' ? { channel: 'beta' as const } : {}), ...(values.changelog ? { changelog: values.changelog } : {}),
    });
    const review = result.review === 'pending' ? ' (waiting for a moderator)' : '';
    console.log(`Published ${String(result.app)} ${String(result.version)}${review} to ${storeUrl}`);
    console.log(`  signed with ${keyFingerprint(key.publicKey)} (key file ${key.file}); content hash ${String(result.contentHash)}`);
    return 0;
  } catch (error) {
    if (isDataboxError(error)) { console.error(`databox publish: ${describeError(error)}`); return 1; }
    throw error;
  }
}

async function readTarball(target: string): Promise<Buffer> {
  const info = await stat(target).catch((error: unknown) => {
    throw new DataboxError('bundle-missing', `there is no bundle at ${target}`, { hint: 'Give the directory or .tgz that `databox build` wrote', cause: error });
  });
  return info.isDirectory() ? packBundle(await readBundleDir(target)) : readFile(target);
}
