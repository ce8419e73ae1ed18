/**
 * Reads this host's values (the I/O around os-monitor.host.ts): load averages, memory from
 * /proc/meminfo (os.freemem where there is none), CPU times from /proc/stat (os.cpus()), and
 * disk use of the filesystem holding `diskPath`. A value the host cannot give is left out.
 *
 * @example
 * const first = await sampleHost('/');
 * const next = await sampleHost('/', first.cpu);   // next.values['cpu-usage'] is the % busy in between
 */
import { readFile, statfs } from 'node:fs/promises';
import os from 'node:os';
import { cpuBusyPercent, cpuTimesOf, diskUsedPercent, memoryUsedPercent, parseMeminfo, parseProcStat, type CpuTimes } from './os-monitor.host';
import type { OsMonitorType } from './os-monitor.manifest';

export interface HostSample {
  values: Partial<Record<OsMonitorType, number>>;
  /** The CPU times now: the baseline of the next sample's cpu-usage. */
  cpu: CpuTimes;
}

export async function sampleHost(diskPath: string, previousCpu?: CpuTimes): Promise<HostSample> {
  const [meminfo, stat, disk] = await Promise.all([readText('/proc/meminfo'), readText('/proc/stat'), statfs(diskPath).catch(() => undefined)]);
  const cpu = (stat !== undefined ? parseProcStat(stat) : undefined) ?? cpuTimesOf(os.cpus());
  const [load1, load5, load15] = os.loadavg().map((n) => Math.round(n * 100) / 100);
  const values: HostSample['values'] = { loadavg1: load1, loadavg5: load5, loadavg15: load15 };
  const memory = memoryUsedPercent(meminfo !== undefined ? parseMeminfo(meminfo) : undefined, { total: os.totalmem(), free: os.freemem() });
  if (memory !== undefined) values['memory-used'] = memory;
  const busy = previousCpu ? cpuBusyPercent(previousCpu, cpu) : undefined;
  if (busy !== undefined) values['cpu-usage'] = busy;
  const used = disk ? diskUsedPercent(disk) : undefined;
  if (used !== undefined) values['disk-used'] = used;
  return { values, cpu };
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
