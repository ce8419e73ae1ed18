import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { extract } from 'tar-stream';
import { DataboxError } from '../../core/errors';
import { packContext } from './context.tar';
import { isSafeContextName } from './context.types';

async function unpack(stream: ReturnType<typeof packContext>): Promise<{ name: string; mode: number; body: string; mtime: number }[]> {
  const out: { name: string; mode: number; body: string; mtime: number }[] = [];
  const reader = extract();
  const done = new Promise<void>((resolve, reject) => {
    reader.on('entry', (header, body, next) => {
      const chunks: Buffer[] = [];
      body.on('data', (c: unknown) => { if (Buffer.isBuffer(c)) chunks.push(c); });
      body.on('end', () => { out.push({ name: header.name, mode: header.mode ?? 0, body: Buffer.concat(chunks).toString(), mtime: header.mtime?.getTime() ?? 0 }); next(); });
    });
    reader.on('finish', resolve);
    reader.on('error', reject);
  });
  Readable.from(stream).pipe(reader);
  await done;
  return out;
}

test('packs in-memory and on-disk entries in order, with modes and a fixed mtime', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctx-'));
  try {
    const file = path.join(dir, 'big.js');
    fs.writeFileSync(file, 'x'.repeat(70_000));
    const entries = await unpack(packContext([
      { name: 'Dockerfile', mode: 0o644, content: Buffer.from('FROM x\n') },
      { name: 'node_modules/a/big.js', mode: 0o755, file, size: 70_000 },
    ]));
    assert.deepEqual(entries.map((e) => [e.name, e.mode.toString(8), e.body.length]), [['Dockerfile', '644', 7], ['node_modules/a/big.js', '755', 70_000]]);
    assert.equal(new Set(entries.map((e) => e.mtime)).size, 1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('names that climb out of the context are refused before anything is packed', () => {
  for (const name of ['../x', '/etc/passwd', 'a/../../b', 'a//b', './a', 'a\\b', '']) {
    assert.equal(isSafeContextName(name), false, name);
    assert.throws(() => packContext([{ name, mode: 0o644, content: Buffer.from('') }]), (e: unknown) => e instanceof DataboxError && e.code === 'image-context-path');
  }
  assert.equal(isSafeContextName('node_modules/@scope/pkg/index.js'), true);
});
