import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summaryFromJson, summaryFromRow } from './record.mapping';

test('a listing read as JSON equals the same listing read as columns; odd values fall back safely', () => {
  const row = { name: 'loadmon', owner: 'alice', display_name: 'Load', description: 'd', type: 'driver', version: '1.0.0', channel: 'beta',
    tags: '["host"]', datasource_types: '["loadavg1"]', exports_data: 1, approved: 0, updated_at: '2026-01-01T00:00:00.000Z' };
  const json = { name: 'loadmon', owner: 'alice', displayName: 'Load', description: 'd', type: 'driver', version: '1.0.0', channel: 'beta',
    tags: ['host'], datasourceTypes: ['loadavg1'], exportsData: true, approved: false, updatedAt: '2026-01-01T00:00:00.000Z' };
  assert.deepEqual(summaryFromJson(json), summaryFromRow(row));
  const odd = summaryFromJson({ name: 7, type: 'rootkit', tags: ['ok', 3], exportsData: 'yes' });
  assert.deepEqual([odd.name, odd.type, odd.tags, odd.exportsData, odd.channel], ['', 'app', ['ok'], false, 'stable']);
  assert.equal(summaryFromJson(null).name, '');
});
