import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { developerId, openStudioDb } from './studio.db';

function withDb(run: (db: ReturnType<typeof openStudioDb>, file: string) => void): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'studio-db-'));
  const file = path.join(dir, 'studio.sqlite');
  const db = openStudioDb(file, () => 1000);
  try {
    run(db, file);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a developer keeps one id and one credential secret across sign-ins; providers never share an id', () => withDb((db) => {
  const first = db.upsertDeveloper({ login: 'octocat', provider: 'github', name: 'Octo' });
  const again = db.upsertDeveloper({ login: 'octocat', provider: 'github', name: 'The Octocat' });
  assert.equal(again.id, first.id);
  assert.equal(again.credentialSecret, first.credentialSecret, 'the secret that encrypts their credentials never changes');
  assert.equal(again.name, 'The Octocat');
  assert.notEqual(developerId('local', 'octocat'), first.id);
}));

test('each save of the flows is a new version; an old one can be read back whole', () => withDb((db, file) => {
  const dev = db.upsertDeveloper({ login: 'a', provider: 'github', name: 'a' });
  assert.deepEqual(db.flows(dev.id), []);
  assert.equal(db.saveFlows(dev.id, [{ id: 't', type: 'tab' }]), 1);
  assert.equal(db.saveFlows(dev.id, [{ id: 't', type: 'tab' }, { id: 'n', type: 'inject', z: 't' }], 'restored version 1'), 2);
  assert.deepEqual(db.versions(dev.id).map((v) => [v.n, v.nodes, v.note]), [[2, 2, 'restored version 1'], [1, 1, 'deploy']]);
  assert.deepEqual(db.version(dev.id, 1), [{ id: 't', type: 'tab' }]);
  assert.equal(db.version(dev.id, 9), undefined);
  // A new connection (a restart) reads the same.
  const reopened = openStudioDb(file);
  assert.equal(reopened.flows(dev.id).length, 2);
  reopened.close();
}));

test('sessions are found by hash until they expire', () => withDb((db) => {
  db.saveSession('h1', '{"x":1}', 2000);
  assert.equal(db.session('h1', 1500), '{"x":1}');
  assert.equal(db.session('h1', 2500), undefined, 'expired');
  db.dropSession('h1');
  assert.equal(db.session('h1', 1500), undefined);
}));

test('the library lists folders then entries directly under a path, as Node-RED\'s own storage does', () => withDb((db) => {
  const dev = db.upsertDeveloper({ login: 'a', provider: 'github', name: 'a' });
  db.saveLibraryEntry(dev.id, 'functions', 'tools/clamp.js', { name: 'clamp' }, 'return msg;');
  db.saveLibraryEntry(dev.id, 'functions', 'top.js', {}, 'return null;');
  assert.deepEqual(db.libraryListing(dev.id, 'functions', ''), ['tools', { fn: 'top.js' }]);
  assert.deepEqual(db.libraryListing(dev.id, 'functions', 'tools'), [{ name: 'clamp', fn: 'clamp.js' }]);
  assert.equal(db.libraryEntry(dev.id, 'functions', 'tools/clamp.js')?.body, 'return msg;');
  const other = db.upsertDeveloper({ login: 'b', provider: 'github', name: 'b' });
  assert.deepEqual(db.libraryListing(other.id, 'functions', ''), [], 'another developer\'s library is their own');
}));
