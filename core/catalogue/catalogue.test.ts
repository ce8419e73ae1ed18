import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DATASOURCE_TYPES, datasourceTypeOrGeneric, findDatasourceType } from './catalogue';
import { seededRng } from './rng';

test('every catalogue type has a unique id and simulates values that fit its schema', () => {
  const ids = new Set<string>();
  for (const type of DATASOURCE_TYPES) {
    assert.ok(!ids.has(type.id), `duplicate id ${type.id}`);
    ids.add(type.id);
    const sim = type.simulate(seededRng(7));
    for (let i = 0; i < 200; i++) {
      const value = sim.next(Date.UTC(2026, 0, 1) + i * type.periodMs);
      const schema = type.schema;
      if (schema.type === 'number') {
        assert.equal(typeof value, 'number', type.id);
        if (schema.minimum !== undefined) assert.ok((value as number) >= schema.minimum, `${type.id} below minimum`);
        if (schema.maximum !== undefined) assert.ok((value as number) <= schema.maximum, `${type.id} above maximum`);
      } else if (schema.type === 'object') {
        assert.equal(typeof value, 'object', type.id);
        for (const key of schema.required ?? []) assert.ok(key in (value as object), `${type.id} lacks ${key}`);
      } else {
        assert.equal(typeof value, schema.type, type.id);
      }
    }
  }
});

test('simulation is deterministic for a seed and differs between seeds', () => {
  const type = findDatasourceType('temperature')!;
  const run = (seed: number) => { const s = type.simulate(seededRng(seed)); return [1, 2, 3].map((i) => s.next(i * 1000)); };
  assert.deepEqual(run(1), run(1));
  assert.notDeepEqual(run(1), run(2));
});

test('a free-text type falls back to a generic numeric series', () => {
  assert.equal(findDatasourceType('my-sensor'), undefined);
  const generic = datasourceTypeOrGeneric('my-sensor');
  assert.equal(generic.storeType, 'ts');
  assert.equal(typeof generic.simulate(seededRng(1)).next(0), 'number');
});

test('disk-used is a host percentage that moves slowly in preview', () => {
  const type = findDatasourceType('disk-used');
  assert.ok(type);
  assert.deepEqual([type.unit, type.storeType, type.actuator, type.vendor], ['%', 'ts', false, 'databox-driver-os-monitor']);
  const sim = type.simulate(seededRng(3));
  const values = Array.from({ length: 100 }, (_, i) => sim.next(i * type.periodMs) as number);
  for (let i = 1; i < values.length; i++) assert.ok(Math.abs((values[i] ?? 0) - (values[i - 1] ?? 0)) < 2, 'no jump between two readings');
  assert.ok(values.every((v) => v > 20 && v < 80), 'a plausible level');
});
