// Data-driven node tests: each nodes/test-fixtures/*.json is a flow run in a real Node-RED
// (preview mode), messages sent in, and the messages expected out (partial match). Expected
// values are written by hand (aggregations worked out from the readings the fixture lists),
// never recorded from the code.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { collect, loadFlow, node, record, settle, startRed, stopRed, type FlowJson, type Msg } from './test-support/red.harness';
import { mismatch } from './test-support/fixture.match';

interface Fixture {
  name: string;
  settings?: Record<string, unknown>;
  flow: FlowJson;
  send?: { node: string; msg: Msg }[];
  expect: { node: string; count?: number; messages?: Msg[] }[];
  /** True: no message beyond the expected ones arrives (for flows that stop by themselves). */
  exact?: boolean;
}

const folder = path.join(__dirname, 'test-fixtures');

before(startRed);
after(stopRed);

for (const file of readdirSync(folder).filter((name) => name.endsWith('.json')).sort()) {
  const fixture: Fixture = JSON.parse(readFileSync(path.join(folder, file), 'utf8'));
  test(`${file}: ${fixture.name}`, async () => {
    await loadFlow(fixture.flow, fixture.settings);
    const waits = fixture.expect.map((e) => collect(e.node, e.messages?.length ?? e.count ?? 1));
    for (const { node: id, msg } of fixture.send ?? []) {
      node(id).receive(structuredClone(msg));
      await settle();
    }
    const received = await Promise.all(waits);
    fixture.expect.forEach((e, i) => {
      assert.ok(e.messages, `${file}: expect[${i}] has no messages`);
      e.messages.forEach((expected, j) => {
        const problem = mismatch(received[i][j], expected);
        assert.equal(problem, undefined, `${e.node} message ${j}: ${problem}`);
      });
    });
    if (fixture.exact) {
      await settle();
      for (const e of fixture.expect) assert.equal(record(e.node).length, e.messages?.length, `${e.node} got no extra messages`);
    }
  });
}
