import { test } from 'node:test';
import assert from 'node:assert/strict';
import { caveatsFor, checkCaveats, claimProblems, isCleanPath, parseCaveats, pathAllows, type ParsedCaveats } from './token.caveats';
import type { RequestFacts, TokenClaims } from './token.types';

const claims: TokenClaims = { target: 'store-a', path: '/ts/*', method: 'GET', component: 'app1', generation: 2, expiresAt: 2_000 };
const facts: RequestFacts = { target: 'store-a', path: '/ts/load/latest', method: 'GET', now: 1_000 };
const parsed = (conditions: string[]): ParsedCaveats => {
  const result = parseCaveats(conditions);
  if ('ok' in result) throw new Error(result.message);
  return result;
};

test('caveats round-trip and allow a matching request', () => {
  const result = checkCaveats(parsed(caveatsFor(claims)), facts, () => 2);
  assert.deepEqual(result, { ok: true, component: 'app1', claims });
});

test('prefix and exact paths; tricks never match', () => {
  assert.equal(pathAllows('/ts/*', '/ts/a'), true);
  assert.equal(pathAllows('/ts/a', '/ts/a'), true);
  assert.equal(pathAllows('/ts/a', '/ts/a/latest'), false);
  assert.equal(pathAllows('/ts/a/*', '/ts/b'), false);
  for (const escape of ['/ts/a/../b', '/ts/a/./x', '/ts/a//b', '/ts/a/%2e%2e/b', '/ts/a/..%2fb', '/ts/a/%2F', '/ts/a/%5c..', '/ts/a\\..\\b', '/ts/a/%252f', '/ts/a/x?y']) {
    assert.equal(pathAllows('/ts/a/*', escape), false, escape);
  }
  assert.equal(isCleanPath('/kv/x/key-1'), true);
});

test('expired, revoked and unknown components are 401', () => {
  const p = parsed(caveatsFor(claims));
  assert.equal(checkCaveats(p, { ...facts, now: 2_000 }, () => 2).ok, false);
  const expired = checkCaveats(p, { ...facts, now: 2_000 }, () => 2);
  assert.ok(!expired.ok && expired.status === 401 && expired.code === 'token-expired');
  const revoked = checkCaveats(p, facts, () => 3);
  assert.ok(!revoked.ok && revoked.status === 401 && revoked.code === 'token-revoked');
  const unknown = checkCaveats(p, facts, () => undefined);
  assert.ok(!unknown.ok && unknown.status === 401);
});

test('target, path, method, observe and destination mismatches are 403 naming the caveat', () => {
  const p = parsed(caveatsFor(claims));
  const cases: [Partial<RequestFacts>, string][] = [
    [{ target: 'store-b' }, 'target = store-a'],
    [{ path: '/kv/x' }, 'path = /ts/*'],
    [{ method: 'POST' }, 'method = GET'],
  ];
  for (const [change, caveat] of cases) {
    const result = checkCaveats(p, { ...facts, ...change }, () => 2);
    assert.ok(!result.ok && result.status === 403 && result.caveat === caveat, caveat);
  }
  const observe = checkCaveats(p, { ...facts, observe: 'data' }, () => 2);
  assert.ok(!observe.ok && observe.status === 403 && observe.code === 'token-caveat-observe');
  const observing = parsed(caveatsFor({ ...claims, observe: 'data' }));
  assert.equal(checkCaveats(observing, { ...facts, observe: 'data' }, () => 2).ok, true);
  assert.equal(checkCaveats(observing, facts, () => 2).ok, false, 'an observe token does not read');
  const exporting = parsed(caveatsFor({ ...claims, target: 'export-service', path: '/export', method: 'POST', destination: 'https://a.example/x' }));
  const exportFacts: RequestFacts = { target: 'export-service', path: '/export', method: 'POST', destination: 'https://a.example/x', now: 1_000 };
  assert.equal(checkCaveats(exporting, exportFacts, () => 2).ok, true);
  const elsewhere = checkCaveats(exporting, { ...exportFacts, destination: 'https://a.example/x/' }, () => 2);
  assert.ok(!elsewhere.ok && elsewhere.status === 403 && elsewhere.code === 'token-caveat-destination');
});

test('attenuation: an added caveat narrows, disagreeing identities are malformed, unknown caveats refused', () => {
  const narrowed = parsed([...caveatsFor(claims), 'path = /ts/load/*']);
  assert.equal(checkCaveats(narrowed, facts, () => 2).ok, true);
  assert.equal(checkCaveats(narrowed, { ...facts, path: '/ts/other' }, () => 2).ok, false);
  const twoComponents = checkCaveats(parsed([...caveatsFor(claims), 'component = app2']), facts, () => 2);
  assert.ok(!twoComponents.ok && twoComponents.status === 401);
  const unknown = parseCaveats([...caveatsFor(claims), 'colour = red']);
  assert.ok('ok' in unknown && unknown.status === 401 && unknown.code === 'token-caveat-unknown');
  const noExpiry = checkCaveats(parsed(caveatsFor(claims).filter((c) => !c.startsWith('time'))), facts, () => 2);
  assert.ok(!noExpiry.ok && noExpiry.code === 'token-malformed');
});

test('claimProblems refuses bad claims', () => {
  assert.deepEqual(claimProblems(claims), []);
  assert.equal(claimProblems({ ...claims, path: '/ts/../x' }).length, 1);
  assert.equal(claimProblems({ ...claims, path: '/ts/*/x' }).length, 1);
  assert.equal(claimProblems({ ...claims, target: 'a\nb' }).length, 1);
  assert.equal(claimProblems({ ...claims, generation: -1 }).length, 1);
});
