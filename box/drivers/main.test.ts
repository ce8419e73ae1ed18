import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CommandIO } from '../../core/cli';
import { main } from './main';

const run = async (argv: string[], env: Record<string, string>) => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIO = { out: (t) => out.push(t), err: (t) => err.push(t), env };
  return { code: await main(argv, io), out, err };
};

test('a driver that cannot start says why in one line and exits 1, before it touches the network', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'driver-main-'));
  try {
    const keyFile = path.join(dir, 'key');
    writeFileSync(keyFile, 'a-key\n');
    // Nothing listens on port 9: a driver that reached for the arbiter or its store would fail differently.
    const env = { DATABOX_ARBITER_ENDPOINT: 'http://127.0.0.1:9', DATABOX_STORE_ENDPOINT: 'http://127.0.0.1:9', DATABOX_STORE_NAME: 'x-store', DATABOX_ARBITER_TOKEN_FILE: keyFile };
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['hue'], env, /^databox-driver: \[driver-unknown\] there is no built-in driver "hue" - One of os-monitor, sensors-sim, webhook\.$/],
      [[], env, /^databox-driver: \[driver-unnamed\]/],
      [[], { ...env, DATABOX_LOCAL_NAME: 'hue' }, /\[driver-unknown\] there is no built-in driver "hue"/],
      [['os-monitor'], { ...env, DATABOX_ARBITER_ENDPOINT: '' }, /^databox-driver: \[driver-env-invalid\] DATABOX_ARBITER_ENDPOINT is not set - The box sets it/],
      [['os-monitor'], { ...env, DATABOX_ARBITER_TOKEN_FILE: path.join(dir, 'none') }, /\[driver-key-missing\] cannot read the driver's arbiter key at .*none - /],
      [['os-monitor'], { ...env, DATABOX_DISK_PATH: path.join(dir, 'none') }, /\[disk-path-unreadable\] cannot read the filesystem of DATABOX_DISK_PATH/],
      [['webhook'], env, /\[driver-env-invalid\] DATABOX_DRIVER_PORT is not set/],
      [['webhook'], { ...env, DATABOX_DRIVER_PORT: '0', DATABOX_DRIVER_CONFIG: path.join(dir, 'none.json') }, /\[webhook-config-unreadable\] cannot read the webhook config/],
    ];
    for (const [argv, e, line] of cases) {
      const result = await run(argv, e);
      assert.deepEqual([result.code, result.out, result.err.length], [1, [], 1], `${argv.join(' ')}: ${result.err.join('\n')}`);
      assert.match(result.err[0] ?? '', line);
    }
    const twice = await run(['os-monitor', 'webhook'], env);
    assert.equal(twice.code, 2, 'bad arguments');
    const help = await run(['--help'], {});
    assert.equal(help.code, 0);
    assert.match(help.out.join('\n'), /DATABOX_DRIVER_CONFIG/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
