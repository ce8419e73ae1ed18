/**
 * The publisher's ed25519 key on disk: a PKCS#8 PEM file readable only by its owner. Created on
 * first use when the person gives no `--key`, at `$DATABOX_HOME/publisher-key.pem`
 * (default `~/.databox/`).
 */
import { generateKeyPairSync, createPrivateKey, createPublicKey } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { DataboxError } from '../../core/errors';

export interface PublisherKey {
  file: string;
  privateKeyPem: string;
  /** base64 SPKI DER. */
  publicKey: string;
  created: boolean;
}

export function defaultKeyFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.DATABOX_HOME || path.join(homedir(), '.databox'), 'publisher-key.pem');
}

/**
 * Loads the key at `file`, or creates it when `createIfMissing` and it does not exist.
 *
 * @example
 * const key = loadOrCreateKey(defaultKeyFile(), true);
 * if (key.created) console.log(`new publisher key in ${key.file}`);
 */
export function loadOrCreateKey(file: string, createIfMissing: boolean): PublisherKey {
  if (!existsSync(file)) {
    if (!createIfMissing) {
      throw new DataboxError('key-missing', `no publisher key at ${file}`, { hint: 'Give the path of your ed25519 key file with --key, or leave --key out to create one' });
    }
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
    return { file, privateKeyPem: pem, publicKey: publicKeyOf(pem), created: true };
  }
  const pem = readFileSync(file, 'utf8');
  return { file, privateKeyPem: pem, publicKey: publicKeyOf(pem), created: false };
}

/** The base64 SPKI DER public key of a PEM ed25519 private key. */
export function publicKeyOf(privateKeyPem: string): string {
  let key;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch (error) {
    throw new DataboxError('key-invalid', 'the publisher key file is not a PEM private key', { hint: 'Use the file `databox publish` created, or an ed25519 PKCS#8 PEM key', cause: error });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new DataboxError('key-invalid', `the publisher key is ${key.asymmetricKeyType}, not ed25519`, { hint: 'Create an ed25519 key: leave --key out and `databox publish` makes one' });
  }
  return createPublicKey(key).export({ format: 'der', type: 'spki' }).toString('base64');
}
