/**
 * The owner's password: kept only as an scrypt hash (node:crypto's, with a random salt and
 * the cost in the record, so it can be raised later), checked in constant time, and made up
 * by the box on its first start when none is given (DATABOX_PASSWORD), printed once.
 *
 * @example
 * const record = hashPassword('correct horse battery staple');
 * checkPassword(record, 'correct horse battery staple'); // true
 */
import { randomBytes, randomInt, scryptSync, timingSafeEqual } from 'node:crypto';
import { DataboxError } from '../../core/errors';

const N = 2 ** 15;
const R = 8;
const P = 1;
const LENGTH = 32;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFC'), salt, LENGTH, { N, r: R, p: P, maxmem: 128 * N * R * 2 });
  return ['scrypt', N, R, P, salt.toString('base64'), hash.toString('base64')].join('$');
}

export function checkPassword(record: string, password: string): boolean {
  const [kind, n, r, p, salt, hash] = record.split('$');
  if (kind !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const cost = { N: Number(n), r: Number(r), p: Number(p), maxmem: 128 * Number(n) * Number(r) * 2 };
  const actual = scryptSync(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, cost);
  return timingSafeEqual(actual, expected);
}

/** A password a person can type: 5 groups of 4 letters and digits (~100 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const groups = Array.from({ length: 5 }, () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join(''));
  return groups.join('-');
}

/** A password the owner chose must be long enough to hold against guessing over the network. */
export function checkChosenPassword(password: string): string {
  if (password.length < 12) {
    throw new DataboxError('password-weak', 'the owner password must have at least 12 characters', { hint: 'Set DATABOX_PASSWORD to a longer one, or leave it unset and the box makes one up' });
  }
  return password.normalize('NFC');
}
