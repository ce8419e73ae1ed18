/**
 * The newest rows of each series, kept in memory as ready JSON text so `/latest` and
 * `/last/<n>` (n <= RECENT_ROWS) answer without touching SQLite. A series' window is filled
 * from the database on first read, extended after each commit by in-order writes, and dropped
 * when a write lands before its newest row (the next read refills it). Bounded: at most
 * RECENT_SERIES series, least recently used dropped first.
 */

export const RECENT_ROWS = 1000;
export const RECENT_SERIES = 256;

interface Window {
  rows: string[];
  newest: number;
}

export interface RecentRows {
  /** The newest `n` rows, newest first, or undefined when this window cannot answer. */
  last(sid: number, n: number): string[] | undefined;
  /** Sets a window read from the database: `rows` oldest first, up to RECENT_ROWS. */
  fill(sid: number, rows: string[], newest: number): void;
  /** True when the series has a window (only then is `append` worth building rows for). */
  has(sid: number): boolean;
  /** After a commit: rows (oldest first, with their timestamps) written to a series. */
  append(sid: number, timestamps: readonly number[], rows: readonly string[]): void;
}

/**
 * @example
 * const recent = createRecentRows();
 * recent.fill(1, ['{"timestamp":1,"data":{"value":2}}'], 1);
 * recent.last(1, 1); // ['{"timestamp":1,"data":{"value":2}}']
 */
export function createRecentRows(): RecentRows {
  const windows = new Map<number, Window>();
  return {
    last(sid, n) {
      const window = windows.get(sid);
      if (!window || n > RECENT_ROWS) return undefined;
      windows.delete(sid);
      windows.set(sid, window);
      const from = Math.max(0, window.rows.length - n);
      const out: string[] = [];
      for (let i = window.rows.length - 1; i >= from; i--) out.push(window.rows[i]);
      return out;
    },
    fill(sid, rows, newest) {
      windows.set(sid, { rows: rows.slice(-RECENT_ROWS), newest });
      if (windows.size > RECENT_SERIES) windows.delete(windows.keys().next().value ?? sid);
    },
    has: (sid) => windows.has(sid),
    append(sid, timestamps, rows) {
      const window = windows.get(sid);
      if (!window) return;
      for (let i = 0; i < rows.length; i++) {
        if (timestamps[i] < window.newest) {
          windows.delete(sid);
          return;
        }
        window.newest = timestamps[i];
        window.rows.push(rows[i]);
      }
      if (window.rows.length > 2 * RECENT_ROWS) window.rows = window.rows.slice(-RECENT_ROWS);
    },
  };
}
