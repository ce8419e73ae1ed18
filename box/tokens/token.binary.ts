/**
 * The macaroon binary v2 encoding, written here because `macaroon@3.0.4`'s `exportBinary`
 * grows its buffer on every byte (its `ByteBuffer._grow` reads an unset `_capacity`), which
 * overflows for a token with our eight caveats. Decoding stays with the package
 * (`importMacaroon`), so the format is checked against its reader in the tests.
 */
import type { Macaroon } from 'macaroon';

const FIELD_EOS = 0;
const FIELD_LOCATION = 1;
const FIELD_IDENTIFIER = 2;
const FIELD_VID = 4;
const FIELD_SIGNATURE = 6;

/**
 * Serializes a macaroon in binary v2 format.
 *
 * @example
 * const token = Buffer.from(encodeMacaroonV2(macaroon)).toString('base64url');
 */
export function encodeMacaroonV2(macaroon: Macaroon): Uint8Array {
  const parts: number[] = [2];
  const field = (type: number, data: Uint8Array): void => {
    parts.push(type);
    let n = data.length;
    while (n >= 0x80) {
      parts.push((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    parts.push(n);
    for (const byte of data) parts.push(byte);
  };
  const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
  if (macaroon.location) field(FIELD_LOCATION, utf8(macaroon.location));
  field(FIELD_IDENTIFIER, macaroon.identifier);
  parts.push(FIELD_EOS);
  for (const caveat of macaroon.caveats) {
    if (caveat.location) field(FIELD_LOCATION, utf8(caveat.location));
    field(FIELD_IDENTIFIER, caveat.identifier);
    if (caveat.vid) field(FIELD_VID, caveat.vid);
    parts.push(FIELD_EOS);
  }
  parts.push(FIELD_EOS);
  field(FIELD_SIGNATURE, macaroon.signature);
  return Uint8Array.from(parts);
}
