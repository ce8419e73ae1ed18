import { test } from 'node:test';
import assert from 'node:assert/strict';
import { riskGrade, RISK_WEIGHTS } from './manifest.risk';
import type { Manifest } from './manifest.types';

const base: Manifest = {
  'manifest-version': 1, name: 'app', 'databox-type': 'app', version: '1.0.0', description: 'd', author: 'a', license: 'MIT', tags: [],
  datasources: [], 'export-whitelist': [], 'resource-requirements': {}, lineage: [],
};
const load = { clientid: 'load', type: 'loadavg1', required: true };

test('an app that only reads keeps the data on the box: low, each read a reason', () => {
  const r = riskGrade({ ...base, datasources: [load] });
  assert.deepEqual(r, { grade: 'low', score: RISK_WEIGHTS.read, reasons: [{ weight: 3, text: 'Reads your host load average over 1 minute (loadavg1); reading alone keeps it on the box' }] });
  assert.deepEqual(riskGrade(base), { grade: 'low', score: 0, reasons: [] });
});

test('personal data that can leave as it is weighs most: high, and that reason first', () => {
  const r = riskGrade({
    ...base, datasources: [load],
    'export-whitelist': [{ url: 'https://example.org/in', description: 'x' }],
    lineage: [{ kind: 'export', sink: 'https://example.org/in', sources: ['load'] }],
  });
  assert.equal(r.grade, 'high');
  assert.equal(r.score, 43);
  assert.deepEqual(r.reasons.map((x) => x.text), ['Can send your loadavg1 readings, as they are, to https://example.org/in', 'Reads your host load average over 1 minute (loadavg1); reading alone keeps it on the box']);
});

test('the same export made private weighs little, more as epsilon grows; an export of its own data and an actuator sit between', () => {
  const privateOf = (epsilon: number) => riskGrade({
    ...base, datasources: [load],
    'export-whitelist': [{ url: 'https://study.example/in', description: 'x', privacy: { mechanism: 'laplace', epsilon, period: 'day', bounds: [0, 10] } }],
    lineage: [{ kind: 'export', sink: 'https://study.example/in', sources: ['load'], private: true }],
  });
  assert.equal(privateOf(1).grade, 'low');
  assert.equal(privateOf(1).score, 8);
  assert.match(privateOf(1).reasons[0]?.text ?? '', /^Can send one noisy value a day made from your loadavg1 readings to https:\/\/study\.example\/in \(private, epsilon 1: the box adds the noise\)$/);
  assert.ok(privateOf(10).score > privateOf(1).score);
  assert.equal(privateOf(10).grade, 'medium');
  const own = riskGrade({ ...base, 'export-whitelist': [{ url: 'https://e.example/in', description: 'x' }], lineage: [{ kind: 'export', sink: 'https://e.example/in', sources: [] }] });
  assert.deepEqual([own.grade, own.score], ['low', 10]);
  const lamp = riskGrade({ ...base, datasources: [{ clientid: 'lamp', type: 'set-light-on', required: true, actuator: true }] });
  assert.deepEqual([lamp.grade, lamp.reasons[0]?.text], ['medium', 'Acts on your devices: switch a smart light on or off (set-light-on)']);
});

test('a driver reaching an outside host is graded by it', () => {
  const r = riskGrade({ ...base, 'databox-type': 'driver', 'external-whitelist': [{ urls: ['https://api.example.org'], description: 'weather' }] });
  assert.deepEqual([r.grade, r.score, r.reasons[0]?.text], ['medium', 30, 'Connects to https://api.example.org, outside your box']);
});
