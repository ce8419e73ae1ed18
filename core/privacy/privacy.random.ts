/**
 * The random source of the privacy mechanisms (the box's export service; the studio's preview
 * draws its sample reports with it too): 53 bits from the operating system's cryptographic
 * generator per draw. The mechanisms take the source as a parameter; only tests pass a seeded
 * one.
 *
 * @example
 * laplaceReport(spec, value, cryptoRandom)
 */
import { randomBytes } from 'node:crypto';
import type { RandomSource } from './privacy.mechanism';

export const cryptoRandom: RandomSource = {
  next() {
    const bytes = randomBytes(7);
    // 53 bits: 5 from the first byte, then 48 from the next six.
    const high = bytes[0]! & 0x1f;
    const low = bytes.readUIntBE(1, 6);
    return (high * 2 ** 48 + low) / 2 ** 53;
  },
};
