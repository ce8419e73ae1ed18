import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pack } from 'tar-stream';
import { readTar, TarFormatError } from './tar.read';
import { ustarName, writeTar } from './tar.write';

const long = `package/${'deep/'.repeat(30)}index.js`;

test('what writeTar writes reads back: names (a long one through the ustar prefix), modes, bytes', () => {
  const tar = writeTar([
    { name: 'flows.json', data: Buffer.from('[]') },
    { name: 'package/bin/run.js', data: Buffer.from('#!/usr/bin/env node\n'), mode: 0o755, mtime: 499162500 },
    { name: long, data: Buffer.alloc(600, 'x') },
  ]);
  const entries = readTar(tar);
  assert.deepEqual(entries.map((e) => [e.name, e.type, e.mode.toString(8), e.size]), [
    ['flows.json', 'file', '644', 2], ['package/bin/run.js', 'file', '755', 20], [long, 'file', '644', 600],
  ]);
  assert.equal(entries[2]?.data.toString(), 'x'.repeat(600));
  assert.ok(long.length > 100 && ustarName(long)?.prefix !== '');
  assert.equal(ustarName(`${'a'.repeat(101)}/${'b'.repeat(101)}`), undefined);
  assert.throws(() => writeTar([{ name: '../x', data: Buffer.alloc(0) }]), /relative path/);
  assert.throws(() => writeTar([{ name: 'a'.repeat(300), data: Buffer.alloc(0) }]), /too long/);
});

test('GNU tar reads what writeTar writes, and readTar reads GNU tar (PAX long names, directories, symlinks)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tar-read-'));
  try {
    writeFileSync(join(dir, 'ours.tar'), writeTar([{ name: long, data: Buffer.from('hi') }]));
    assert.equal(execFileSync('tar', ['-tf', join(dir, 'ours.tar')], { encoding: 'utf8' }).trim(), long);
    const tree = join(dir, 'tree');
    const deep = join(tree, 'package', 'x'.repeat(120), 'y'.repeat(120));
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'z'.repeat(40)), 'deep');
    symlinkSync('/etc/passwd', join(tree, 'package', 'link'));
    const gnu = execFileSync('tar', ['--format=posix', '--sort=name', '-cf', '-', '-C', tree, 'package']);
    const entries = readTar(gnu).map((e) => `${e.type} ${e.name}${e.linkname ? ` -> ${e.linkname}` : ''}`);
    assert.ok(entries.includes(`file package/${'x'.repeat(120)}/${'y'.repeat(120)}/${'z'.repeat(40)}`), entries.join('\n'));
    assert.ok(entries.includes('symlink package/link -> /etc/passwd'));
    assert.ok(entries.includes('directory package/'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('tar-stream\'s devices, fifos and hard links are reported as such', async () => {
  const packer = pack();
  const chunks: Buffer[] = [];
  const done = (async () => { for await (const chunk of packer) chunks.push(Buffer.from(chunk as Uint8Array)); })();
  packer.entry({ name: 'package/dev', type: 'character-device', devmajor: 1, devminor: 3 });
  packer.entry({ name: 'package/fifo', type: 'fifo' });
  packer.entry({ name: 'package/hard', type: 'link', linkname: 'package/dev' });
  packer.finalize();
  await done;
  assert.deepEqual(readTar(Buffer.concat(chunks)).map((e) => e.type), ['character-device', 'fifo', 'link']);
});

test('malformed archives throw a TarFormatError: garbage, a bad checksum, cut off, a base-256 size', () => {
  const good = writeTar([{ name: 'a.txt', data: Buffer.alloc(1000, 'a') }]);
  assert.throws(() => readTar(Buffer.alloc(1024, 'x')), TarFormatError);
  const badSum = Buffer.from(good);
  badSum[0] = 0x62;
  assert.throws(() => readTar(badSum), /bad checksum/);
  assert.throws(() => readTar(good.subarray(0, 700)), /cut off/);
  const huge = Buffer.from(good);
  huge[124] = 0x80;
  huge.fill(0x20, 148, 156);
  const sum = huge.subarray(0, 512).reduce((total, byte) => total + byte, 0);
  huge.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 'binary');
  assert.throws(() => readTar(huge), /base-256/);
  assert.deepEqual(readTar(Buffer.alloc(0)), []);
});
