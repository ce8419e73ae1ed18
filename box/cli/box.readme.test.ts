// box/README.md's "Run each service" recipe, run as written: every `databox box` line of it is
// started as a real process (the recipe's /var/lib/databox moved to a temporary folder, its
// ports to ones the OS picks), the registration step it describes in a comment is done here,
// and every service it starts must record what it does in the audit log it names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

const root = path.join(__dirname, '..', '..');
const databox = path.join(root, 'cli', 'databox.js');

/** The `databox box ...` commands of the recipe, continuation lines joined, comments dropped. */
function recipeCommands(readme: string): string[][] {
  const section = readme.split(/^## /m).find((s) => s.startsWith('Run each service'));
  const block = /```sh\n([\s\S]*?)```/.exec(section ?? '')?.[1];
  assert.ok(block, 'box/README.md has a "Run each service" section with a sh block');
  return block.replace(/\\\n/g, ' ').split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line.startsWith('databox box '))
    .map((line) => line.split(/\s+/).slice(1));
}

const flag = (args: string[], name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};

test('the README recipe starts audit, arbiter, export and datastore, and each one audits', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'box-recipe-'));
  const children: ChildProcess[] = [];
  t.after(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  const commands = recipeCommands(readFileSync(path.join(root, 'box', 'README.md'), 'utf8'));
  assert.deepEqual(commands.map((c) => c[1]), ['audit-log', 'arbiter', 'export', 'datastore']);

  const urls = new Map<string, string>(); // the recipe's http://127.0.0.1:<port> -> where it really listens
  const start = async (args: string[]): Promise<string> => {
    const port = flag(args, '--port') ?? '';
    const real = args.map((arg) => [...urls].reduce((a, [from, to]) => a.replace(from, to), arg.replace('/var/lib/databox', dir)))
      .map((arg, i, all) => (all[i - 1] === '--port' ? '0' : arg));
    const child = spawn(process.execPath, [databox, ...real], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`databox ${args.join(' ')} exited with ${code}: ${stderr}`)));
      createInterface({ input: child.stdout }).once('line', (line) => resolve(/listening on (\S+)/.exec(line)?.[1] ?? ''));
    });
    urls.set(`http://127.0.0.1:${port}`, url);
    assert.equal((await fetch(`${url}/health`)).status, 200);
    return url;
  };
  const [auditArgs, arbiterArgs, exportArgs, storeArgs] = commands as [string[], string[], string[], string[]];

  const auditUrl = await start(auditArgs);
  const arbiterUrl = await start(arbiterArgs);
  const adminKey = readFileSync(path.join(dir, 'arbiter', 'admin.key'), 'utf8').trim();
  const admin = async (p: string, body: unknown) => fetch(`${arbiterUrl}/admin${p}`, { method: 'POST', headers: { 'x-api-key': adminKey, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  // The recipe's comment: register the export service and the datastore, keep key and secret in the files it names.
  const storeName = flag(storeArgs, '--name') ?? '';
  for (const [args, name, type] of [[exportArgs, 'export-service', 'service'], [storeArgs, storeName, 'store']] as const) {
    const registered = await (await admin('/components', { name, type })).json() as { key: string; secret: string };
    for (const [option, value] of [['--secret-file', registered.secret], ['--key-file', registered.key]] as const) {
      const file = path.resolve(dir, (flag(args, option) ?? '').replace('/var/lib/databox', dir));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, value, { mode: 0o600 });
    }
  }
  const exportUrl = await start(exportArgs);
  const storeUrl = await start(storeArgs);

  const app = await (await admin('/components', { name: 'recipe-app', type: 'app' })).json() as { key: string };
  const grant = { target: storeName, path: '/ts/readings', method: 'POST' };
  assert.equal((await admin('/components/recipe-app/grants', grant)).status, 201);
  assert.equal((await admin('/components/recipe-app/grants', { target: 'export-service', path: '/export', method: 'POST', destination: 'https://example.org/in' })).status, 201);
  const token = async (body: unknown) => (await fetch(`${arbiterUrl}/token`, { method: 'POST', headers: { 'x-api-key': app.key, 'content-type': 'application/json' }, body: JSON.stringify(body) })).text();
  const storeToken = await token(grant); // arbiter: token-mint
  assert.equal((await fetch(`${storeUrl}/ts/readings`, { method: 'POST', headers: { 'x-api-key': storeToken }, body: '{"value":1}' })).status, 200);
  assert.equal((await fetch(`${storeUrl}/ts/other/latest`, { headers: { 'x-api-key': storeToken } })).status, 403); // datastore: request-refused
  const exportToken = await token({ target: 'export-service', path: '/export', method: 'POST', destination: 'https://example.org/in' });
  const refused = await fetch(`${exportUrl}/export`, { method: 'POST', headers: { 'x-api-key': exportToken, 'content-type': 'application/json' }, body: JSON.stringify({ uri: 'https://elsewhere.example.org/', data: {} }) });
  assert.equal(refused.status, 403); // export service: export-refused

  const auditAdmin = readFileSync(path.join(dir, 'audit', 'admin.key'), 'utf8').trim();
  const wanted = ['token-mint', 'request-refused', 'export-refused'];
  let kinds: string[] = [];
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    const { events } = await (await fetch(`${auditUrl}/events?component=recipe-app`, { headers: { 'x-api-key': auditAdmin } })).json() as { events: { kind: string }[] };
    kinds = events.map((e) => e.kind);
    if (wanted.every((k) => kinds.includes(k))) break;
  }
  for (const kind of wanted) assert.ok(kinds.includes(kind), `the audit log has a ${kind} event (got ${kinds.join(', ')})`);

  for (const child of children) {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  }
});
