import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataboxError } from '../errors';
import { helpText, usageText, wrap } from './command.help';
import { parseCommand } from './command.parse';
import { defineCommand } from './command.types';
import { portOption } from './ports';

const pair = (text: string): [string, string] => {
  const at = text.indexOf('=');
  if (at <= 0) throw new DataboxError('pair-invalid', 'use key=value', { hint: 'e.g. a=1' });
  return [text.slice(0, at), text.slice(at + 1)];
};

const MAKE = defineCommand({
  name: 'databox make',
  summary: 'make a thing',
  description: 'Makes one thing from a file.',
  positionals: [{ name: 'file', description: 'the file to make it from', required: true }],
  options: {
    out: { type: 'string', value: '<dir>', description: 'where to write it' },
    port: portOption(8080),
    store: { type: 'string', value: '<url>', required: true, env: 'MAKE_STORE', description: 'the store' },
    mode: { type: 'string', value: '<mode>', choices: ['fast', 'safe'], default: 'safe', description: 'how to make it' },
    image: { type: 'boolean', short: 'i', description: 'also an image' },
    tag: { type: 'string', value: '<tag>', requires: 'image', description: 'the image tag' },
    label: { type: 'string', value: '<k=v>', multiple: true, requires: 'image', parse: pair, description: 'an image label' },
  },
  notes: 'Exit status: 0 made.',
});

const GROUP = defineCommand({
  name: 'databox things',
  summary: 'run things',
  subcommandLabel: 'thing',
  options: {},
  subcommands: {
    serve: { name: 'databox things serve', summary: 'serve things', options: { data: { type: 'string', value: '<dir>', required: true, description: 'the data' } } },
    list: { name: 'databox things list', summary: 'list things', options: { all: { type: 'boolean', description: 'every thing' } } },
  },
});

const env = { MAKE_STORE: 'http://store' };

test('values are typed and filled from the spec: defaults, env, parse, repeatable, booleans', () => {
  const parsed = parseCommand(MAKE, ['f.json', '--out=o', '--port', '0', '-i', '--label', 'a=1', '--label=b=2=3', '--tag', 'x:1'], env);
  assert.equal(parsed.kind, 'ok');
  if (parsed.kind !== 'ok') return;
  const port: number = parsed.values.port;
  const labels: [string, string][] = parsed.values.label;
  const out: string | undefined = parsed.values.out;
  const mode: 'fast' | 'safe' = parsed.values.mode;
  assert.equal(mode, 'safe');
  assert.deepEqual({ port, labels, out }, { port: 0, labels: [['a', '1'], ['b', '2=3']], out: 'o' });
  assert.deepEqual(parsed.values, { out: 'o', port: 0, store: 'http://store', mode: 'safe', image: true, tag: 'x:1', label: [['a', '1'], ['b', '2=3']] });
  assert.deepEqual(parsed.positionals, ['f.json']);
  assert.equal(parsed.command, 'databox make');
  const plain = parseCommand(MAKE, ['f.json', '--store', 'http://given', '--mode', 'fast'], env);
  assert.deepEqual(plain.kind === 'ok' && plain.values, { out: undefined, port: 8080, store: 'http://given', mode: 'fast', image: false, tag: undefined, label: [] });
});

test('--help anywhere (before --) is the help, even next to a mistake', () => {
  for (const argv of [['--help'], ['-h'], ['f.json', '--bogus', '--help'], ['--port', 'x', '-h']]) {
    const parsed = parseCommand(MAKE, argv, env);
    assert.equal(parsed.kind, 'help', argv.join(' '));
    assert.equal(parsed.kind === 'help' && parsed.text, helpText(MAKE));
  }
  assert.equal(parseCommand(MAKE, ['--', '--help'], env).kind, 'ok', 'after --, --help is a file name');
});

