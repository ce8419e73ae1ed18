import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditCsv, bytesWords, summarySentence } from './dashboard.audit';

test('an app\'s period in a sentence: what it sent where, in sizes a person reads', () => {
  assert.equal(summarySentence({ component: 'host-load', events: 40, refused: 1, tokensMinted: 3, exports: [{ destination: 'https://example.org/in', count: 12, bytes: 12_400 }] }, 'day'),
    'host-load sent 12.1 KB to https://example.org/in (12 exports) in the last 24 hours: 40 events, 3 tokens minted, 1 refused.');
  assert.equal(summarySentence({ component: 'room', events: 2, refused: 0, tokensMinted: 2, exports: [] }, 'week'), 'room sent nothing off the box in the last 7 days: 2 events, 2 tokens minted, 0 refused.');
  assert.deepEqual([bytesWords(900), bytesWords(2048), bytesWords(3 * 1024 * 1024)], ['900 bytes', '2 KB', '3 MB']);
});

test('the CSV quotes what needs quoting, and a cell a spreadsheet would run as a formula stays text', () => {
  const csv = auditCsv([
    { seq: 1, id: 'a', time: 0, component: 'app1', kind: 'export-refused', destination: 'https://x.example/a,b', detail: 'said "no"\nthen left' },
    { seq: 2, id: 'b', time: 1000, component: 'app1', kind: 'export', detail: '=HYPERLINK("https://evil.example")', bytes: 12, status: 202 },
  ]);
  const lines = csv.split('\r\n');
  assert.equal(lines[0], 'time,component,kind,source,target,method,path,destination,bytes,status,detail');
  assert.equal(lines[1], '1970-01-01T00:00:00.000Z,app1,export-refused,,,,,"https://x.example/a,b",,,"said ""no""\nthen left"');
  assert.equal(lines[2], '1970-01-01T00:00:01.000Z,app1,export,,,,,,12,202,"\'=HYPERLINK(""https://evil.example"")"');
  assert.equal(lines.at(-1), '');
});
