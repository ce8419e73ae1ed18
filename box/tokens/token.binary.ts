/**
 * The macaroon binary v2 encoding (the format of `macaroon@3`'s `exportBinary` and
 * `importMacaroon`), written and read here: the package's `exportBinary` (3.0.4) grows its
 * buffer on every byte and overflows with our eight caveats, and its reader converts every
 * field to sjcl bit arrays. Both directions are checked against the package in the tests.
 *
 * Layout: version byte 2; the macaroon's fields (location?, identifier) and EOS; per caveat
 * (location?, identifier, vid?) and EOS; EOS; the signature field. A field is a type byte, a
 * uvarint length and the bytes.
 */

const FIELD_EOS = 0;
const FIELD_LOCATION = 1;
const FIELD_IDENTIFIER = 2;
const FIELD_VID = 4;
const FIELD_SIGNATURE = 6;
/** A uvarint longer than this is refused (lengths fit in 32 bits, as in the package). */
const MAX_VARINT_BYTES = 5;

export interface MacaroonCaveatFields {
  identifier: Uint8Array;
  location?: string;
  /** Only third-party caveats have one (box tokens never do). */
  vid?: Uint8Array;
}

/** A macaroon's fields; the `macaroon` package's `Macaroon` has this shape too. */
export interface MacaroonFields {
  location?: string;
  identifier: Uint8Array;
  caveats: readonly MacaroonCaveatFields[];
  signature: Uint8Array;
}

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Serializes a macaroon in binary v2 format.
 *
 * @example
 * const token = Buffer.from(encodeMacaroonV2({ location: 'databox-arbiter', identifier, caveats, signature })).toString('base64url');
 */
export function encodeMacaroonV2(macaroon: MacaroonFields): Uint8Array {
  const fields: [number, Uint8Array | undefined][] = [];
  const add = (type: number, data?: Uint8Array): void => { fields.push([type, data]); };
  if (macaroon.location) add(FIELD_LOCATION, utf8.encode(macaroon.location));
  add(FIELD_IDENTIFIER, macaroon.identifier);
  add(FIELD_EOS);
  for (const caveat of macaroon.caveats) {
    if (caveat.location) add(FIELD_LOCATION, utf8.encode(caveat.location));
    add(FIELD_IDENTIFIER, caveat.identifier);
    if (caveat.vid) add(FIELD_VID, caveat.vid);
    add(FIELD_EOS);
  }
  add(FIELD_EOS);
  add(FIELD_SIGNATURE, macaroon.signature);
  let size = 1;
  for (const [, data] of fields) size += data ? 1 + varintLength(data.length) + data.length : 1;
  const out = new Uint8Array(size);
  out[0] = 2;
  let at = 1;
  for (const [type, data] of fields) {
    out[at++] = type;
    if (!data) continue;
    let n = data.length;
    while (n >= 0x80) {
      out[at++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    out[at++] = n;
    out.set(data, at);
    at += data.length;
  }
  return out;
}

/**
 * Reads a binary v2 macaroon; throws an Error saying what is wrong when the bytes are not
 * one (a wrong version, a missing or unexpected field, a length past the end, trailing bytes,
 * a location that is not UTF-8). The signature is not checked here.
 *
 * @example
 * const macaroon = decodeMacaroonV2(Buffer.from(token, 'base64url'));
 */
export function decodeMacaroonV2(bytes: Uint8Array): MacaroonFields {
  const reader = new FieldReader(bytes);
  const version = reader.byte();
  if (version !== 2) throw new Error(`not a binary v2 macaroon (version byte ${version})`);
  const location = reader.optional(FIELD_LOCATION);
  const identifier = reader.field(FIELD_IDENTIFIER);
  reader.field(FIELD_EOS);
  const caveats: MacaroonCaveatFields[] = [];
  while (!reader.optional(FIELD_EOS)) {
    const caveatLocation = reader.optional(FIELD_LOCATION);
    const caveatIdentifier = reader.field(FIELD_IDENTIFIER);
    const vid = reader.optional(FIELD_VID);
    reader.field(FIELD_EOS);
    caveats.push({ identifier: caveatIdentifier, ...(caveatLocation ? { location: strictUtf8.decode(caveatLocation) } : {}), ...(vid ? { vid } : {}) });
  }
  const signature = reader.field(FIELD_SIGNATURE);
  if (!reader.done()) throw new Error('unexpected bytes after the signature');
  return { identifier, caveats, signature, ...(location ? { location: strictUtf8.decode(location) } : {}) };
}

function varintLength(n: number): number {
  let length = 1;
  while (n >= 0x80) { n >>>= 7; length++; }
  return length;
}

class FieldReader {
  private at = 0;
  constructor(private readonly bytes: Uint8Array) {}

  byte(): number {
    if (this.at >= this.bytes.length) throw new Error('the macaroon ends early');
    return this.bytes[this.at++] ?? 0;
  }

  done(): boolean {
    return this.at === this.bytes.length;
  }

  /** The field's data (empty for EOS); throws when the next field is of another type. */
  field(type: number): Uint8Array {
    const found = this.byte();
    if (found !== type) throw new Error(`unexpected field type ${found} (wanted ${type})`);
    if (type === FIELD_EOS) return new Uint8Array(0);
    const length = this.varint();
    if (length > this.bytes.length - this.at) throw new Error('a field runs past the end of the macaroon');
    const data = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return data;
  }

  /** The field when the next one is of this type, else undefined (nothing consumed). */
  optional(type: number): Uint8Array | undefined {
    if (this.at >= this.bytes.length) throw new Error('the macaroon ends early');
    return this.bytes[this.at] === type ? this.field(type) : undefined;
  }

  private varint(): number {
    let value = 0;
    for (let i = 0; i < MAX_VARINT_BYTES; i++) {
      const b = this.byte();
      value += (b & 0x7f) * 2 ** (7 * i);
      if (b < 0x80) return value;
    }
    throw new Error('a field length is too long');
  }
}
