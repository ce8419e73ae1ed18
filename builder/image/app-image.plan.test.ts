import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataboxError } from '../../core/errors';
import { planAppImage } from './app-image.plan';
import type { ContextEntry } from './context.types';

const file = (name: string, text = name): ContextEntry => ({ name, mode: 0o644, content: Buffer.from(text) });
const bundle = [file('Dockerfile'), file('databox-manifest.json'), file('flows.json'), file('package.json'),
  { name: 'node_modules/x/index.js', mode: 0o755, content: Buffer.from('x') }, file('node_modules/x/package.json')];
const FROM = 'FROM databox/flow-runtime:0.1.0';

test('what `databox build` writes is planned as one layer: the files at their destinations, LABEL lines kept whole', () => {
  const dockerfile = `# app\n${FROM}\nLABEL a="1" \\\n      b="two words"\nCOPY databox-manifest.json flows.json package.json /app/\nCOPY node_modules/ /app/node_modules/\n`;
  const plan = planAppImage(dockerfile, bundle);
  assert.equal(plan.kind, 'commit');
  if (plan.kind !== 'commit') return;
  assert.deepEqual(plan.steps, [FROM, 'LABEL a="1" b="two words"', 'COPY databox-manifest.json flows.json package.json /app/', 'COPY node_modules/ /app/node_modules/']);
  assert.deepEqual(plan.changes, ['LABEL a="1" \\\n      b="two words"']);
  assert.deepEqual(plan.files.map((f) => [f.name, f.mode]), [
    ['app/databox-manifest.json', 0o644], ['app/flows.json', 0o644], ['app/package.json', 0o644],
    ['app/node_modules/x/index.js', 0o755], ['app/node_modules/x/package.json', 0o644]]);
  assert.equal(plan.files[1] && 'content' in plan.files[1] ? plan.files[1].content.toString() : '', 'flows.json');
});

test('metadata instructions become commit changes; a later COPY of the same path wins', () => {
  const plan = planAppImage(`${FROM}\nENV A=1\nWORKDIR /app\nEXPOSE 9000\nCOPY flows.json /app/\nCOPY ./flows.json package.json /app/\nCMD ["--x"]\n`, [file('flows.json', 'v2'), file('package.json')]);
  assert.equal(plan.kind, 'commit');
  if (plan.kind !== 'commit') return;
  assert.deepEqual(plan.changes, ['ENV A=1', 'WORKDIR /app', 'EXPOSE 9000', 'CMD ["--x"]']);
  assert.deepEqual(plan.files.map((f) => f.name), ['app/flows.json', 'app/package.json']);
});

test('a COPY whose source is not in the bundle fails naming the step, before Docker is asked', () => {
  assert.throws(() => planAppImage(`${FROM}\nCOPY missing.txt /app/\n`, bundle), (error: unknown) =>
    error instanceof DataboxError && error.code === 'image-build-failed' && error.message.startsWith('Step 2/2 : COPY missing.txt /app/: ') && /missing\.txt/.test(error.message));
});

test('what only Docker\'s builder knows how to do goes to it, with the reason', () => {
  const cases: [string, RegExp][] = [
    [`# escape=\`\n${FROM}\nCOPY flows.json /app/\n`, /parser directive/],
    [`${FROM}\nARG X=1\nCOPY flows.json /app/\n`, /ARG \(line 2\)/],
    [`${FROM}\nSTOPSIGNAL SIGINT\n`, /STOPSIGNAL/],
    [`${FROM}\nCOPY --chown=1000 flows.json /app/\n`, /flags/],
    [`${FROM}\nCOPY *.json /app/\n`, /patterns/],
    [`${FROM}\nCOPY $F /app/\n`, /variables/],
    [`${FROM}\nCOPY ["flows.json", "/app/"]\n`, /patterns/],
    [`${FROM}\nCOPY flows.json app/\n`, /relative destination/],
    [`${FROM}\nCOPY flows.json /app/flows\n`, /one file/],
    [`${FROM}\nCOPY flows.json package.json /app\n`, /several sources/],
    [`${FROM}\nCOPY . /app/\n`, /whole context/],
    [`${FROM}\nCOPY ../flows.json /app/\n`, /whole context/],
  ];
  for (const [dockerfile, reason] of cases) {
    const plan = planAppImage(dockerfile, bundle);
    assert.equal(plan.kind, 'dockerfile', dockerfile);
    assert.match(plan.kind === 'dockerfile' ? plan.reason : '', reason, dockerfile);
  }
});

test('destinations stay inside the image\'s file system paths', () => {
  const plan = planAppImage(`${FROM}\nCOPY flows.json /../../etc/\nCOPY node_modules/ /\n`, bundle);
  assert.equal(plan.kind, 'commit');
  assert.deepEqual(plan.kind === 'commit' ? plan.files.map((f) => f.name) : [], ['etc/flows.json', 'x/index.js', 'x/package.json']);
});
