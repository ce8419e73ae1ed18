import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { mintToken } from '../tokens/token.mint';
import { aggregateValues } from '../../core/protocol';

// Durability: a store running as a child process (`databox box datastore`) is killed with SIGKILL while writes are in
// flight; restarted on the same data dir, it still has every point it acknowledged, and its
// summaries agree with its rows (they commit in the same transaction).
const root = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'databox-store-durability-'));
const secret = randomBytes(24).toString('hex');
writeFileSync(join(dir, 'secret'), secret, { mode: 0o600 });
const children: ChildProcess[] = [];
after(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const start = (): Promise<{ child: ChildProcess; url: string; exited: Promise<unknown> }> => new Promise((resolvePromise, reject) => {
  const child = spawn(process.execPath, ['cli/databox.js', 'box', 'datastore', '--name', 'durable-store', '--data', join(dir, 'data'), '--secret-file', join(dir, 'secret'), '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const match = /listening on (http:\/\/\S+)/.exec(out);
    if (match) resolvePromise({ child, url: match[1], exited });
  });
  child.once('exit', (code) => reject(new Error(`store exited with ${code} before listening: ${out}`)));
});

const token = (path: string, method: 'GET' | 'POST'): string =>
  mintToken({ secret, target: 'durable-store', path, method, component: 'driver', generation: 0, expiresAt: Date.now() + 600_000 });

test('kill -9 during writes loses no acknowledged point', async () => {
  const first = await start();
  const writeToken = token('/*', 'POST');
  const acknowledged = new Map<number, number>();
  let next = 1_000_000;
  let killed = false;
  const writer = async (): Promise<void> => {
    while (!killed) {
      const batch = next % 5 === 0;
      const at = next;
      next += batch ? 10 : 1;
      try {
        const response = batch
          ? await fetch(`${first.url}/ts/readings/batch`, { method: 'POST', headers: { 'x-api-key': writeToken }, body: JSON.stringify(Array.from({ length: 10 }, (_, i) => ({ timestamp: at + i, value: (at + i) % 97 }))) })
          : await fetch(`${first.url}/ts/readings/at/${at}`, { method: 'POST', headers: { 'x-api-key': writeToken }, body: JSON.stringify({ value: at % 97 }) });
        if (response.status === 200) {
          for (let i = 0; i < (batch ? 10 : 1); i++) acknowledged.set(at + i, (at + i) % 97);
        } else {
          killed = true;
          throw new Error(`write answered ${response.status}`);
        }
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('write answered')) throw error;
        return; // the store died under this request: not acknowledged
      }
    }
  };
  for (const key of ['a', 'b', 'c']) {
    const kv = await fetch(`${first.url}/kv/settings/${key}`, { method: 'POST', headers: { 'x-api-key': writeToken }, body: JSON.stringify({ key }) });
    assert.equal(kv.status, 200);
  }
  assert.equal((await fetch(`${first.url}/ts/blob/notes/at/7`, { method: 'POST', headers: { 'x-api-key': writeToken }, body: '{"text":"kept"}' })).status, 200);
  const writers = Array.from({ length: 6 }, () => writer());
  const deadline = Date.now() + 60_000;
  while (acknowledged.size < 1500) {
    assert.ok(Date.now() < deadline, `only ${acknowledged.size} writes acknowledged in a minute`);
    await new Promise((r) => setTimeout(r, 5));
  }
  first.child.kill('SIGKILL');
  killed = true;
  await Promise.all(writers);
  await first.exited;

  const second = await start();
  const read = token('/ts/readings/*', 'GET');
  const rows = (await (await fetch(`${second.url}/ts/readings/since/0`, { headers: { 'x-api-key': read } })).json()) as { timestamp: number; data: { value: number } }[];
  const stored = new Map(rows.map((row) => [row.timestamp, row.data.value]));
  let missing = 0;
  for (const [timestamp, value] of acknowledged) if (stored.get(timestamp) !== value) missing++;
  assert.equal(missing, 0, `${missing} of ${acknowledged.size} acknowledged points are missing after kill -9`);
  assert.equal(new Set(rows.map((r) => r.timestamp)).size, rows.length, 'no point stored twice');
  const mean = (await (await fetch(`${second.url}/ts/readings/since/0/mean`, { headers: { 'x-api-key': read } })).json()) as { result: number };
  const count = (await (await fetch(`${second.url}/ts/readings/since/0/count`, { headers: { 'x-api-key': read } })).json()) as { result: number };
  assert.equal(count.result, rows.length, 'summaries count what the rows hold');
  assert.ok(Math.abs(mean.result - (aggregateValues(rows.map((r) => r.data.value), 'mean') ?? NaN)) < 1e-9);
  const kvToken = token('/kv/settings/*', 'GET');
  for (const key of ['a', 'b', 'c']) assert.deepEqual(await (await fetch(`${second.url}/kv/settings/${key}`, { headers: { 'x-api-key': kvToken } })).json(), { key });
  const blobs = await (await fetch(`${second.url}/ts/blob/notes/latest`, { headers: { 'x-api-key': token('/ts/blob/notes/latest', 'GET') } })).json();
  assert.deepEqual(blobs, [{ timestamp: 7, data: { text: 'kept' } }]);
  second.child.kill('SIGTERM');
  await second.exited;
});
