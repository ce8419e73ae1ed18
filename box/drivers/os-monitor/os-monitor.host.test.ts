import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpuBusyPercent, cpuTimesOf, diskUsedPercent, memoryUsedPercent, parseMeminfo, parseProcStat } from './os-monitor.host';

const MEMINFO = 'MemTotal:        8052444 kB\nMemFree:          402312 kB\nMemAvailable:    2013111 kB\nBuffers:          101232 kB\n';

test('memory in use: MemTotal - MemAvailable, else total - free', () => {
  assert.deepEqual(parseMeminfo(MEMINFO), { totalKb: 8052444, availableKb: 2013111 });
  assert.equal(memoryUsedPercent(parseMeminfo(MEMINFO), { total: 1, free: 1 }), 75);
  assert.equal(parseMeminfo('MemTotal: 100 kB\nMemFree: 50 kB\n'), undefined, 'a kernel without MemAvailable');
  assert.equal(memoryUsedPercent(undefined, { total: 4000, free: 1000 }), 75);
  assert.equal(memoryUsedPercent(undefined, { total: 0, free: 0 }), undefined);
});

test('CPU busy between two samples of /proc/stat or os.cpus()', () => {
  const first = parseProcStat('cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 50 0 25 400 25 0 0 0 0 0\nintr 1\n');
  assert.deepEqual(first, { busy: 150, total: 1000 });
  const next = parseProcStat('cpu  160 0 70 1100 70 0 0 0 0 0\n');
  assert.ok(first && next);
  assert.equal(cpuBusyPercent(first, next), 20, '80 busy of 400 jiffies');
  assert.equal(cpuBusyPercent(first, first), undefined, 'no time passed');
  assert.equal(parseProcStat('nothing here'), undefined);
  const times = (user: number, idle: number) => ({ times: { user, nice: 0, sys: 0, idle, irq: 0 } });
  assert.deepEqual(cpuTimesOf([times(10, 90), times(30, 70)]), { busy: 40, total: 200 });
});

test('disk in use as df counts it: used / (used + available to users)', () => {
  assert.equal(diskUsedPercent({ blocks: 1000, bfree: 300, bavail: 250 }), 73.7);
  assert.equal(diskUsedPercent({ blocks: 0, bfree: 0, bavail: 0 }), undefined);
});