test('every mistake is named, with the usage', () => {
  const cases: [string[], string][] = [
    [['f.json', '--colour', 'red'], 'unknown option --colour'],
    [['f.json', '-x'], 'unknown option -x'],
    [['f.json', '--out'], '--out needs a value'],
    [['f.json', '--out='], '--out needs a value'],
    [['f.json', '--out', '--image'], '--out needs a value (to give one that starts with "-", write --out=<value>)'],
    [['f.json', '--image=yes'], '--image takes no value'],
    [['f.json', '--out', 'a', '--out', 'b'], '--out is given more than once'],
    [['f.json', '--port', 'http'], '--port http: a port is a whole number from 0 to 65535 - Give 0 to let the OS pick a free one'],
    [['f.json', '--port', '65536'], '--port 65536: a port is a whole number from 0 to 65535 - Give 0 to let the OS pick a free one'],
    [['f.json', '--mode', 'slow'], '--mode slow: use fast or safe'],
    [['f.json', '--tag', 'x'], '--tag needs --image'],
    [['f.json', '--label', 'a=1'], '--label needs --image'],
    [['f.json', '-i', '--label', 'nope'], '--label nope: use key=value - e.g. a=1'],
    [[], 'give <file>: the file to make it from'],
    [['a', 'b'], 'unexpected argument "b"'],
  ];
  for (const [argv, message] of cases) {
    assert.deepEqual(parseCommand(MAKE, argv, env), { kind: 'error', command: 'databox make', message, usage: usageText(MAKE) }, argv.join(' '));
  }
  assert.deepEqual(parseCommand(MAKE, ['f.json'], {}), {
    kind: 'error', command: 'databox make', message: '--store <url> is required (or set $MAKE_STORE)', usage: usageText(MAKE),
  });
  const badEnv = parseCommand(defineCommand({ name: 'x', summary: 'x', options: { port: { ...portOption(1), env: 'X_PORT' } } }), [], { X_PORT: 'abc' });
  assert.equal(badEnv.kind === 'error' && badEnv.message, '$X_PORT abc: a port is a whole number from 0 to 65535 - Give 0 to let the OS pick a free one');
  assert.throws(() => parseCommand(defineCommand({ name: 'x', summary: 'x', options: { n: { type: 'string', description: 'n', parse: () => { throw new TypeError('bug'); } } } }), ['--n', '1']), TypeError, 'a parser\'s bug is not a bad argument');
});

test('sub-commands: each parses by its own spec; the group explains itself', () => {
  const serve = parseCommand(GROUP, ['serve', '--data', 'd']);
  assert.deepEqual(serve, { kind: 'ok', command: 'databox things serve', subcommand: 'serve', values: { data: 'd' }, positionals: [] });
  if (serve.kind === 'ok' && serve.subcommand === 'serve') assert.equal(serve.values.data, 'd');
  const list = parseCommand(GROUP, ['list', '--all']);
  if (list.kind === 'ok' && list.subcommand === 'list') assert.equal(list.values.all, true);
  assert.equal(parseCommand(GROUP, ['list', '--data', 'd']).kind, 'error', 'a sibling\'s option is unknown');
  const subHelp = parseCommand(GROUP, ['serve', '--help']);
  assert.equal(subHelp.kind === 'help' && subHelp.command, 'databox things serve');
  for (const argv of [['--help'], ['-h'], ['help']]) assert.equal(parseCommand(GROUP, argv).kind === 'help' && helpText(GROUP), helpText(GROUP));
  const message = (argv: string[]) => { const r = parseCommand(GROUP, argv); return r.kind === 'error' ? `${r.command}: ${r.message}` : r.kind; };
  assert.equal(message([]), 'databox things: give a thing: serve or list');
  assert.equal(message(['bogus']), 'databox things: unknown thing "bogus" (give serve or list)');
  assert.equal(message(['--data', 'd']), 'databox things: give a thing (serve or list) before the options');
  assert.equal(message(['toString']), 'databox things: unknown thing "toString" (give serve or list)');
  assert.equal(message(['serve']), 'databox things serve: --data <dir> is required');
});

test('the help is generated from the spec: every option, its value, default, env, choices', () => {
  assert.equal(helpText(MAKE), [
    'Usage: databox make <file> --store <url> [options]',
    '',
    'Make a thing.',
    '',
    'Makes one thing from a file.',
    '',
    'Arguments:',
    '  <file>                  the file to make it from',
    '',
    'Options:',
    '  --out <dir>             where to write it',
    '  --port <port>           the port to listen on; 0 lets the OS pick a free one, shown in the URL',
    '                          printed at start (default: 8080)',
    '  --store <url>           the store (required; or $MAKE_STORE)',
    '  --mode <mode>           how to make it (fast or safe; default: safe)',
    '  -i, --image             also an image',
    '  --tag <tag>             the image tag (needs --image)',
    '  --label <k=v>           an image label (repeatable; needs --image)',
    '  -h, --help              show this help',
    '',
    'Exit status: 0 made.',
  ].join('\n'));
  assert.equal(usageText(MAKE), 'Usage: databox make <file> --store <url> [options]\nRun `databox make --help` for every option.');
  assert.equal(helpText(GROUP), [
    'Usage: databox things <thing> [options]',
    '',
    'Run things.',
    '',
    'Things:',
    '  databox things serve --data <dir>',
    '      serve things',
    '  databox things list [options]',
    '      list things',
    '',
    'Run `databox things <thing> --help` for a thing\'s options.',
  ].join('\n'));
});

test('wrap keeps words whole, indents every line, keeps blank lines', () => {
  assert.equal(wrap('one two three four', 12, '  '), '  one two\n  three four');
  assert.equal(wrap('a\n\nb', 80, '> '), '> a\n\n> b');
});
