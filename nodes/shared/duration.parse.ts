/**
 * Durations and points in time as a person types them in a node: `90s`, `15m`, `2h`, `1d`,
 * `500ms` or a bare number of ms; a time is an ISO date, ms since the epoch, or a duration
 * meaning "that long before now".
 *
 * @example
 * parseDuration('2h');                       // 7200000
 * parseTime('15m', 1_000_000_000);           // 999100000
 * parseTime('2026-01-01T00:00:00Z', now);    // 1767225600000
 */
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/;

/** A duration in ms, or undefined when the text is not one. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const ms = Number(match[1]) * UNITS[match[2] ?? 'ms'];
  return Number.isFinite(ms) ? ms : undefined;
}

/** A time in ms since the epoch, or undefined when the text is none of the accepted forms. */
export function parseTime(text: string, now: number): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (/^\d{10,}$/.test(trimmed)) return Number(trimmed);
  const duration = parseDuration(trimmed);
  if (duration !== undefined) return now - duration;
  if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed)) return undefined;
  const parsed = Date.parse(trimmed);
  return Number.isFinite(parsed) ? parsed : undefined;
}
