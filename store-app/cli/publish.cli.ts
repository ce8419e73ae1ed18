/**
 * `databox publish <bundle dir|.tgz> --store <url> --token <t> [--key <file>]`: signs the
 * bundle with the publisher's ed25519 key (made on first use) and publishes it.
 */
import { readFile, stat } from 'node:fs/promises';
import { defineCommand, parseHttpUrl, runCommand, COMMAND_SUMMARIES, type CommandIO } from '../../core/cli';
import { DataboxError } from '../../core/errors';
import { packBundle, unpackBundle } from '../../core/bundle';
import { readBundleDir } from '../../builder/bundle';
import { handOver, publishBundle } from '../client/publish.client';
import { defaultKeyFile, loadOrCreateKey } from '../signing/publisher-key';
import { keyFingerprint } from '../../core/bundle/bundle.signature';

export const PUBLISH_COMMAND = defineCommand({
  name: 'databox publish',
  summary: COMMAND_SUMMARIES.publish,
  description: 'The bundle is signed with your ed25519 publisher key. Every later version of an app must be signed with '
    + 'the key that first published it, or with one it was handed over to (--handover).',
  positionals: [{ name: 'bundle', description: 'the bundle directory or .tgz that `databox build` wrote', required: true }],
  options: {
    store: { type: 'string', value: '<url>', required: true, env: 'DATABOX_STORE_URL', parse: parseHttpUrl, description: 'the app store, e.g. https://store.example.org' },
    token: { type: 'string', value: '<token>', required: true, env: 'DATABOX_STORE_TOKEN', description: 'a GitHub OAuth token, or a store API token from `databox store token`' },
    key: {
      type: 'string', value: '<file>', defaultText: `${defaultKeyFile()}, created on first use`,
      description: 'your publisher key (PEM); keep it: every later version of your apps must be signed with it',
    },
    channel: { type: 'string', value: '<channel>', choices: ['stable', 'beta'], default: 'stable', description: 'the release channel of this version' },
    changelog: { type: 'string', value: '<text>', description: 'what changed in this version' },
    handover: {
      type: 'string', value: '<file>',
      description: 'instead of publishing: hand the app named by the bundle over to the key in <file>, signed with the current key (--key)',
    },
  },
  notes: 'Exit status: 0 published (or handed over); 1 refused, with the reason; 2 bad arguments.',
});

/**
 * @example
 * await main(['./out/loadmon', '--store', 'http://127.0.0.1:8080', '--token', 'dbx_...']);
 */
export function main(argv: string[], io?: CommandIO): Promise<number> {
  return runCommand(PUBLISH_COMMAND, argv, async ({ values, positionals }, io) => {
    const { store: storeUrl, token } = values;
    const tarball = await readTarball(positionals[0] ?? '');
    const key = loadOrCreateKey(values.key ?? defaultKeyFile(io.env), values.key === undefined);
    if (key.created) io.out(`Created your publisher key: ${key.file} (keep it safe: every update of your apps must be signed with it)`);
    if (values.handover) {
      const next = loadOrCreateKey(values.handover, false);
      const app = (await unpackBundle(tarball)).manifest.name;
      await handOver({ storeUrl, token, app, currentKeyPem: key.privateKeyPem, newKeyPem: next.privateKeyPem });
      io.out(`Handed ${app} over to key ${keyFingerprint(next.publicKey)}`);
      return 0;
    }
    const result = await publishBundle({
      storeUrl, token, tarball, privateKeyPem: key.privateKeyPem,
      ...(values.channel === 'beta' ? { channel: 'beta' as const } : {}), ...(values.changelog ? { changelog: values.changelog } : {}),
    });
    const review = result.review === 'pending' ? ' (waiting for a moderator)' : '';
    io.out(`Published ${String(result.app)} ${String(result.version)}${review} to ${storeUrl}`);
    io.out(`  signed with ${keyFingerprint(key.publicKey)} (key file ${key.file}); content hash ${String(result.contentHash)}`);
    return 0;
  }, io);
}

async function readTarball(target: string): Promise<Buffer> {
  const info = await stat(target).catch((error: unknown) => {
    throw new DataboxError('bundle-missing', `there is no bundle at ${target}`, { hint: 'Give the directory or .tgz that `databox build` wrote', cause: error });
  });
  return info.isDirectory() ? packBundle(await readBundleDir(target)) : readFile(target);
}
