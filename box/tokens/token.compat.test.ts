// The node:crypto macaroons of box/tokens against the `macaroon` package (the reference):
// same key derivation, signature chain and binary v2 bytes, both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importMacaroon, newMacaroon } from 'macaroon';
import { decodeMacaroonV2, encodeMacaroonV2 } from './token.binary';
import { caveatsFor } from './token.caveats';
import { mintToken, TOKEN_LOCATION } from './token.mint';
import { macaroonRootKey, macaroonSignature, signatureMatches } from './token.signature';
import { verifyToken } from './token.verify';
import type { RequestFacts, TokenClaims } from './token.types';

const secret = 'store-a-secret-0123456789abcdef';
const now = Date.now();
const claims: TokenClaims = { target: 'store-a', path: '/ts/load*', method: 'GET', component: 'app1', generation: 4, expiresAt: now + 60_000, destination: 'https://a.example/x?q=é' };
const facts: RequestFacts = { target: 'store-a', path: '/ts/load/latest', method: 'GET', destination: claims.destination, now };
const encode = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

test('a token minted here verifies with the macaroon package, which reads the same caveats', () => {
  const token = mintToken({ secret, ...claims });
  const macaroon = importMacaroon(new Uint8Array(Buffer.from(token, 'base64url')));
  assert.equal(macaroon.location, TOKEN_LOCATION);
  const seen: string[] = [];
  macaroon.verify(new TextEncoder().encode(secret), (condition) => { seen.push(condition); return null; }, []);
  assert.deepEqual(seen, caveatsFor(claims));
  assert.throws(() => macaroon.verify(new TextEncoder().encode('another-secret-0123456789abcdef'), () => null, []), /signature mismatch/);
  assert.equal(encode(encodeMacaroonV2(macaroon)), token, 'the package re-encodes it to the same bytes');
});

test('a token minted with the macaroon package verifies here', () => {
  const macaroon = newMacaroon({ identifier: 'package-made-id', location: TOKEN_LOCATION, rootKey: secret, version: 2 });
  for (const caveat of caveatsFor(claims)) macaroon.addFirstPartyCaveat(caveat);
  const result = verifyToken(encode(encodeMacaroonV2(macaroon)), secret, facts, () => 4);
  assert.ok(result.ok, JSON.stringify(result));
  assert.deepEqual(result.claims, claims);
  const other = verifyToken(encode(encodeMacaroonV2(macaroon)), 'another-secret-0123456789abcdef', facts, () => 4);
  assert.ok(!other.ok && other.code === 'token-invalid');
});

test('same root key, signature chain and binary bytes as the package', () => {
  const macaroon = newMacaroon({ identifier: 'id-1', location: 'loc', rootKey: secret });
  macaroon.addFirstPartyCaveat('a = b');
  macaroon.addFirstPartyCaveat('time < 123');
  const signature = macaroonSignature(macaroonRootKey(secret), 'id-1', ['a = b', 'time < 123']);
  assert.deepEqual(new Uint8Array(signature), macaroon.signature);
  const packageBytes = macaroon.exportBinary(); // the package's writer works for small macaroons
  assert.deepEqual(encodeMacaroonV2(macaroon), packageBytes);
  const decoded = decodeMacaroonV2(packageBytes);
  assert.equal(decoded.location, 'loc');
  assert.deepEqual(decoded.caveats.map((c) => Buffer.from(c.identifier).toString()), ['a = b', 'time < 123']);
  assert.deepEqual(new Uint8Array(decoded.signature), macaroon.signature);
  assert.ok(signatureMatches(signature, decoded.signature));
  assert.equal(signatureMatches(signature, decoded.signature.subarray(0, 31)), false, 'a short signature is unequal, not an exception');
});

test('every truncation and every flipped bit outside the (unsigned) location is refused', () => {
  const token = mintToken({ secret, ...claims });
  const bytes = Buffer.from(token, 'base64url');
  for (let length = 0; length < bytes.length; length++) {
    const result = verifyToken(encode(bytes.subarray(0, length)), secret, facts, () => 4);
    assert.ok(!result.ok && result.status === 401, `truncated to ${length}`);
  }
  assert.ok(!verifyToken(encode(Buffer.concat([bytes, Buffer.from([0])])), secret, facts, () => 4).ok, 'trailing byte');
  // The location is not signed in any macaroon implementation; its bytes are skipped.
  const location = bytes.indexOf(TOKEN_LOCATION);
  for (let at = 0; at < bytes.length; at++) {
    if (at >= location && at < location + TOKEN_LOCATION.length) continue;
    for (const bit of [0x01, 0x80]) {
      const tampered = Buffer.from(bytes);
      tampered[at] = (tampered[at] ?? 0) ^ bit;
      const result = verifyToken(encode(tampered), secret, facts, () => 4);
      assert.ok(!result.ok && result.status === 401, `byte ${at} bit ${bit}: ${JSON.stringify(result)}`);
    }
  }
});

test('third-party caveats and non-UTF-8 caveats are refused even when signed with the right key', () => {
  const thirdParty = newMacaroon({ identifier: 'x', location: TOKEN_LOCATION, rootKey: secret });
  for (const caveat of caveatsFor(claims)) thirdParty.addFirstPartyCaveat(caveat);
  thirdParty.addThirdPartyCaveat(new Uint8Array(32).fill(7), 'discharge-me', 'elsewhere');
  const r = verifyToken(encode(encodeMacaroonV2(thirdParty)), secret, facts, () => 4);
  assert.ok(!r.ok && r.status === 401 && r.code === 'token-invalid', JSON.stringify(r));

  const caveats = [...caveatsFor(claims).map((c) => Buffer.from(c)), Buffer.from([0x61, 0xff, 0xfe])];
  const identifier = Buffer.from('signed-but-binary');
  const signature = macaroonSignature(macaroonRootKey(secret), identifier, caveats);
  const binary = verifyToken(encode(encodeMacaroonV2({ identifier, caveats: caveats.map((c) => ({ identifier: c })), signature })), secret, facts, () => 4);
  assert.ok(!binary.ok && binary.status === 401 && binary.code === 'token-malformed', JSON.stringify(binary));
});

test('identifiers are 128 random bits in hex, distinct across refills of the random pool', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 600; i++) {
    const identifier = Buffer.from(decodeMacaroonV2(Buffer.from(mintToken({ secret, ...claims }), 'base64url')).identifier).toString();
    assert.match(identifier, /^[0-9a-f]{32}$/);
    seen.add(identifier);
  }
  assert.equal(seen.size, 600);
});
