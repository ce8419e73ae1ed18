import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { startArbiter } from '../arbiter/arbiter.server';
import { ensureBoxPki } from '../pki';
import { fetchTrusting } from '../service/service.fetch';

const databox = path.join(__dirname, '..', '..', 'cli', 'databox.js');

const box = (...args: string[]) => spawnSync(process.execPath, [databox, 'box', ...args], { encoding: 'utf8' });

test('databox box --help, and refusals with a clear message', () => {
  const help = box('--help');
  assert.equal(help.status, 0);
  assert.match(help.stdout, /databox box <service> --data <dir>/);
  const unknown = box('bogus', '--data', '/tmp/x');
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown command "bogus"/);
  const noData = box('export');
  assert.equal(noData.status, 2);
  assert.match(noData.stderr, /--data <dir> is required/);
  assert.match(noData.stderr, /Usage: databox box export --data <dir>/);
});

test('each service has its own --help: its options only, each with a sentence', () => {
  const datastore = box('datastore', '--help');
  assert.equal(datastore.status, 0);
  assert.match(datastore.stdout, /^Usage: databox box datastore --name <host> --data <dir> --secret-file <file>/);
  assert.match(datastore.stdout, /--sync <mode> +.*full.*normal/s);
  assert.doesNotMatch(datastore.stdout, /--token-ttl|--admin-key-file|--service-key-file|Services:/);
  const arbiter = box('arbiter', '--help');
  assert.equal(arbiter.status, 0);
  assert.match(arbiter.stdout, /--token-ttl <ms> +.*milliseconds.*default: 3600000/s);
  assert.doesNotMatch(arbiter.stdout, /--sync|--secret-file|Services:/);
  assert.match(box("--help").stdout, /Run `databox box <command> --help` for a command's options/);
});

test('--data is the one name of the data directory; bad values exit 2 with the usage', () => {
  const old = box('datastore', '--name', 's', '--data-dir', '/tmp/x', '--secret-file', '/tmp/x/s');
  assert.equal(old.status, 2);
  assert.match(old.stderr, /unknown option --data-dir/);
  const port = box('arbiter', '--data', '/tmp/x', '--port', '70000');
  assert.equal(port.status, 2);
  assert.match(port.stderr, /--port 70000: .*0 to 65535/);
  assert.match(port.stderr, /Usage: databox box arbiter/);
  const ttl = box('arbiter', '--data', '/tmp/x', '--token-ttl', '5');
  assert.equal(ttl.status, 2);
  assert.match(ttl.stderr, /--token-ttl 5: /);
  const sync = box('datastore', '--name', 's', '--data', '/tmp/x', '--secret-file', '/tmp/x/s', '--sync', 'fast');
  assert.equal(sync.status, 2);
  assert.match(sync.stderr, /--sync fast: .*full or normal/);
});

test('a refusal exits 1 with a DataboxError line (code, message, hint), no usage, no stack', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'box-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const missing = box('export', '--data', dir, '--secret-file', path.join(dir, 'nope.secret'));
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /^databox box export: \[key-file-unreadable\] cannot read the token secret from .*nope\.secret - /);
  assert.doesNotMatch(missing.stderr, /Usage:|\n +at /);
  writeFileSync(path.join(dir, 'short.secret'), 'abc');
  const short = box('datastore', '--name', 'a-store', '--data', dir, '--secret-file', path.join(dir, 'short.secret'));
  assert.equal(short.status, 1);
  assert.match(short.stderr, /\[key-file-too-short\]/);
});

test('a port in use is a refusal naming the port', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'box-cli-'));
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  t.after(() => { taken.close(); rmSync(dir, { recursive: true, force: true }); });
  const port = String((taken.address() as AddressInfo).port);
  const run = box('audit-log', '--data', dir, '--port', port);
  assert.equal(run.status, 1);
  assert.match(run.stderr, new RegExp(`^databox box audit-log: \\[port-in-use\\] 127\\.0\\.0\\.1:${port} is in use`));
  assert.doesNotMatch(run.stderr, /\n +at /);
});

test('databox box arbiter serves on its own, keeps its files private, and stops on SIGTERM', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'box-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const child = spawn(process.execPath, [databox, 'box', 'arbiter', '--data', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => { if (child.exitCode === null) child.kill('SIGKILL'); });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
  const url = /listening on (\S+)/.exec(line)?.[1] ?? '';
  assert.equal((await fetch(`${url}/health`)).status, 200);
  assert.equal((await fetch(`${url}/admin/components`)).status, 401);
  assert.equal(statSync(path.join(dir, 'admin.key')).mode & 0o777, 0o600);
  assert.equal(statSync(path.join(dir, 'arbiter.db')).mode & 0o777, 0o600);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
});

