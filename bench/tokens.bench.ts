// Token mint and verify per second (box/tokens), against a peer measured in the same run: the
// bare HMAC-SHA256 chain over the same identifier and caveats with node:crypto (the least any
// macaroon implementation must compute). Also the cached verifier a store uses (signature
// checked once per token, caveats every request).
// Sizes: BENCH_TOKENS (default 5000) operations per measurement; BENCH_ROUNDS (default 5), best kept.
import { createHmac, randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { mintToken } from '../box/tokens/token.mint';
import { createTokenVerifier, verifyToken } from '../box/tokens/token.verify';
import { caveatsFor } from '../box/tokens/token.caveats';
import type { RequestFacts, TokenClaims } from '../box/tokens/token.types';

const N = Number(process.env.BENCH_TOKENS ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const secret = randomBytes(32).toString('base64url');
const claims: TokenClaims = { target: 'os-monitor-store', path: '/ts/loadavg1/*', method: 'GET', component: 'my-app', generation: 0, expiresAt: Date.now() + 3_600_000 };
const facts: RequestFacts = { target: 'os-monitor-store', path: '/ts/loadavg1/latest', method: 'GET', now: Date.now() };

/** Operations per second of one measurement (N operations). */
function perSecond(run: (i: number) => void): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < N; i++) run(i);
  return N / (Number(process.hrtime.bigint() - start) / 1e9);
}

function hmacChain(): Buffer {
  const key = createHmac('sha256', 'macaroons-key-generator').update(secret).digest();
  let sig = createHmac('sha256', key).update(randomBytes(16).toString('hex')).digest();
  for (const caveat of caveatsFor(claims)) sig = createHmac('sha256', sig).update(caveat).digest();
  return sig;
}

const tokens = Array.from({ length: N }, () => mintToken({ secret, ...claims }));
let sink = 0;
const verifier = createTokenVerifier(secret, () => 0);
const one = tokens[0] ?? '';
// Rounds interleave the four measurements (the machine's load moves; each keeps its best).
const best = { mint: 0, verify: 0, cached: 0, peer: 0 };
for (let round = 0; round < ROUNDS; round++) {
  best.peer = Math.max(best.peer, perSecond(() => { sink += hmacChain().length; }));
  best.mint = Math.max(best.mint, perSecond(() => { sink += mintToken({ secret, ...claims }).length; }));
  best.verify = Math.max(best.verify, perSecond((i) => { if (verifyToken(tokens[i], secret, facts, () => 0).ok) sink++; }));
  best.cached = Math.max(best.cached, perSecond(() => { if (verifier(one, facts).ok) sink++; }));
}
const { mint, verify, cached, peer } = best;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`tokens (${N} per measurement, best of ${ROUNDS}${sink > 0 ? '' : ', NOTHING VERIFIED'}; load average ${loadavg()[0]?.toFixed(1)})`);
console.log(`  mint:             ${fmt(mint)}/s   (${(mint / peer).toFixed(2)}x the bare HMAC chain)`);
console.log(`  verify:           ${fmt(verify)}/s   (${(verify / peer).toFixed(2)}x the bare HMAC chain)`);
console.log(`  verify (cached):  ${fmt(cached)}/s   (${(cached / peer).toFixed(2)}x the bare HMAC chain)`);
console.log(`  peer, HMAC chain: ${fmt(peer)}/s   (node:crypto, same caveats)`);
