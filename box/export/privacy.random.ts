/**
 * The export service's random source for the privacy mechanisms: 53 bits from the operating
 * system's cryptographic generator per draw (core/privacy takes the source as a parameter;
 * only tests pass a seeded one).
 *
 * @example
 * laplaceReport(spec, value, cryptoRandom)
 */
import { randomBytes } from 'node:crypto';
import type { RandomSource } from '../../core/privacy/privacy.mechanism';

export const cryptoRandom: RandomSource = {
  next() {
    const bytes = randomBytes(7);
    // 53 bits: 5 from the first byte, then 48 from the next six.
    const high = bytes[0]! & 0x1f;
    const low = bytes.readUIntBE(1, 6);
    return (high * 2 ** 48 + low) / 2 ** 53;
  },
};