test('databox box datastore and export start once they hold the arbiter generations, and stop on SIGTERM', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'box-cli-'));
  const adminKey = 'cli-admin-key-0123456789abcdefghij';
  const arbiter = await startArbiter({ dataDir: path.join(dir, 'arbiter'), port: 0, adminKeys: [adminKey] });
  const children: ChildProcess[] = [];
  t.after(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await arbiter.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const register = async (body: unknown) => await (await fetch(`${arbiter.url}/admin/components`, { method: 'POST', headers: { 'x-api-key': adminKey, 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as { key: string; secret: string };
  for (const [name, type] of [['store-a', 'store'], ['export-service', 'service']] as const) {
    const reg = await register({ name, type });
    writeFileSync(path.join(dir, `${name}.secret`), reg.secret, { mode: 0o600 });
    writeFileSync(path.join(dir, `${name}.key`), reg.key, { mode: 0o600 });
    const args = name === 'store-a' ? ['datastore', '--name', name] : ['export'];
    const child = spawn(process.execPath, [databox, 'box', ...args, '--data', path.join(dir, name), '--port', '0', '--secret-file', path.join(dir, `${name}.secret`), '--arbiter', arbiter.url, '--key-file', path.join(dir, `${name}.key`)], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
    const url = /listening on (\S+)/.exec(line)?.[1] ?? '';
    assert.equal((await fetch(`${url}/health`)).status, 200, line);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  }
  assert.equal(arbiter.state.db.list().length, 2);
});

test('with --tls-cert-file and --tls-key-file the services serve HTTPS; with NODE_EXTRA_CA_CERTS their own clients trust the box CA', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'box-cli-'));
  const children: ChildProcess[] = [];
  t.after(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  const pki = await ensureBoxPki(path.join(dir, 'pki'), ['audit', 'arbiter'].map((name) => ({ name, dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] })));
  const tlsArgs = (name: string) => ['--tls-cert-file', pki.components[name]?.certFile ?? '', '--tls-key-file', pki.components[name]?.keyFile ?? ''];
  const { NODE_EXTRA_CA_CERTS: _inherited, ...env } = process.env;
  const stderr: string[] = [];
  const serve = async (args: string[], extraEnv: Record<string, string>): Promise<{ child: ChildProcess; url: string }> => {
    const child = spawn(process.execPath, [databox, 'box', ...args, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...env, ...extraEnv } });
    children.push(child);
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
    return { child, url: /listening on (\S+)/.exec(line)?.[1] ?? '' };
  };
  const inBox = { NODE_EXTRA_CA_CERTS: pki.caCertFile };
  const audit = await serve(['audit-log', '--data', path.join(dir, 'audit'), ...tlsArgs('audit')], inBox);
  assert.match(audit.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  const auditArgs = ['--audit', audit.url, '--audit-key-file', path.join(dir, 'audit', 'service.key')];
  const arbiter = await serve(['arbiter', '--data', path.join(dir, 'arbiter'), ...auditArgs, ...tlsArgs('arbiter')], inBox);
  assert.match(arbiter.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  const untrusting = await serve(['arbiter', '--data', path.join(dir, 'arbiter-2'), ...auditArgs, ...tlsArgs('arbiter')], {});

  const boxFetch = fetchTrusting(readFileSync(pki.caCertFile, 'utf8'));
  const key = (file: string) => readFileSync(file, 'utf8').trim();
  for (const [url, data] of [[arbiter.url, 'arbiter'], [untrusting.url, 'arbiter-2']] as const) {
    const registered = await boxFetch(`${url}/admin/components`, { method: 'POST', headers: { 'x-api-key': key(path.join(dir, data, 'admin.key')), 'content-type': 'application/json' }, body: JSON.stringify({ name: `app-of-${data}`, type: 'app' }) });
    assert.equal(registered.status, 201);
  }
  const registers = async () => (await (await boxFetch(`${audit.url}/events?kind=register`, { headers: { 'x-api-key': key(path.join(dir, 'audit', 'admin.key')) } })).json() as { events: { component: string }[] }).events.map((e) => e.component);
  for (let i = 0; i < 200 && !(await registers()).includes('app-of-arbiter'); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  assert.deepEqual(await registers(), ['app-of-arbiter'], 'the arbiter in the box recorded over https; the one without the CA could not');
  for (let i = 0; i < 200 && !stderr.join('').includes('tls-untrusted'); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  assert.match(stderr.join(''), /audit: \[tls-untrusted\] the audit log at https:\/\/127\.0\.0\.1:\d+ presented a certificate not signed by a CA this component trusts/);
  for (const { child } of [untrusting, arbiter, audit]) {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  }
});
