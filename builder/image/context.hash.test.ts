import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { contextHash } from './context.hash';
import { runtimeContext } from './runtime.context';
import type { ContextEntry } from './context.types';

const entry = (name: string, content: string, mode = 0o644): ContextEntry => ({ name, mode, content: Buffer.from(content) });

test('the same entries give the same hash, in any order, from memory or from a file with any mtime', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctx-hash-'));
  try {
    const file = path.join(dir, 'b.js');
    fs.writeFileSync(file, 'b');
    const fromMemory = await contextHash([entry('a.js', 'a'), entry('b.js', 'b')], ['base']);
    assert.match(fromMemory, /^[0-9a-f]{64}$/);
    assert.equal(await contextHash([{ name: 'b.js', mode: 0o644, file, size: 1 }, entry('a.js', 'a')], ['base']), fromMemory);
    fs.utimesSync(file, new Date(0), new Date(0));
    assert.equal(await contextHash([entry('a.js', 'a'), { name: 'b.js', mode: 0o644, file, size: 1 }], ['base']), fromMemory, 'mtimes do not count');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('any change of a name, a mode, a byte or an extra input changes the hash', async () => {
  const base = await contextHash([entry('a.js', 'a'), entry('b.js', 'b')], ['base']);
  const changed = await Promise.all([
    contextHash([entry('a.js', 'a'), entry('c.js', 'b')], ['base']),
    contextHash([entry('a.js', 'a'), entry('b.js', 'b', 0o755)], ['base']),
    contextHash([entry('a.js', 'a'), entry('b.js', 'B')], ['base']),
    contextHash([entry('a.js', 'a'), entry('b.js', 'b')], ['other base']),
    contextHash([entry('a.js', 'a')], ['base']),
    // Moving a byte from one file to the next must not give the same stream.
    contextHash([entry('a.js', 'ab'), entry('b.js', '')], ['base']),
  ]);
  for (const [i, hash] of changed.entries()) assert.notEqual(hash, base, `change ${i}`);
  assert.equal(new Set(changed).size, changed.length);
});

test('the runtime context of this checkout hashes the same twice (what makes "same content, no rebuild" hold)', async () => {
  const context = runtimeContext(path.resolve(__dirname, '..', '..'), '9.9.9');
  assert.equal(await contextHash(context.entries, ['x']), await contextHash(runtimeContext(path.resolve(__dirname, '..', '..'), '9.9.9').entries, ['x']));
});
