// Every `databox` command and sub-command, through the real bin: `--help` exits 0 and lists
// exactly the options its spec declares, each with a sentence, and no other command's text;
// a bad argument exits 2 with the message and that command's usage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { helpText, type CommandSpec } from '../core/cli';
import { BUILD_COMMAND } from '../builder/cli/build.command';
import { PUBLISH_COMMAND } from '../store-app/cli/publish.cli';
import { APP_STORE_COMMAND } from '../store-app/cli/app-store.cli';
import { BOX_COMMAND } from '../box/cli/box.commands';
import { STUDIO_COMMAND } from '../editor/cli/studio.command';
import { COLLECTOR_COMMAND } from '../collector/collector.cli';
import { UP_COMMAND } from '../stack/up.command';
import table from '../core/cli/commands.json';

const bin = path.join(__dirname, 'databox.js');
const TOP: Record<keyof typeof table, CommandSpec> = { build: BUILD_COMMAND, publish: PUBLISH_COMMAND, store: APP_STORE_COMMAND, box: BOX_COMMAND, studio: STUDIO_COMMAND, collector: COLLECTOR_COMMAND, up: UP_COMMAND };
const ALL: CommandSpec[] = Object.values(TOP).flatMap((spec) => [spec, ...Object.values(spec.subcommands ?? {})]);

function databox(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, DATABOX_STORE_URL: '', DATABOX_STORE_TOKEN: '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

const words = (spec: CommandSpec): string[] => spec.name.split(' ').slice(1);

/** Two at a time: this machine has two cores. */
async function eachPair<T>(items: T[], run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += 2) await Promise.all(items.slice(i, i + 2).map(run));
}

/** The `--flag`s the Options section lists, and whether each has its sentence. */
function listedOptions(help: string): Map<string, string> {
  const section = help.split('\n\n').find((part) => part.startsWith('Options:')) ?? '';
  const listed = new Map<string, string>();
  let last = '';
  for (const line of section.split('\n').slice(1)) {
    const head = /^ {2}(?:-\w, )?--([\w-]+)(?: <[^>]+>)?(.*)$/.exec(line);
    if (head?.[1]) { last = head[1]; listed.set(last, (head[2] ?? '').trim()); }
    else listed.set(last, `${listed.get(last) ?? ''} ${line.trim()}`.trim());
  }
  return listed;
}

test('databox --help lists every command with the summary its own --help shows', async () => {
  const top = await databox(['--help']);
  assert.equal(top.code, 0);
  for (const [name, spec] of Object.entries(TOP)) {
    assert.match(top.stdout, new RegExp(`^ {2}${name} +${spec.summary.replace(/[()]/g, '\\$&')}$`, 'm'));
    assert.equal(spec.summary, table[name as keyof typeof table].summary);
  }
  const none = await databox([]);
  assert.equal(none.code, 2);
  assert.ok(none.stderr.startsWith(`databox: give a command: ${Object.keys(table).join(', ')}\n\nUsage: databox <command>`), none.stderr);
  assert.equal((await databox(['nope'])).code, 2);
});

test('every command and sub-command has its own --help: exactly its options, each with a sentence', async () => {
  await eachPair(ALL, async (spec) => {
    const { code, stdout } = await databox([...words(spec), '--help']);
    assert.equal(code, 0, spec.name);
    assert.equal(stdout, `${helpText(spec)}\n`, `${spec.name}: the bin prints the help generated from the spec`);
    assert.ok(stdout.startsWith(`Usage: ${spec.name} `), spec.name);
    for (const other of ALL) {
      if (other === spec || Object.values(spec.subcommands ?? {}).includes(other)) continue;
      assert.ok(!stdout.includes(other.summary), `${spec.name} --help does not show ${other.name}'s summary`);
      if (other.subcommands) assert.ok(!stdout.includes(`Run \`${other.name} <`), `${spec.name} --help has not ${other.name}'s generic text`);
    }
    if (spec.subcommands) {
      for (const sub of Object.values(spec.subcommands)) assert.ok(stdout.includes(`  ${sub.name} `) && stdout.includes(sub.summary), `${spec.name} lists ${sub.name}`);
      assert.doesNotMatch(stdout, /^Options:/m, `${spec.name}: a group has no options of its own`);
      return;
    }
    assert.doesNotMatch(stdout, /^(Commands|Services):$/m, `${spec.name}: no list of sub-commands`);
    const listed = listedOptions(stdout);
    assert.deepEqual([...listed.keys()].sort(), [...Object.keys(spec.options), 'help'].sort(), `${spec.name} lists exactly its options`);
    for (const [flag, sentence] of listed) assert.ok(sentence.split(' ').length >= 3, `${spec.name} --${flag} has a sentence: "${sentence}"`);
  });
});

test('a bad argument exits 2 with the message and the usage of the command it was given to', async () => {
  await eachPair(ALL, async (spec) => {
    const bad = await databox([...words(spec), spec.subcommands ? 'bogus' : '--no-such-option']);
    assert.equal(bad.code, 2, spec.name);
    const label = spec.subcommandLabel ?? 'command';
    const message = spec.subcommands ? `unknown ${label} "bogus"` : 'unknown option --no-such-option';
    assert.ok(bad.stderr.startsWith(`${spec.name}: ${message}`), `${spec.name}: ${bad.stderr}`);
    // One usage line, or several (a command with more than one form), then how to get the rest.
    assert.match(bad.stderr, new RegExp(`\n\nUsage: ${spec.name} [^\n]*\n(?: {7}[^\n]*\n)*Run \`${spec.name}`));
    assert.equal(bad.stdout, '');
  });
});
