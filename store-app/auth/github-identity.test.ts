// The GitHub token check against a local server speaking GitHub's user API (Enterprise path).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startFakeGithub, type FakeGithub } from '../testing/fake-github.server';
import { newApiToken } from './api-token';
import { authenticator } from './authenticate';
import { githubIdentity } from './github-identity';

let github: FakeGithub;
before(async () => { github = await startFakeGithub({ gho_valid: 'Octocat' }); });
after(() => github.close());

test('a GitHub token resolves to its login, cached for a short time', async () => {
  let now = 1_000;
  const whoIs = githubIdentity({ apiUrl: github.apiUrl, cacheMs: 60_000, now: () => now });
  const start = github.requests();
  assert.equal(await whoIs('gho_valid'), 'octocat');
  assert.equal(await whoIs('gho_valid'), 'octocat');
  assert.equal(github.requests() - start, 1);
  now += 61_000;
  assert.equal(await whoIs('gho_valid'), 'octocat');
  assert.equal(github.requests() - start, 2);
  assert.equal(await whoIs('gho_revoked'), undefined);
});

test('GitHub unreachable or answering nonsense is a 502, not a login', async () => {
  const down = githubIdentity({ apiUrl: 'http://127.0.0.1:9', cacheMs: 1000 });
  await assert.rejects(down('gho_valid'), (e: unknown) => e instanceof Error && 'status' in e && e.status === 502);
  const wrongPath = githubIdentity({ apiUrl: `${github.apiUrl}/nothing`, cacheMs: 1000 });
  await assert.rejects(wrongPath('gho_valid'), /answered 404/);
});

test('the authenticator takes store API tokens by hash and GitHub tokens via GitHub', async () => {
  const issued = newApiToken();
  const stored = new Map([[issued.hash, 'ci-bot']]);
  const auth = authenticator({ findApiToken: async (h) => stored.get(h), github: githubIdentity({ apiUrl: github.apiUrl, cacheMs: 1000 }) });
  assert.equal(await auth.login(`Bearer ${issued.token}`), 'ci-bot');
  assert.equal(await auth.login('Bearer gho_valid'), 'octocat');
  const before = github.requests();
  await assert.rejects(auth.login('Bearer dbx_unknown'), /not valid/);
  assert.equal(github.requests(), before, 'store tokens are never sent to GitHub');
  await assert.rejects(auth.login(undefined), /Authorization: Bearer/);
  await assert.rejects(auth.login('Basic abc'), /Authorization: Bearer/);
});
