/**
 * Pure arithmetic of the host readings: memory in use from /proc/meminfo (MemTotal -
 * MemAvailable, what `free` calls used), CPU busy time between two samples of /proc/stat (or
 * of os.cpus()), and disk use as `df` reports it (used / (used + available to users)).
 *
 * @example
 * memoryUsedPercent(parseMeminfo('MemTotal: 1000 kB\nMemAvailable: 250 kB\n'), { total: 0, free: 0 }) // 75
 * cpuBusyPercent({ busy: 10, total: 100 }, { busy: 40, total: 200 })                                // 30
 */
import type { CpuInfo } from 'node:os';

/** Cumulative CPU time since boot, in any unit (jiffies, ms). */
export interface CpuTimes {
  busy: number;
  total: number;
}

export interface Meminfo {
  totalKb: number;
  availableKb: number;
}

/** MemTotal and MemAvailable (kernel 3.14+); undefined when either is missing. */
export function parseMeminfo(text: string): Meminfo | undefined {
  const field = (name: string): number | undefined => {
    const match = new RegExp(`^${name}:\\s+(\\d+)\\s*kB`, 'm').exec(text);
    return match ? Number(match[1]) : undefined;
  };
  const totalKb = field('MemTotal');
  const availableKb = field('MemAvailable');
  return totalKb && availableKb !== undefined ? { totalKb, availableKb } : undefined;
}

/** % of memory in use; without /proc/meminfo, from os.totalmem/os.freemem (free counts no cache, so it reads higher). */
export function memoryUsedPercent(meminfo: Meminfo | undefined, fallback: { total: number; free: number }): number | undefined {
  if (meminfo) return percent(meminfo.totalKb - meminfo.availableKb, meminfo.totalKb);
  return fallback.total > 0 ? percent(fallback.total - fallback.free, fallback.total) : undefined;
}

/**
 * The aggregate `cpu` line of /proc/stat: user nice system idle iowait irq softirq steal (guest
 * time is already in user). Idle and iowait are not busy.
 */
export function parseProcStat(text: string): CpuTimes | undefined {
  const line = /^cpu\s+([\d\s]+)$/m.exec(text);
  if (!line?.[1]) return undefined;
  const fields = line[1].trim().split(/\s+/).map(Number).slice(0, 8);
  if (fields.length < 4 || fields.some((n) => !Number.isFinite(n))) return undefined;
  const total = fields.reduce((sum, n) => sum + n, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** The same from os.cpus() (every platform Node runs on). */
export function cpuTimesOf(cpus: readonly Pick<CpuInfo, 'times'>[]): CpuTimes {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus) {
    const all = times.user + times.nice + times.sys + times.idle + times.irq;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}

/** % busy between two samples; undefined when no time passed between them. */
export function cpuBusyPercent(previous: CpuTimes, next: CpuTimes): number | undefined {
  const total = next.total - previous.total;
  if (total <= 0) return undefined;
  return clampPercent(((next.busy - previous.busy) / total) * 100);
}

/** % of the filesystem in use, from fs.statfs: blocks, blocks free, blocks available to users. */
export function diskUsedPercent(stats: { blocks: number; bfree: number; bavail: number }): number | undefined {
  const used = stats.blocks - stats.bfree;
  return used + stats.bavail > 0 ? percent(used, used + stats.bavail) : undefined;
}

function percent(part: number, whole: number): number {
  return clampPercent((part / whole) * 100);
}

/** Within 0-100, to one decimal. */
function clampPercent(value: number): number {
  return Math.round(Math.min(100, Math.max(0, value)) * 10) / 10;
}
