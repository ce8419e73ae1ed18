import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dockerfileInstructions } from './dockerfile.instructions';
import { dockerQuote, withFinalLabels, withLabels } from './dockerfile.labels';

test('labels join the first LABEL instruction, after its continuation lines', () => {
  const text = 'FROM x\nLABEL a="1" \\\n      b="2"\nCOPY f /app/\nLABEL c="3"\n';
  const out = withLabels(text, { 'io.databox.test': '1', m: '{"k":"$v"}' });
  const instructions = dockerfileInstructions(out).map((i) => i.text);
  assert.equal(instructions.length, 4, out);
  assert.equal(instructions[1], 'LABEL a="1" b="2" "io.databox.test"="1" "m"="{\\"k\\":\\"\\$v\\"}"');
  assert.equal(instructions[2], 'COPY f /app/');
});

test('without a LABEL instruction, one is added right after FROM', () => {
  assert.equal(withLabels('# c\nFROM x\nCOPY a /a\n', { k: 'v' }), '# c\nFROM x\nLABEL "k"="v"\nCOPY a /a\n');
  assert.equal(withLabels('FROM x\n', {}), 'FROM x\n');
});

test('values stay on one line with quotes, backslashes and $ escaped', () => {
  assert.equal(dockerQuote('a\nb "c" \\ $HOME'), '"a b \\"c\\" \\\\ \\$HOME"');
});

test('final labels are the last instruction, after every other step', () => {
  assert.equal(withFinalLabels('FROM x\nUSER 1000\n\n', { 'io.databox.content': 'abc' }), 'FROM x\nUSER 1000\nLABEL "io.databox.content"="abc"\n');
  assert.equal(withFinalLabels('FROM x\nUSER 1000', { k: 'v' }), 'FROM x\nUSER 1000\nLABEL "k"="v"\n');
  assert.equal(withFinalLabels('FROM x\n', {}), 'FROM x\n');
});
