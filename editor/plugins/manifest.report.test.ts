// The Databox sidebar's manifest report: the builder's own compile over the editor's current
// flows, with the store's wording for permissions and lineage, every problem naming its node,
// and bad requests refused with a clear error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../builder/compile';
import { MAX_REPORT_NODES, manifestReport, type ManifestReport } from './manifest.report';

const tab = { id: 'tab1', type: 'tab', label: 'Load watch' };
const load = { id: 'ds1', z: 'tab1', type: 'databox-datasource', datasourceType: 'loadavg1', wires: [['exp']] };
const exporter = { id: 'exp', z: 'tab1', type: 'databox-export', url: 'https://example.org/in', description: 'a load summary', wires: [] };
const other = { id: 'tab2', type: 'tab', label: 'Other' };

const report = (flows: unknown[], tabId = 'tab1'): ManifestReport => {
  const answer = manifestReport({ flows, tab: tabId });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body as ManifestReport;
};

test('a tab that builds: the manifest compile makes, permissions and lineage in the store\'s words, no problems', () => {
  const flows = [tab, load, exporter, other, { id: 'o1', z: 'tab2', type: 'databox-datasource', datasourceType: 'temperature', wires: [] }];
  const body = report(flows);
  assert.deepEqual(body.manifest, compile(flows, 'tab1').manifest, 'the same manifest as a build, only this tab\'s');
  assert.deepEqual(body.permissions.map((p) => p.text), ['Reads your host load average over 1 minute (loadavg1)', 'Sends data to https://example.org/in: a load summary']);
  assert.deepEqual(body.lineage, ['Sends your loadavg1 readings to https://example.org/in']);
  assert.deepEqual(body.problems, []);
});

test('a private export: the sidebar says the box adds the noise, the promise in plain words and the private lineage, as the store does', () => {
  const study = { id: 'priv', z: 'tab1', type: 'databox-private-export', url: 'https://study.example.org/studies/load/reports', mechanism: 'laplace', epsilon: '1', period: 'day', lo: '0', hi: '4', unit: '', wires: [] };
  const body = report([tab, { ...load, wires: [['priv']] }, study]);
  assert.deepEqual(body.problems, []);
  assert.deepEqual(body.manifest?.['export-whitelist'][0]?.privacy, { mechanism: 'laplace', epsilon: 1, period: 'day', bounds: [0, 4] });
  assert.match(body.permissions[1]?.text ?? '', /Private: the box adds the noise\. At most one noisy value a day leaves your box\. Any report is at most 2\.7 times likelier for one value between 0 and 4 than for any other \(epsilon 1\)\. A study of 1,000 boxes learns the average to about ±0\.35\.$/);
  assert.deepEqual(body.lineage, ['Sends at most one noisy value a day, made from your loadavg1 readings, to https://study.example.org/studies/load/reports (private: the box adds the noise)']);
  const wrong = report([tab, { ...load, wires: [['priv']] }, { ...study, epsilon: '0', hi: '-1' }]);
  assert.deepEqual(wrong.problems.map((p) => [p.code, p.node?.id]), [['private-export-invalid', 'priv'], ['private-export-invalid', 'priv']]);
});

test('a forbidden and an unknown node: each problem names its node, and the app is still described as it stands', () => {
  const body = report([tab, { ...load, wires: [['x']] }, { id: 'x', z: 'tab1', type: 'exec', name: 'curl it', wires: [[], [], []] }, { id: 'u', z: 'tab1', type: 'mystery-node', wires: [] }]);
  assert.deepEqual(body.problems.map((p) => [p.code, p.node]), [
    ['node-forbidden', { id: 'x', type: 'exec', name: 'curl it' }], ['node-unknown', { id: 'u', type: 'mystery-node' }]]);
  assert.match(body.problems[0]?.message ?? '', /"exec" nodes are not allowed in a box app/);
  assert.ok(body.problems.every((p) => (p.hint ?? '') !== ''), 'each says what to do');
  assert.deepEqual(body.permissions.map((p) => p.text), ['Reads your host load average over 1 minute (loadavg1)']);
  assert.equal(body.manifest?.name, 'load-watch');
});

test('an empty tab is a problem of the tab itself', () => {
  const body = report([tab]);
  assert.deepEqual(body.problems.map((p) => [p.code, p.node?.id]), [['tab-empty', 'tab1']]);
  assert.deepEqual(body.permissions, []);
});

test('bad requests: refused with a status and a message, never a report', () => {
  const cases: [unknown, number, string][] = [
    [[tab], 400, 'report-body-invalid'],
    [{ tab: 'tab1' }, 400, 'report-body-invalid'],
    [{ flows: [tab] }, 400, 'report-body-invalid'],
    [{ flows: [tab], tab: ' ' }, 400, 'report-body-invalid'],
    [{ flows: [tab], tab: 'Load watch' }, 404, 'tab-not-found'],
    [{ flows: [tab, load], tab: 'ds1' }, 404, 'tab-not-found'],
    [{ flows: [tab, load, load], tab: 'tab1' }, 400, 'flows-invalid'],
    [{ flows: [tab, { id: 7 }], tab: 'tab1' }, 400, 'flows-invalid'],
    [{ flows: [tab, ...Array.from({ length: MAX_REPORT_NODES }, (_v, i) => ({ id: `n${i}`, z: 'tab1', type: 'inject' }))], tab: 'tab1' }, 413, 'report-too-large'],
  ];
  for (const [body, status, code] of cases) {
    const answer = manifestReport(body);
    assert.equal(answer.status, status, JSON.stringify(body).slice(0, 80));
    assert.equal('error' in answer.body ? answer.body.error.code : undefined, code);
    assert.ok('error' in answer.body && answer.body.error.message.length > 10 && (answer.body.error.hint ?? '').length > 0);
  }
});
