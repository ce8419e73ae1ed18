/**
 * The newest rows of each series, kept in memory as ready JSON text so `/latest` and
 * `/last/<n>` answer without touching SQLite. A series' window is filled from the database on
 * first read, extended after each commit by in-order writes, and dropped when a write lands
 * before its newest row (the next read refills it). Bounded: at most RECENT_ROWS rows and
 * RECENT_BYTES of text per window (big blobs make short windows), at most RECENT_SERIES
 * windows, least recently used dropped first. A window that holds the whole series answers any
 * `n`; one that was trimmed answers only `n` up to what it holds.
 */

export const RECENT_ROWS = 1000;
export const RECENT_BYTES = 128 * 1024;
export const RECENT_SERIES = 256;

interface Window {
  rows: string[];
  bytes: number;
  newest: number;
  /** True while the window holds every row of the series. */
  complete: boolean;
}

export interface RecentRows {
  /** The newest `n` rows, newest first, or undefined when this window cannot answer. */
  last(sid: number, n: number): string[] | undefined;
  /** Sets a window read from the database: the newest rows, oldest first; `complete` when they are all the series has. */
  fill(sid: number, rows: string[], newest: number, complete: boolean): void;
  /** True when the series has a window (only then is `append` worth building rows for). */
  has(sid: number): boolean;
  /** After a commit: rows (oldest first, with their timestamps) written to a series. */
  append(sid: number, timestamps: readonly number[], rows: readonly string[]): void;
}

/**
 * @example
 * const recent = createRecentRows();
 * recent.fill(1, ['{"timestamp":1,"data":{"value":2}}'], 1, true);
 * recent.last(1, 1); // ['{"timestamp":1,"data":{"value":2}}']
 */
export function createRecentRows(): RecentRows {
  const windows = new Map<number, Window>();
  const trim = (window: Window): void => {
    let drop = Math.max(0, window.rows.length - RECENT_ROWS);
    let bytes = window.bytes;
    for (let i = 0; i < drop; i++) bytes -= window.rows[i].length;
    while (bytes > RECENT_BYTES && drop < window.rows.length) bytes -= window.rows[drop++].length;
    if (drop === 0) return;
    window.rows = window.rows.slice(drop);
    window.bytes = bytes;
    window.complete = false;
  };
  return {
    last(sid, n) {
      const window = windows.get(sid);
      if (!window || (n > window.rows.length && !window.complete)) return undefined;
      windows.delete(sid);
      windows.set(sid, window);
      const from = Math.max(0, window.rows.length - n);
      const out: string[] = [];
      for (let i = window.rows.length - 1; i >= from; i--) out.push(window.rows[i]);
      return out;
    },
    fill(sid, rows, newest, complete) {
      const window: Window = { rows: [...rows], bytes: rows.reduce((sum, row) => sum + row.length, 0), newest, complete };
      trim(window);
      windows.delete(sid);
      windows.set(sid, window);
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
        window.bytes += rows[i].length;
      }
      if (window.rows.length > 2 * RECENT_ROWS || window.bytes > RECENT_BYTES) trim(window);
    },
  };
}
