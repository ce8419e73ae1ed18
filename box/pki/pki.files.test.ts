// ensureBoxPki on a real directory: what it makes, the modes, what it keeps, and when it reissues.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataboxError } from '../../core/errors';
import { ensureBoxPki } from './pki.files';
import { DAY_MS } from './pki.types';

const mode = (file: string) => statSync(file).mode & 0o777;
const serial = (file: string) => new X509Certificate(readFileSync(file)).serialNumber;
const withDir = async (run: (dir: string) => Promise<void>) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'box-pki-'));
  try { await run(path.join(dir, 'pki')); } finally { rmSync(dir, { recursive: true, force: true }); }
};

test('makes the CA and a certificate per component, owner-only', () => withDir(async (dir) => {
  const pki = await ensureBoxPki(dir, ['arbiter', { name: 'os-monitor-store', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] }]);
  assert.equal(pki.caCertFile, path.join(dir, 'ca', 'cert.pem'));
  const ca = new X509Certificate(readFileSync(pki.caCertFile));
  for (const name of ['arbiter', 'os-monitor-store']) {
    const files = pki.components[name];
    assert.ok(files);
    assert.equal(files.outcome, 'created');
    assert.equal(files.certFile, path.join(dir, 'certs', name, 'cert.pem'));
    const cert = new X509Certificate(readFileSync(files.certFile));
    assert.ok(cert.checkIssued(ca) && cert.verify(ca.publicKey));
    assert.equal(cert.checkHost(name), name);
    assert.equal(mode(files.keyFile), 0o600);
    assert.equal(mode(path.dirname(files.keyFile)), 0o700);
  }
  assert.equal(new X509Certificate(readFileSync(pki.components['os-monitor-store']?.certFile ?? '')).checkIP('127.0.0.1'), '127.0.0.1');
  assert.equal(new X509Certificate(readFileSync(pki.components.arbiter?.certFile ?? '')).checkHost('localhost'), undefined);
  for (const d of [dir, path.join(dir, 'ca'), path.join(dir, 'certs')]) assert.equal(mode(d), 0o700, d);
  assert.equal(mode(path.join(dir, 'ca', 'key.pem')), 0o600);
  assert.deepEqual(readdirSync(dir).sort(), ['ca', 'certs'], 'no staging left behind');
}));

test('keeps what fits; reissues on changed names, a near expiry, a new CA or a broken pair', () => withDir(async (dir) => {
  const first = await ensureBoxPki(dir, ['arbiter', 'audit']);
  const arbiter = first.components.arbiter?.certFile ?? '';
  const audit = first.components.audit?.certFile ?? '';
  const before = serial(arbiter);
  const caBefore = readFileSync(first.caCertFile, 'utf8');

  const kept = await ensureBoxPki(dir, ['arbiter', 'audit']);
  assert.equal(kept.components.arbiter?.outcome, 'kept');
  assert.equal(serial(arbiter), before);
  assert.equal(readFileSync(kept.caCertFile, 'utf8'), caBefore, 'the CA is kept');

  const renamed = await ensureBoxPki(dir, [{ name: 'arbiter', dnsNames: ['localhost'] }, 'audit']);
  assert.deepEqual([renamed.components.arbiter?.outcome, renamed.components.arbiter?.reason], ['reissued', 'names changed']);
  assert.equal(renamed.components.audit?.outcome, 'kept');
  assert.notEqual(serial(arbiter), before);
  assert.equal(new X509Certificate(readFileSync(arbiter)).checkHost('localhost'), 'localhost');

  const late = await ensureBoxPki(dir, [{ name: 'arbiter', dnsNames: ['localhost'] }, 'audit'], { now: new Date(Date.now() + 340 * DAY_MS) });
  assert.deepEqual([late.components.arbiter?.reason, late.components.audit?.reason], ['expiring', 'expiring']);

  writeFileSync(path.join(dir, 'certs', 'audit', 'key.pem'), readFileSync(path.join(dir, 'certs', 'arbiter', 'key.pem')));
  assert.equal((await ensureBoxPki(dir, ['audit'])).components.audit?.reason, 'key does not match');

  rmSync(path.join(dir, 'ca'), { recursive: true });
  const newCa = await ensureBoxPki(dir, ['audit']);
  assert.notEqual(readFileSync(newCa.caCertFile, 'utf8'), caBefore);
  assert.equal(newCa.components.audit?.reason, 'not issued by this CA');
  assert.ok(new X509Certificate(readFileSync(audit)).verify(new X509Certificate(readFileSync(newCa.caCertFile)).publicKey));
}));

test('loosened modes are tightened again', () => withDir(async (dir) => {
  const pki = await ensureBoxPki(dir, ['audit']);
  chmodSync(path.join(dir, 'ca', 'key.pem'), 0o644);
  chmodSync(pki.components.audit?.keyFile ?? '', 0o644);
  chmodSync(dir, 0o755);
  await ensureBoxPki(dir, ['audit']);
  assert.equal(mode(path.join(dir, 'ca', 'key.pem')), 0o600);
  assert.equal(mode(pki.components.audit?.keyFile ?? ''), 0o600);
  assert.equal(mode(dir), 0o700);
}));

test('names that could leave the directory, repeats and half a CA are refused', () => withDir(async (dir) => {
  const refused = (code: string) => (e: unknown) => e instanceof DataboxError && e.code === code && typeof e.hint === 'string';
  for (const name of ['../ca', '..', '.', 'a/b', 'a\\b', 'Arbiter', 'a.b', '', '-x', 'x'.repeat(64), 'arbiter\u0000']) {
    await assert.rejects(ensureBoxPki(dir, [name]), refused('pki-name-invalid'), JSON.stringify(name));
  }
  assert.equal(existsSync(dir), false, 'nothing is written before the names are checked');
  await assert.rejects(ensureBoxPki(dir, ['audit', { name: 'audit' }]), refused('pki-name-repeated'));
  await ensureBoxPki(dir, ['audit']);
  const key = readFileSync(path.join(dir, 'ca', 'key.pem'), 'utf8');
  rmSync(path.join(dir, 'ca', 'cert.pem'));
  await assert.rejects(ensureBoxPki(dir, ['audit']), (e: unknown) => refused('pki-ca-incomplete')(e) && !JSON.stringify({ e, message: String(e) }).includes(key.split('\n')[1] ?? key));
  writeFileSync(path.join(dir, 'ca', 'cert.pem'), 'garbage');
  await assert.rejects(ensureBoxPki(dir, ['audit']), refused('pki-ca-invalid'));
}));
