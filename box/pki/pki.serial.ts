/**
 * Serial numbers: 128 random bits, positive and without a leading zero byte (RFC 5280
 * 4.1.2.2: unique per CA, at most 20 octets). Random serials also keep two certificates
 * made in the same second apart.
 */
import { randomBytes } from 'node:crypto';

/**
 * @example
 * randomSerial() // '5f0c...' (32 hex digits)
 */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x40;
  return bytes.toString('hex');
}
